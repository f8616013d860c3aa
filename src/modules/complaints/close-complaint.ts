import type { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { parseInput } from "../evidence/parse-input.ts";
import type { Principal } from "../identity/principal.ts";
import { closeInput, closeReasons } from "./complaint.ts";
import { loadComplaint, mayRead } from "./find-complaint.ts";
import { checkStep, writeStep } from "./step.ts";

/**
 * Closes a complaint with a reason: outside our powers (better: transfer it, seed 001 item 25),
 * no violation found, a duplicate, or handled (after its case). "handled" needs a linked case;
 * the other reasons need a verification first unless the complaint was reopened.
 */
export async function closeComplaint(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: z.input<typeof closeInput>,
) {
  const m = parseInput(closeInput, input);
  return ctx.db.transaction(async (tx) => {
    const l = await loadComplaint(tx, id);
    if (!mayRead(actor, l)) throw new AppError("FORBIDDEN_AGENCY");
    checkStep(actor, l, "close", m.version);
    const c = l.complaint;
    if (m.reason === "handled" && !c.caseId)
      throw new AppError("VALIDATION_FAILED", "未转为案件线索的投诉举报不能以“已依法处理”办结", [
        { path: "reason", message: "未转为案件线索的投诉举报不能以“已依法处理”办结" },
      ]);
    if (m.reason !== "handled" && c.state === "linked")
      throw new AppError("VALIDATION_FAILED", "已转为案件线索的投诉举报只能以“已依法处理”办结", [
        { path: "reason", message: "已转为案件线索的投诉举报只能以“已依法处理”办结" },
      ]);
    return writeStep(tx, c, {
      event: "closed",
      ledger: "complaint.closed",
      to: "closed",
      data: { reason: m.reason, reasonName: closeReasons[m.reason], note: m.note },
      patch: { closeReason: m.reason, pendingAgencyId: null },
      actorId: actor.userId,
      at: ctx.now(),
    });
  });
}

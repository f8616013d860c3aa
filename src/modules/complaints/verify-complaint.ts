import type { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { parseInput } from "../evidence/parse-input.ts";
import type { Principal } from "../identity/principal.ts";
import { verifyInput } from "./complaint.ts";
import { loadComplaint, mayRead } from "./find-complaint.ts";
import { checkStep, writeStep } from "./step.ts";

/** The owning unit records what it found on checking the complaint (seed 001 item 20(4): 调查核实). */
export async function verifyComplaint(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: z.input<typeof verifyInput>,
) {
  const m = parseInput(verifyInput, input);
  return ctx.db.transaction(async (tx) => {
    const l = await loadComplaint(tx, id);
    if (!mayRead(actor, l)) throw new AppError("FORBIDDEN_AGENCY");
    checkStep(actor, l, "verify", m.version);
    return writeStep(tx, l.complaint, {
      event: "verified",
      ledger: "complaint.verified",
      to: "verified",
      data: { findings: m.findings },
      actorId: actor.userId,
      at: ctx.now(),
    });
  });
}

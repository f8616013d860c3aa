import type { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { parseInput } from "../evidence/parse-input.ts";
import type { Principal } from "../identity/principal.ts";
import { dispatchInput } from "./complaint.ts";
import { loadComplaint, mayRead } from "./find-complaint.ts";
import { checkStep, writeStep } from "./step.ts";

/**
 * Dispatches a complaint to a unit of the owning bureau's tree by area and field (seed 001 item
 * 26: the receiving unit stays responsible until the unit accepts it).
 */
export async function dispatchComplaint(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: z.input<typeof dispatchInput>,
) {
  const m = parseInput(dispatchInput, input);
  return ctx.db.transaction(async (tx) => {
    const l = await loadComplaint(tx, id);
    if (!mayRead(actor, l)) throw new AppError("FORBIDDEN_AGENCY");
    checkStep(actor, l, "dispatch", m.version);
    const target = await findAgency(tx, m.agencyId).catch(() => {
      throw new AppError("VALIDATION_FAILED", "承办单位不存在", [
        { path: "agencyId", message: "承办单位不存在" },
      ]);
    });
    if (target.id === l.agency.id || !target.path.startsWith(l.agency.path))
      throw new AppError("VALIDATION_FAILED", "只能分派给本单位下属的中队或执法队", [
        { path: "agencyId", message: "只能分派给本单位下属的中队或执法队" },
      ]);
    const c = l.complaint;
    if (c.field && !target.fields.includes(c.field))
      throw new AppError("VALIDATION_FAILED", `${target.name}没有“${c.field}”执法领域`, [
        { path: "agencyId", message: `${target.name}没有“${c.field}”执法领域` },
      ]);
    return writeStep(tx, c, {
      event: "dispatched",
      ledger: "complaint.dispatched",
      to: "dispatched",
      data: { agencyId: target.id, agencyName: target.name, note: m.note },
      patch: { pendingAgencyId: target.id },
      actorId: actor.userId,
      at: ctx.now(),
    });
  });
}

import type { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { parseInput } from "../evidence/parse-input.ts";
import type { Principal } from "../identity/principal.ts";
import { dateOf } from "../officers/officer.ts";
import { noteInput } from "./complaint.ts";
import { loadComplaint, mayRead } from "./find-complaint.ts";
import { checkStep, writeStep } from "./step.ts";

/**
 * The unit a complaint was dispatched to accepts it and from then on owns it (seed 001 item 26);
 * a complaint still at the receiving unit is accepted by that unit itself.
 */
export async function acceptComplaint(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: z.input<typeof noteInput>,
) {
  const m = parseInput(noteInput, input);
  return ctx.db.transaction(async (tx) => {
    const l = await loadComplaint(tx, id);
    if (!mayRead(actor, l)) throw new AppError("FORBIDDEN_AGENCY");
    checkStep(actor, l, "accept", m.version);
    const unit = l.pending ?? l.agency;
    const now = ctx.now();
    return writeStep(tx, l.complaint, {
      event: "accepted",
      ledger: "complaint.accepted",
      to: "accepted",
      data: { agencyId: unit.id, agencyName: unit.name, previousOwnerId: l.agency.id, note: m.note },
      patch: { agencyId: unit.id, pendingAgencyId: null, acceptedOn: dateOf(now) },
      actorId: actor.userId,
      at: now,
    });
  });
}

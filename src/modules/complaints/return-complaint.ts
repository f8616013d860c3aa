import type { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { parseInput } from "../evidence/parse-input.ts";
import type { Principal } from "../identity/principal.ts";
import { returnInput } from "./complaint.ts";
import { loadComplaint, mayRead } from "./find-complaint.ts";
import { checkStep, writeStep } from "./step.ts";

/** The unit a complaint was dispatched to sends it back with a reason; the owner keeps it (seed 001 item 26). */
export async function returnComplaint(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: z.input<typeof returnInput>,
) {
  const m = parseInput(returnInput, input);
  return ctx.db.transaction(async (tx) => {
    const l = await loadComplaint(tx, id);
    if (!mayRead(actor, l)) throw new AppError("FORBIDDEN_AGENCY");
    checkStep(actor, l, "return", m.version);
    return writeStep(tx, l.complaint, {
      event: "returned",
      ledger: "complaint.returned",
      to: "received",
      data: { agencyId: l.pending!.id, agencyName: l.pending!.name, reason: m.reason },
      patch: { pendingAgencyId: null },
      actorId: actor.userId,
      at: ctx.now(),
    });
  });
}

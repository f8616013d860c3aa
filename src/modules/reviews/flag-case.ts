import type { AppContext } from "../../context.ts";
import { newId } from "../../core/ids.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { caseForTeam } from "./review-case.ts";
import { flagCaseInput } from "./review-input.ts";
import { majorCaseFlags } from "./schema.ts";

/**
 * L1 / P10: the case team or a leader marks a case as major by hand (major public interest, complex,
 * several legal relations), with the reason: its decision then needs review and/or discussion.
 */
export async function flagCase(ctx: AppContext, actor: Principal, caseId: string, raw: unknown) {
  const input = flagCaseInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const loaded = await caseForTeam(tx, actor, caseId);
    const now = ctx.now();
    const row = {
      id: newId(),
      caseId,
      agencyId: loaded.case.agencyId,
      needsReview: input.needsReview,
      needsDiscussion: input.needsDiscussion,
      reason: input.reason,
      actorId: actor.userId,
      at: now,
    };
    await tx.insert(majorCaseFlags).values(row);
    await appendEntry(tx, {
      agencyId: loaded.case.agencyId,
      actorId: actor.userId,
      caseId,
      type: "review.case_flagged",
      payload: { needsReview: row.needsReview, needsDiscussion: row.needsDiscussion, reason: row.reason },
      at: now,
    });
    return row;
  });
}

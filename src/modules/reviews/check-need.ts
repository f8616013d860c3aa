import type { AppContext } from "../../context.ts";
import { findCase } from "../cases/find-case.ts";
import type { Penalty } from "../cases/rules/penalty.ts";
import type { Principal } from "../identity/principal.ts";
import { latestReview } from "./find-review.ts";
import { needOf } from "./load-major.ts";

/**
 * "Does this proposed decision need legal review, collective discussion, filing?" (P9, P10, L1, F1),
 * with the reasons and the state of the case's review.
 */
export async function checkNeed(
  ctx: AppContext,
  actor: Principal,
  caseId: string,
  decision: { outcome: string; penalty?: Penalty },
) {
  const loaded = await findCase(ctx.db, actor, caseId);
  const need = await needOf(
    ctx.db,
    { case: loaded.case, agencyPath: loaded.agency.path, events: loaded.events },
    decision,
  );
  const latest = await latestReview(ctx.db, caseId);
  return {
    ...need,
    currentReview: latest
      ? { id: latest.review.id, round: latest.review.round, status: latest.status }
      : null,
  };
}

import { and, eq, inArray } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Principal } from "../identity/principal.ts";
import { memberships, users } from "../identity/schema.ts";
import { caseForTeam } from "./review-case.ts";
import { requiredMaterials, reviewerRefusal } from "./submit-review.ts";

/** P10: the legal reviewers of the case's agency and bureau, each with the reason they may not review it (or null). */
export async function listReviewers(ctx: AppContext, actor: Principal, caseId: string) {
  const loaded = await caseForTeam(ctx.db, actor, caseId);
  const rows = await ctx.db
    .selectDistinct({ id: users.id, name: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.role, "legal_reviewer"),
        inArray(memberships.agencyId, [loaded.agency.id, loaded.bureau.id]),
      ),
    );
  const items = [];
  for (const r of rows)
    items.push({
      userId: r.id,
      name: r.name,
      refusal: await reviewerRefusal(ctx.db, loaded, r.id, actor.userId),
    });
  return { items, requiredMaterials: requiredMaterials(loaded), state: loaded.case.state };
}

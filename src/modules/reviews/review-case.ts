import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import { mayApprove } from "../cases/case-roles.ts";
import { findCase, type LoadedCase } from "../cases/find-case.ts";
import { can, type Principal } from "../identity/principal.ts";

/** The case places a review is about. */
export const placeOf = (loaded: LoadedCase) => ({
  agencyPath: loaded.agency.path,
  bureauPath: loaded.bureau.path,
  officerIds: loaded.officerIds,
});

/** The case team (its officers and those who approve its decisions) acts for the case in review matters. */
export async function caseForTeam(ex: Executor, actor: Principal, caseId: string): Promise<LoadedCase> {
  const loaded = await findCase(ex, actor, caseId);
  const place = placeOf(loaded);
  const onTeam = loaded.officerIds.includes(actor.userId) && can(actor, "review.submit", loaded.agency.path);
  if (!onTeam && !(mayApprove(actor, place) && can(actor, "review.submit", loaded.agency.path)))
    throw new AppError("FORBIDDEN_AGENCY", "只有本案办案人员或审批人员可以提交法制审核");
  return loaded;
}

/** States where the case waits for its decision (the decide step starts from them). */
export const decidableStates = ["investigated", "stated", "heard"];

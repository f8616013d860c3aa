import { can, type Principal } from "../identity/principal.ts";
import type { CaseRole } from "./transition.ts";

/**
 * Where a case lives for its roles: the agency handling it and the bureau in whose name it is
 * decided (a squad's bureau; otherwise the agency itself).
 */
export type CasePlace = { agencyPath: string; bureauPath: string; officerIds: string[] };

/**
 * The roles the actor holds in a case (own scope). "officer" counts only for an officer assigned
 * to the case (officers act on their own cases); a squad leader leads the squad's cases; the
 * agency leader (机关负责人) approves in the agency handling the case or in its bureau (APL art.
 * 54, 57: filing and decisions are approved by the head of the administrative organ).
 */
export function caseRolesOf(actor: Principal, c: CasePlace): CaseRole[] {
  const heldIn = (path: string) =>
    new Set(actor.memberships.filter((m) => m.agencyPath === path).flatMap((m) => m.roles));
  const own = heldIn(c.agencyPath);
  const bureau = heldIn(c.bureauPath);
  const out: CaseRole[] = [];
  if (own.has("officer") && c.officerIds.includes(actor.userId)) out.push("officer");
  if (own.has("squad_leader")) out.push("squad_leader");
  if (own.has("agency_leader") || bureau.has("agency_leader")) out.push("agency_leader");
  return out;
}

/** Holds case.approve for the case (in its agency, or as the bureau's leader). */
export const mayApprove = (actor: Principal, c: CasePlace): boolean =>
  can(actor, "case.approve", c.agencyPath) || can(actor, "case.approve", c.bureauPath);

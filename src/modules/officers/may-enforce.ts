import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { certificatesOf, findOfficerByUser, managingBureau } from "./find-officer.ts";
import { type MayEnforce, mayEnforce } from "./officer.ts";

export type EnforcementAct = {
  /** The person who would act (a user account). */
  userId: string;
  /** The agency in whose name the act is done (the case's agency). */
  agencyId: string;
  /** The enforcement field (执法领域), as written on certificates, e.g. "市容环境卫生". */
  field: string;
  /** The date of the act, YYYY-MM-DD. */
  date: string;
};

/** O1: the answer of mayEnforce for a user acting for an agency on a date (no throw). */
export async function checkMayEnforce(ex: Executor, act: EnforcementAct): Promise<MayEnforce> {
  const officer = await findOfficerByUser(ex, act.userId);
  if (!officer) return mayEnforce(null, act);
  const agency = await findAgency(ex, act.agencyId);
  const [own, theirs] = await Promise.all([managingBureau(ex, agency), managingBureau(ex, officer.agency)]);
  if (own.id !== theirs.id && !officer.agency.path.startsWith(agency.path))
    return { ok: false, reason: `${officer.user.displayName}不是${agency.name}的执法人员（O1）` };
  const certs = await certificatesOf(ex, [officer.profile.id], act.date);
  return mayEnforce(
    {
      displayName: officer.user.displayName,
      enforcementPost: officer.profile.enforcementPost,
      certificates: certs,
    },
    act,
  );
}

/**
 * O1: throws CERTIFICATE_INVALID (HTTP 422) with the Chinese reason unless the user holds, on the
 * act's date, a valid certificate covering the field. Case handling calls this inside its
 * transaction before recording an enforcement act.
 */
export async function assertMayEnforce(ex: Executor, act: EnforcementAct): Promise<void> {
  const answer = await checkMayEnforce(ex, act);
  if (!answer.ok) throw new AppError("CERTIFICATE_INVALID", answer.reason);
}

/**
 * C2: investigation and evidence collection need at least two distinct officers, each with a
 * valid certificate covering the field on the date. Throws CERTIFICATE_INVALID naming every
 * officer refused.
 */
export async function assertTwoCertifiedOfficers(
  ex: Executor,
  act: Omit<EnforcementAct, "userId"> & { userIds: string[] },
): Promise<void> {
  const distinct = [...new Set(act.userIds)];
  const reasons: string[] = [];
  let certified = 0;
  for (const userId of distinct) {
    const answer = await checkMayEnforce(ex, { ...act, userId });
    if (answer.ok) certified++;
    else reasons.push(answer.reason);
  }
  if (certified < 2) {
    throw new AppError(
      "CERTIFICATE_INVALID",
      [`调查取证须由至少两名持有效执法证的执法人员进行，现有 ${certified} 名（C2）`, ...reasons].join("；"),
      reasons.map((message) => ({ message })),
    );
  }
}

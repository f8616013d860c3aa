import { eq, inArray } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import { ancestorIds } from "../agencies/agency.ts";
import { type AgencyRow, findAgency } from "../agencies/find-agency.ts";
import { agencies } from "../agencies/schema.ts";
import { users } from "../identity/schema.ts";
import { certificatesOf } from "./find-officer.ts";
import { type MayEnforce, mayEnforce } from "./officer.ts";
import { officerProfiles } from "./schema.ts";

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

const isBureau = (a: AgencyRow) => a.kind === "city_bureau" || a.kind === "county_bureau";

/** The nearest bureau at or above an agency, from a map holding its ancestors (see managingBureau). */
function bureauIn(agency: AgencyRow, byId: Map<string, AgencyRow>): AgencyRow {
  if (isBureau(agency)) return agency;
  const chain = ancestorIds(agency.path)
    .map((id) => byId.get(id))
    .filter((a): a is AgencyRow => a !== undefined && isBureau(a))
    .sort((a, b) => b.path.length - a.path.length);
  return chain[0] ?? agency;
}

/**
 * O1: the answers of mayEnforce for several users acting for an agency on a date (no throw), with
 * a fixed number of queries whatever the number of users.
 */
export async function checkMayEnforceMany(
  ex: Executor,
  act: Omit<EnforcementAct, "userId"> & { userIds: string[]; agency?: AgencyRow },
): Promise<Map<string, MayEnforce>> {
  const answers = new Map<string, MayEnforce>();
  if (act.userIds.length === 0) return answers;
  const rows = await ex
    .select({ profile: officerProfiles, agency: agencies, displayName: users.displayName })
    .from(officerProfiles)
    .innerJoin(agencies, eq(agencies.id, officerProfiles.agencyId))
    .innerJoin(users, eq(users.id, officerProfiles.userId))
    .where(inArray(officerProfiles.userId, act.userIds));
  const agency = act.agency ?? (await findAgency(ex, act.agencyId));
  const chainIds = new Set([...ancestorIds(agency.path), ...rows.flatMap((r) => ancestorIds(r.agency.path))]);
  const chain = await ex
    .select()
    .from(agencies)
    .where(inArray(agencies.id, [...chainIds]));
  const byId = new Map(chain.map((a) => [a.id, a]));
  const own = bureauIn(agency, byId);
  const certs = await certificatesOf(
    ex,
    rows.map((r) => r.profile.id),
    act.date,
  );
  for (const userId of act.userIds) {
    const r = rows.find((x) => x.profile.userId === userId);
    if (!r) {
      answers.set(userId, mayEnforce(null, act));
      continue;
    }
    if (own.id !== bureauIn(r.agency, byId).id && !r.agency.path.startsWith(agency.path)) {
      answers.set(userId, { ok: false, reason: `${r.displayName}不是${agency.name}的执法人员（O1）` });
      continue;
    }
    answers.set(
      userId,
      mayEnforce(
        {
          displayName: r.displayName,
          enforcementPost: r.profile.enforcementPost,
          certificates: certs.filter((c) => c.officerId === r.profile.id),
        },
        act,
      ),
    );
  }
  return answers;
}

/** O1: the answer of mayEnforce for a user acting for an agency on a date (no throw). */
export async function checkMayEnforce(ex: Executor, act: EnforcementAct): Promise<MayEnforce> {
  const answers = await checkMayEnforceMany(ex, { ...act, userIds: [act.userId] });
  return answers.get(act.userId)!;
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
  act: Omit<EnforcementAct, "userId"> & { userIds: string[]; agency?: AgencyRow },
): Promise<void> {
  const distinct = [...new Set(act.userIds)];
  const answers = await checkMayEnforceMany(ex, { ...act, userIds: distinct });
  const reasons: string[] = [];
  let certified = 0;
  for (const userId of distinct) {
    const answer = answers.get(userId)!;
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

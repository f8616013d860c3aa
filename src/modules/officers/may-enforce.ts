import { sql } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import { type Executor, preparedStatement } from "../../db/client.ts";
import { ancestorIds } from "../agencies/agency.ts";
import { type AgencyRow, findAgency } from "../agencies/find-agency.ts";
import { type CertificateEventKind, type MayEnforce, mayEnforce } from "./officer.ts";

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

/** One row per officer profile of the users asked about, with everything mayEnforce needs. */
export type OfficerRow = {
  user_id: string;
  display_name: string;
  enforcement_post: boolean;
  agency_id: string;
  agency_kind: string;
  agency_path: string;
  /** The agencies on the officer's path and the acting agency's path (for bureauIn). */
  chain: unknown;
  /** Certificates oldest first, each with its events in order (see certificatesOf). */
  certificates: unknown;
};
type ChainRow = Pick<AgencyRow, "id" | "kind" | "path">;
type RawCertificate = {
  id: string;
  number: string;
  fields: string[];
  issuedOn: string;
  expiresOn: string;
  events: { kind: CertificateEventKind; effectiveOn: string; recordedAt: string }[];
};

/** node-postgres parses json columns; PGlite may hand back text. */
const parseJson = <T>(v: unknown): T => (typeof v === "string" ? JSON.parse(v) : v) as T;

/**
 * The OfficerRow of each user in the JSON array `ids` who has an officer profile, for acts in the
 * name of the agency whose path is `path`: the profile, the officer's agency, the agencies on both
 * paths, and the certificates with their events (annual reviews do not decide the answer). A named
 * statement (planned once per connection): its text does not depend on the number of users.
 */
const officerRowsOf = preparedStatement(
  "guifan_may_enforce",
  () => sql`
    SELECT p.user_id, u.display_name, p.enforcement_post,
           a.id AS agency_id, a.kind AS agency_kind, a.path AS agency_path,
           (SELECT json_agg(json_build_object('id', x.id, 'kind', x.kind, 'path', x.path))
              FROM agencies x
             WHERE x.id = ANY (array_remove(string_to_array(a.path || ${sql.placeholder("path")}::text, '/'), '')::uuid[])) AS chain,
           (SELECT coalesce(json_agg(json_build_object(
                     'id', c.id, 'number', c.number, 'fields', c.fields,
                     'issuedOn', c.issued_on, 'expiresOn', c.expires_on,
                     'events', (SELECT coalesce(json_agg(json_build_object(
                                         'kind', e.kind, 'effectiveOn', e.effective_on, 'recordedAt', e.recorded_at)
                                       ORDER BY e.effective_on, e.recorded_at), '[]'::json)
                                  FROM certificate_events e WHERE e.certificate_id = c.id))
                   ORDER BY c.issued_on, c.recorded_at), '[]'::json)
              FROM certificates c WHERE c.officer_id = p.id) AS certificates
      FROM officer_profiles p
      JOIN agencies a ON a.id = p.agency_id
      JOIN users u ON u.id = p.user_id
     WHERE p.user_id IN (SELECT value::uuid FROM json_array_elements_text(${sql.placeholder("ids")}::json))`,
);

/** The OfficerRow of each of the users who has an officer profile, acting for the agency at `actingPath`. */
export const readOfficerRows = (ex: Executor, userIds: string[], actingPath: string): Promise<OfficerRow[]> =>
  officerRowsOf<OfficerRow>(ex, { ids: JSON.stringify(userIds), path: actingPath });

/**
 * O1: the answers of mayEnforce for several users acting for an agency on a date (no throw), in
 * one query whatever the number of users (it runs on every investigation step, C2). `officers`:
 * the users' rows when the caller has already read them (officerRowsSql; a case step reads them
 * with the case), else they are read here.
 */
export async function checkMayEnforceMany(
  ex: Executor,
  act: Omit<EnforcementAct, "userId"> & { userIds: string[]; agency?: AgencyRow; officers?: OfficerRow[] },
): Promise<Map<string, MayEnforce>> {
  const answers = new Map<string, MayEnforce>();
  if (act.userIds.length === 0) return answers;
  const agency = act.agency ?? (await findAgency(ex, act.agencyId));
  const rows = act.officers ?? (await readOfficerRows(ex, act.userIds, agency.path));
  const byId = new Map<string, AgencyRow>();
  for (const r of rows)
    for (const a of parseJson<ChainRow[] | null>(r.chain) ?? []) byId.set(a.id, a as AgencyRow);
  const own = bureauIn(agency, byId);
  for (const userId of act.userIds) {
    const r = rows.find((x) => x.user_id === userId);
    if (!r) {
      answers.set(userId, mayEnforce(null, act));
      continue;
    }
    const officerAgency = { id: r.agency_id, kind: r.agency_kind, path: r.agency_path } as AgencyRow;
    if (own.id !== bureauIn(officerAgency, byId).id && !r.agency_path.startsWith(agency.path)) {
      answers.set(userId, { ok: false, reason: `${r.display_name}不是${agency.name}的执法人员（O1）` });
      continue;
    }
    answers.set(
      userId,
      mayEnforce(
        {
          displayName: r.display_name,
          enforcementPost: r.enforcement_post,
          certificates: parseJson<RawCertificate[]>(r.certificates).map((c) => ({
            ...c,
            events: c.events.map((e) => ({ ...e, recordedAt: new Date(e.recordedAt) })),
          })),
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
  act: Parameters<typeof checkMayEnforceMany>[1],
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

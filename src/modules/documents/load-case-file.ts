import { asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { findAgency } from "../agencies/find-agency.ts";
import type { CaseEventRow, CaseRow } from "../cases/guards.ts";
import { everOfficerIds, officersAt, registeredOfficerIds } from "../cases/officers-of-case.ts";
import { hearingRightApplies, type PartyType } from "../cases/rules/penalty.ts";
import { evidenceItems } from "../evidence/schema.ts";
import { users } from "../identity/schema.ts";
import { managingBureau } from "../officers/find-officer.ts";
import { getNumberSetting, getSetting } from "../settings/get-setting.ts";
import type { CaseFile } from "./case-file.ts";

/** "{area}" in a remedy setting is the first area of the bureau the case's agency belongs to. */
export const fillArea = (template: string, area: string) =>
  area ? template.replaceAll("{area}", area) : template.includes("{area}") ? "" : template;

/**
 * Loads what the document templates read about a case. Works inside a transaction too (pass `tx`),
 * so the decide step can check its decision document (X1) before it is written. The caller has
 * authorised the read (findCase).
 */
export async function loadCaseFile(
  ex: Executor,
  loaded: { case: CaseRow; events: CaseEventRow[]; officerIds: string[] },
): Promise<CaseFile> {
  const c = loaded.case;
  const agency = await findAgency(ex, c.agencyId);
  const bureau = await managingBureau(ex, agency);
  // A township office acts in the township government's name and under its seal.
  const issuer =
    agency.kind === "township_office"
      ? { name: agency.sealName, sealName: agency.sealName, address: agency.address, phone: agency.phone }
      : { name: bureau.name, sealName: bureau.sealName, address: bureau.address, phone: bureau.phone };
  // C2: everyone who was an officer of the case (earlier documents name those in force then).
  const ids = new Set<string>([
    ...loaded.officerIds,
    ...everOfficerIds(loaded.events),
    ...loaded.events.map((e) => e.actorId),
  ]);
  for (const e of loaded.events)
    if (typeof e.data.presidingUserId === "string" && /^[0-9a-f-]{36}$/i.test(e.data.presidingUserId))
      ids.add(e.data.presidingUserId);
  const names = new Map(
    (
      await ex
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(inArray(users.id, [...ids]))
    ).map((u) => [u.id, u.name]),
  );
  const evidence = await ex
    .select({
      fileName: evidenceItems.fileName,
      kind: evidenceItems.kind,
      capturedAt: evidenceItems.capturedAt,
      uploadedAt: evidenceItems.uploadedAt,
      sha256: evidenceItems.sha256,
    })
    .from(evidenceItems)
    .where(eq(evidenceItems.caseId, c.id))
    .orderBy(asc(evidenceItems.uploadedAt), asc(evidenceItems.id));
  // X2: the reconsideration body and the court (settings; "{area}" = the bureau's area).
  const area = bureau.areas[0] ?? "";
  const reconsiderationBody = fillArea(
    String(await getSetting(ex, c.agencyId, "document.reconsiderationBody")),
    area,
  );
  const court = fillArea(String(await getSetting(ex, c.agencyId, "document.court")), area);
  const statementWorkdays = await getNumberSetting(ex, c.agencyId, "statement.periodWorkdays");
  const thresholdIndividualFen = await getNumberSetting(ex, c.agencyId, "hearing.fineThresholdIndividual");
  const thresholdOrganisationFen = await getNumberSetting(
    ex,
    c.agencyId,
    "hearing.fineThresholdOrganisation",
  );
  // The officers registered with the lead (its create step records them); without one, those now.
  const registered = registeredOfficerIds(loaded.events) ?? loaded.officerIds;
  return {
    case: c,
    issuer,
    officers: loaded.officerIds.map((u) => names.get(u) ?? ""),
    officersAt: (seq) => officersAt(registered, loaded.events, seq).map((u) => names.get(u) ?? ""),
    everOfficers: [...new Set([...registered, ...everOfficerIds(loaded.events), ...loaded.officerIds])].map(
      (u) => names.get(u) ?? "",
    ),
    userNames: Object.fromEntries(names),
    events: loaded.events.map((e) => ({
      seq: e.seq,
      event: e.event,
      onDate: e.onDate,
      at: e.at,
      data: e.data,
      actorName: names.get(e.actorId) ?? "",
    })),
    evidence,
    remedies: { reconsiderationBody, court },
    statementWorkdays,
    hearingRight: (penalty) =>
      hearingRightApplies({
        partyType: c.partyType as PartyType,
        penalty,
        thresholdIndividualFen,
        thresholdOrganisationFen,
      }),
  };
}

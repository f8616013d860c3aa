import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Tx } from "../../db/client.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { certificatesOf, findOfficerFor, managingBureau, type OfficerWithAgency } from "./find-officer.ts";
import { expiryFor, type IssueCertificateInput } from "./officer.ts";
import { certificates } from "./schema.ts";

/** Checks and inserts a certificate row (shared by issue and renew). */
export async function insertCertificate(
  tx: Tx,
  ctx: AppContext,
  actor: Principal,
  officer: OfficerWithAgency,
  input: IssueCertificateInput & { fields: string[] },
  replacesId: string | null,
) {
  if (!officer.profile.enforcementPost)
    throw new AppError("VALIDATION_FAILED", "该人员不在执法岗位，不能核发执法证（O2）");
  const [taken] = await tx
    .select({ id: certificates.id })
    .from(certificates)
    .where(eq(certificates.number, input.number));
  if (taken) throw new AppError("DUPLICATE", `执法证号 ${input.number} 已存在`);
  const bureau = await managingBureau(tx, officer.agency);
  // O2: validity is a provincial setting.
  const years = await getNumberSetting(tx, bureau.id, "certificate.validityYears");
  const expiresOn = input.expiresOn ?? expiryFor(input.issuedOn, years);
  if (expiresOn < input.issuedOn) throw new AppError("VALIDATION_FAILED", "有效期截止日期不能早于发证日期");
  if (expiresOn > expiryFor(input.issuedOn, years))
    throw new AppError("VALIDATION_FAILED", `有效期不能超过 ${years} 年（O2）`);
  const now = ctx.now();
  const [row] = await tx
    .insert(certificates)
    .values({
      id: newId(),
      officerId: officer.profile.id,
      agencyId: bureau.id,
      number: input.number,
      issuingBody: input.issuingBody,
      fields: [...new Set(input.fields)],
      issuedOn: input.issuedOn,
      expiresOn,
      replacesId,
      recordedBy: actor.userId,
      recordedAt: now,
    })
    .returning();
  await appendEntry(tx, {
    agencyId: officer.agency.id,
    actorId: actor.userId,
    type: replacesId ? "certificate.renewed" : "certificate.issued",
    payload: {
      certificateId: row!.id,
      officerId: officer.profile.id,
      number: row!.number,
      fields: row!.fields,
      issuedOn: row!.issuedOn,
      expiresOn,
      replacesId,
    },
    at: now,
  });
  return row!;
}

/** Issues a first certificate to an officer in an enforcement post (O2). */
export async function issueCertificate(
  ctx: AppContext,
  actor: Principal,
  officerId: string,
  input: IssueCertificateInput,
) {
  return ctx.db.transaction(async (tx) => issueCertificateIn(tx, ctx, actor, officerId, input));
}

/** The issue use case inside a caller's transaction (an approved application issues through it). */
export async function issueCertificateIn(
  tx: Tx,
  ctx: AppContext,
  actor: Principal,
  officerId: string,
  input: IssueCertificateInput,
) {
  const officer = await findOfficerFor(tx, actor, officerId, "officer.manage");
  const held = await certificatesOf(tx, [officerId], input.issuedOn);
  const live = held.find((c) => c.status === "valid" || c.status === "suspended");
  if (live)
    throw new AppError("VALIDATION_FAILED", `该人员已持有执法证 ${live.number}，如需换发请使用“换发”`);
  return insertCertificate(tx, ctx, actor, officer, input, null);
}

import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { applicationFacts } from "./application-facts.ts";
import { type ApplyCertificateInput, applicationShortfalls } from "./certificate-application.ts";
import { findOfficerByUser, findOfficerFor, managingBureau } from "./find-officer.ts";
import { listApplications } from "./list-certificate-applications.ts";
import { dateOf } from "./officer.ts";
import { certificateApplications } from "./schema.ts";

/**
 * Files an application for a certificate (申领, O2), by the officer or by the bureau that manages
 * officers. Refused unless the person is in an enforcement post, holds no live certificate, has
 * this year's training hours (setting) and a passed exam; one pending application at a time.
 */
export async function applyCertificate(
  ctx: AppContext,
  actor: Principal,
  officerId: string,
  input: ApplyCertificateInput,
) {
  return ctx.db.transaction(async (tx) => {
    // The officer applies for themselves; anyone else needs officer.manage in the managing bureau.
    const own = await findOfficerByUser(tx, actor.userId);
    const officer =
      own?.profile.id === officerId ? own : await findOfficerFor(tx, actor, officerId, "officer.manage");
    const pending = (await listApplications(tx, officerId)).find((a) => a.status === "pending");
    if (pending) throw new AppError("CONFLICT", "该人员已有待审批的执法证申领");
    const now = ctx.now();
    const facts = await applicationFacts(tx, officer, dateOf(now));
    const gaps = applicationShortfalls(facts);
    if (gaps.length) throw new AppError("CERTIFICATE_NOT_ELIGIBLE", `不符合申领条件：${gaps.join("；")}`);
    const bureau = await managingBureau(tx, officer.agency);
    const [row] = await tx
      .insert(certificateApplications)
      .values({
        id: newId(),
        officerId,
        agencyId: bureau.id,
        fields: [...new Set(input.fields)],
        note: input.note,
        trainingYear: facts.year,
        trainingHours: facts.hours,
        requiredHours: facts.requiredHours,
        examResultId: facts.examResultId,
        examScore: facts.exam?.score ?? null,
        appliedBy: actor.userId,
        appliedAt: now,
      })
      .returning();
    await appendEntry(tx, {
      agencyId: officer.agency.id,
      actorId: actor.userId,
      type: "certificate.applied",
      payload: {
        applicationId: row!.id,
        officerId,
        fields: row!.fields,
        trainingHours: facts.hours,
        requiredHours: facts.requiredHours,
        examScore: facts.exam?.score ?? null,
      },
      at: now,
    });
    return (await listApplications(tx, officerId)).find((a) => a.id === row!.id)!;
  });
}

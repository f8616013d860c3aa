import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { applicationFacts } from "./application-facts.ts";
import { applicationShortfalls, type DecideApplicationInput } from "./certificate-application.ts";
import { findOfficerFor } from "./find-officer.ts";
import { issueCertificateIn } from "./issue-certificate.ts";
import { listApplications } from "./list-certificate-applications.ts";
import { dateOf } from "./officer.ts";
import { certificateApplicationDecisions, certificateApplications } from "./schema.ts";

/**
 * Approves or refuses a pending application (officer.manage in the managing bureau). Approval
 * re-checks the O2 conditions and issues the certificate through the issue use case, in the same
 * transaction; the decision is a new row (the application is never changed).
 */
export async function decideCertificateApplication(
  ctx: AppContext,
  actor: Principal,
  applicationId: string,
  input: DecideApplicationInput,
) {
  return ctx.db.transaction(async (tx) => {
    const [app] = await tx
      .select()
      .from(certificateApplications)
      .where(eq(certificateApplications.id, applicationId));
    if (!app) throw new AppError("NOT_FOUND", "执法证申领不存在");
    const officer = await findOfficerFor(tx, actor, app.officerId, "officer.manage");
    const [decided] = await tx
      .select({ id: certificateApplicationDecisions.id })
      .from(certificateApplicationDecisions)
      .where(eq(certificateApplicationDecisions.applicationId, applicationId));
    if (decided) throw new AppError("CONFLICT", "该申领已审批");
    const now = ctx.now();
    let certificateId: string | null = null;
    if (input.outcome === "approved") {
      const gaps = applicationShortfalls(await applicationFacts(tx, officer, dateOf(now)));
      if (gaps.length) throw new AppError("CERTIFICATE_NOT_ELIGIBLE", `不符合发证条件：${gaps.join("；")}`);
      const cert = await issueCertificateIn(tx, ctx, actor, app.officerId, {
        ...input.certificate,
        fields: app.fields,
      });
      certificateId = cert.id;
    }
    await tx.insert(certificateApplicationDecisions).values({
      id: newId(),
      applicationId,
      outcome: input.outcome,
      note: input.note,
      certificateId,
      decidedBy: actor.userId,
      decidedAt: now,
    });
    await appendEntry(tx, {
      agencyId: officer.agency.id,
      actorId: actor.userId,
      type: "certificate.application_decided",
      payload: { applicationId, officerId: app.officerId, outcome: input.outcome, certificateId },
      at: now,
    });
    return (await listApplications(tx, app.officerId)).find((a) => a.id === applicationId)!;
  });
}

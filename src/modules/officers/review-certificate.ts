import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { recordCertificateEvent } from "./certificate-event.ts";
import { certificatesOf, findCertificate, findOfficerFor } from "./find-officer.ts";
import type { AnnualReviewInput } from "./officer.ts";
import { annualReviews } from "./schema.ts";

/**
 * Annual review (年审, O2) of a certificate. A failed review suspends the certificate from the
 * review date (a new status event), until it is reinstated.
 */
export async function reviewCertificate(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: AnnualReviewInput,
) {
  return ctx.db.transaction(async (tx) => {
    const cert = await findCertificate(tx, id);
    const { agency } = await findOfficerFor(tx, actor, cert.officerId, "officer.manage");
    const [full] = (await certificatesOf(tx, [cert.officerId], input.reviewedOn)).filter((c) => c.id === id);
    if (full!.status !== "valid" && full!.status !== "suspended")
      throw new AppError(
        "VALIDATION_FAILED",
        `执法证 ${cert.number} 在 ${input.reviewedOn} 已不在有效期内，不能年审`,
      );
    if (input.year < Number(cert.issuedOn.slice(0, 4)) || input.year > Number(input.reviewedOn.slice(0, 4)))
      throw new AppError("VALIDATION_FAILED", "年审年度须在发证年度与审核日期所在年度之间");
    const now = ctx.now();
    const [row] = await tx
      .insert(annualReviews)
      .values({ id: newId(), certificateId: id, ...input, recordedBy: actor.userId, recordedAt: now })
      .returning();
    await appendEntry(tx, {
      agencyId: agency.id,
      actorId: actor.userId,
      type: "certificate.reviewed",
      payload: { certificateId: id, number: cert.number, year: input.year, outcome: input.outcome },
      at: now,
    });
    if (input.outcome === "failed" && full!.status === "valid") {
      await recordCertificateEvent(
        tx,
        ctx,
        actor,
        id,
        "suspended",
        { effectiveOn: input.reviewedOn, reason: `${input.year} 年度年审不合格` },
        ["valid"],
      );
    }
    return row!;
  });
}

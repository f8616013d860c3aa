import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import type { Principal } from "../identity/principal.ts";
import { recordCertificateEvent } from "./certificate-event.ts";
import { certificatesOf, findCertificate, findOfficerFor } from "./find-officer.ts";
import { insertCertificate } from "./issue-certificate.ts";
import type { RenewCertificateInput } from "./officer.ts";

/**
 * Renewal (换发): a new certificate record; the old one is kept and marked replaced from the new
 * issue date. A suspended or revoked certificate cannot be renewed.
 */
export async function renewCertificate(
  ctx: AppContext,
  actor: Principal,
  oldId: string,
  input: RenewCertificateInput,
) {
  return ctx.db.transaction(async (tx) => {
    const old = await findCertificate(tx, oldId);
    const officer = await findOfficerFor(tx, actor, old.officerId, "officer.manage");
    if (input.issuedOn < old.issuedOn) throw new AppError("VALIDATION_FAILED", "新证发证日期不能早于旧证");
    const other = (await certificatesOf(tx, [old.officerId], input.issuedOn)).find(
      (c) => c.id !== oldId && (c.status === "valid" || c.status === "suspended"),
    );
    if (other) throw new AppError("VALIDATION_FAILED", `该人员另持有执法证 ${other.number}，不能换发旧证`);
    await recordCertificateEvent(
      tx,
      ctx,
      actor,
      oldId,
      "replaced",
      { effectiveOn: input.issuedOn, reason: `换发新证 ${input.number}` },
      ["valid", "expired"],
    );
    return insertCertificate(
      tx,
      ctx,
      actor,
      officer,
      { ...input, fields: input.fields ?? old.fields },
      oldId,
    );
  });
}

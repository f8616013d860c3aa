import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Tx } from "../../db/client.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { certificatesOf, findCertificate, findOfficerFor } from "./find-officer.ts";
import {
  type CertificateEventInput,
  type CertificateEventKind,
  type CertificateStatus,
  certificateStatuses,
  certificateStatusOn,
} from "./officer.ts";
import { certificateEvents } from "./schema.ts";

const ledgerType = {
  suspended: "certificate.suspended",
  reinstated: "certificate.reinstated",
  revoked: "certificate.revoked",
  replaced: "certificate.renewed",
} as const;

/**
 * Records a status event of a certificate (a new row; the certificate itself never changes).
 * `allowed`: the statuses the certificate may have on the effective date for this event.
 */
export async function recordCertificateEvent(
  tx: Tx,
  ctx: AppContext,
  actor: Principal,
  certificateId: string,
  kind: CertificateEventKind,
  input: CertificateEventInput,
  allowed: CertificateStatus[],
) {
  const cert = await findCertificate(tx, certificateId);
  const { agency } = await findOfficerFor(tx, actor, cert.officerId, "officer.manage");
  const [full] = (await certificatesOf(tx, [cert.officerId], input.effectiveOn)).filter(
    (c) => c.id === cert.id,
  );
  if (input.effectiveOn < cert.issuedOn) throw new AppError("VALIDATION_FAILED", "生效日期不能早于发证日期");
  const lastEvent = full!.events.at(-1);
  if (lastEvent && input.effectiveOn < lastEvent.effectiveOn)
    throw new AppError("VALIDATION_FAILED", `生效日期不能早于该证上一次状态变化（${lastEvent.effectiveOn}）`);
  const status = certificateStatusOn(full!, input.effectiveOn);
  if (!allowed.includes(status))
    throw new AppError(
      "VALIDATION_FAILED",
      `执法证 ${cert.number} 在 ${input.effectiveOn} 的状态为「${certificateStatuses[status]}」，不能办理此项`,
    );
  const now = ctx.now();
  const [row] = await tx
    .insert(certificateEvents)
    .values({
      id: newId(),
      certificateId: cert.id,
      kind,
      effectiveOn: input.effectiveOn,
      reason: input.reason,
      recordedBy: actor.userId,
      recordedAt: now,
    })
    .returning();
  await appendEntry(tx, {
    agencyId: agency.id,
    actorId: actor.userId,
    type: ledgerType[kind],
    payload: {
      certificateId: cert.id,
      number: cert.number,
      effectiveOn: input.effectiveOn,
      reason: input.reason,
    },
    at: now,
  });
  return row!;
}

import type { AppContext } from "../../context.ts";
import type { Principal } from "../identity/principal.ts";
import { recordCertificateEvent } from "./certificate-event.ts";
import type { CertificateEventInput } from "./officer.ts";

/** Takes a certificate back (收回/注销, O2) from the effective date; final. */
export async function revokeCertificate(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: CertificateEventInput,
) {
  return ctx.db.transaction((tx) =>
    recordCertificateEvent(tx, ctx, actor, id, "revoked", input, [
      "valid",
      "suspended",
      "expired",
      "not_yet_valid",
    ]),
  );
}

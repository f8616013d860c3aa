import type { AppContext } from "../../context.ts";
import type { Principal } from "../identity/principal.ts";
import { recordCertificateEvent } from "./certificate-event.ts";
import type { CertificateEventInput } from "./officer.ts";

/** Ends a suspension (恢复) from the effective date. */
export async function reinstateCertificate(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: CertificateEventInput,
) {
  return ctx.db.transaction((tx) =>
    recordCertificateEvent(tx, ctx, actor, id, "reinstated", input, ["suspended"]),
  );
}

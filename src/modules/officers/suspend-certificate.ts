import type { AppContext } from "../../context.ts";
import type { Principal } from "../identity/principal.ts";
import { recordCertificateEvent } from "./certificate-event.ts";
import type { CertificateEventInput } from "./officer.ts";

/** Suspends (暂扣) a valid certificate from the effective date (O1: no enforcement while suspended). */
export async function suspendCertificate(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: CertificateEventInput,
) {
  return ctx.db.transaction((tx) =>
    recordCertificateEvent(tx, ctx, actor, id, "suspended", input, ["valid"]),
  );
}

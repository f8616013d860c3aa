import type { Executor } from "../../db/client.ts";
import { securityEvents } from "./schema.ts";

export type SecurityEventKind =
  | "login_succeeded"
  | "login_failed"
  | "account_locked"
  | "logout"
  | "permission_denied"
  | "password_changed"
  | "password_reset"
  | "account_unlocked";

/** Logins, lockouts and permission denials are recorded (append-only table). */
export async function recordSecurityEvent(
  ex: Executor,
  e: {
    kind: SecurityEventKind;
    userId?: string | null;
    username?: string;
    ip?: string;
    detail?: string;
    requestId?: string;
  },
): Promise<void> {
  await ex.insert(securityEvents).values({
    kind: e.kind,
    userId: e.userId ?? null,
    username: e.username ?? "",
    ip: e.ip ?? "",
    detail: e.detail ?? "",
    requestId: e.requestId ?? "",
  });
}

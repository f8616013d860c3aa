import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { agencies } from "../agencies/schema.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { hashToken } from "./load-principal.ts";
import { verifyPassword } from "./password.ts";
import { recordSecurityEvent } from "./record-security-event.ts";
import { memberships, sessions, users } from "./schema.ts";

/** A fixed scrypt hash of a random secret: checking against it costs what a real check costs. */
const decoyHash = "scrypt$16384$8$1$3q2+7w3q2+7w3q2+7w3q2w==$wQk0b8h9m1vY6kL0Jm7Y5vN2Tz4q8xk3d9S6u1r2c4E=";

export type LoginRequest = {
  username: string;
  password: string;
  ip?: string;
  userAgent?: string;
  requestId?: string;
};

/**
 * Password login. Repeated failures lock the account for a while (settings security.*).
 * Every attempt is recorded. Failures are committed even though the call then throws.
 */
export async function logIn(ctx: AppContext, req: LoginRequest) {
  const now = ctx.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.username, req.username)).for("update");
    const audit = { username: req.username.slice(0, 100), ip: req.ip, requestId: req.requestId };
    if (!user) {
      // Spend the same time as a real check, so response times do not reveal which names exist.
      await verifyPassword(req.password, decoyHash);
      await recordSecurityEvent(tx, { ...audit, kind: "login_failed", detail: "用户名不存在" });
      return { error: "LOGIN_FAILED" as const };
    }
    // Security settings come from the user's highest agency in the tree (shortest path), so a
    // person in several agencies always gets the same, deterministic rules.
    const [first] = await tx
      .select({ agencyId: memberships.agencyId })
      .from(memberships)
      .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
      .where(eq(memberships.userId, user.id))
      .orderBy(sql`length(${agencies.path})`, agencies.path)
      .limit(1);
    const agencyId = first?.agencyId ?? null;
    if (user.lockedUntil && user.lockedUntil > now) {
      await recordSecurityEvent(tx, {
        ...audit,
        kind: "login_failed",
        userId: user.id,
        detail: "账号锁定期间尝试登录",
      });
      return { error: "ACCOUNT_LOCKED" as const, lockedUntil: user.lockedUntil };
    }
    if (!(await verifyPassword(req.password, user.passwordHash))) {
      const threshold = await getNumberSetting(tx, agencyId, "security.lockoutThreshold");
      const failures = user.failedLogins + 1;
      if (failures >= threshold) {
        const minutes = await getNumberSetting(tx, agencyId, "security.lockoutMinutes");
        const lockedUntil = new Date(now.getTime() + minutes * 60_000);
        await tx.update(users).set({ failedLogins: 0, lockedUntil }).where(eq(users.id, user.id));
        await recordSecurityEvent(tx, {
          ...audit,
          kind: "account_locked",
          userId: user.id,
          detail: `连续失败 ${failures} 次，锁定账号`,
        });
        return { error: "ACCOUNT_LOCKED" as const, lockedUntil };
      }
      await tx.update(users).set({ failedLogins: failures }).where(eq(users.id, user.id));
      await recordSecurityEvent(tx, {
        ...audit,
        kind: "login_failed",
        userId: user.id,
        detail: `密码错误（连续第 ${failures} 次）`,
      });
      return { error: "LOGIN_FAILED" as const };
    }
    if (!user.active) {
      await recordSecurityEvent(tx, {
        ...audit,
        kind: "login_failed",
        userId: user.id,
        detail: "账号已停用",
      });
      return { error: "ACCOUNT_DISABLED" as const };
    }
    const hours = await getNumberSetting(tx, agencyId, "security.sessionHours");
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(now.getTime() + hours * 3_600_000);
    await tx.insert(sessions).values({
      id: newId(),
      tokenHash: hashToken(token),
      userId: user.id,
      createdAt: now,
      expiresAt,
      ip: req.ip ?? "",
      userAgent: (req.userAgent ?? "").slice(0, 300),
    });
    await tx.update(users).set({ failedLogins: 0, lockedUntil: sql`null` }).where(eq(users.id, user.id));
    await recordSecurityEvent(tx, { ...audit, kind: "login_succeeded", userId: user.id });
    if (agencyId) {
      await appendEntry(tx, {
        agencyId,
        actorId: user.id,
        type: "auth.login",
        payload: { ip: req.ip ?? "" },
        at: now,
      });
    }
    return {
      token,
      expiresAt,
      user: { id: user.id, username: user.username, displayName: user.displayName },
    };
  });
  if ("error" in outcome && outcome.error) {
    const until =
      "lockedUntil" in outcome && outcome.lockedUntil
        ? `，请于 ${outcome.lockedUntil.toLocaleTimeString("zh-CN", { hour12: false, timeZone: "Asia/Shanghai" })} 后再试`
        : "";
    throw new AppError(
      outcome.error,
      outcome.error === "ACCOUNT_LOCKED" ? `登录失败次数过多，账号已临时锁定${until}` : undefined,
    );
  }
  return outcome;
}

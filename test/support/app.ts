import assert from "node:assert/strict";
import { eq } from "drizzle-orm";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { demoAgencies, demoUsers } from "../../src/demo/demo-city.ts";
import { seedDemo } from "../../src/demo/seed-demo.ts";
import { buildApp } from "../../src/http/app.ts";
import { agencies } from "../../src/modules/agencies/schema.ts";
import { users } from "../../src/modules/identity/schema.ts";
import { type TestContext, testContext } from "./context.ts";

/** Every demo account gets this password in the tests. */
export const demoPassword = "Guifan2025test";

export type DemoAgencyKey = "city" | "donghu" | "xishan" | "donghu-1" | "donghu-2" | "xishan-1" | "qingshi";

export type Session = {
  username: string;
  token: string;
  /** `{ cookie: "guifan_session=…" }` */
  cookie: { cookie: string };
  /** `{ authorization: "Bearer …" }` */
  bearer: { authorization: string };
};

export type CallOptions = InjectOptions & { as?: Session };

export type TestApp = {
  app: FastifyInstance;
  ctx: TestContext;
  /** Agency ids of the demo city by key (city, donghu, xishan, donghu-1, donghu-2, xishan-1, qingshi). */
  agency: Record<DemoAgencyKey, string>;
  /** User ids of the demo accounts by username. */
  user: Record<string, string>;
  /** Logs in through the API (a new session each time). */
  login: (username: string, password?: string) => Promise<Session>;
  /**
   * `app.inject` with the session cookie of `as`. Every response is checked: no 5xx and no
   * password hash anywhere in the body.
   */
  call: (opts: CallOptions) => Promise<LightMyRequestResponse>;
  close: () => Promise<void>;
};

/** Matches anything that looks like a stored password hash or its field name. */
export const leakPattern = /passwordHash|password_hash|scrypt\$/i;

export function assertNoLeak(res: LightMyRequestResponse, what = ""): void {
  assert.doesNotMatch(res.body, leakPattern, `response leaks a password hash ${what}`);
}

/** The demo city, seeded once, served by buildApp without a port. */
export async function testApp(): Promise<TestApp> {
  const ctx = await testContext();
  try {
    await seedDemo(ctx, { password: demoPassword });
    const app = await buildApp(ctx, { logLevel: "silent", serveWeb: false });
    await app.ready();
    const agency = {} as Record<DemoAgencyKey, string>;
    for (const a of demoAgencies) {
      const [row] = await ctx.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.name, a.name));
      agency[a.key as DemoAgencyKey] = row!.id;
    }
    const user: Record<string, string> = {};
    for (const u of demoUsers) {
      const [row] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, u.username));
      user[u.username] = row!.id;
    }
    const call = async ({ as, ...opts }: CallOptions) => {
      const res = await app.inject({
        ...opts,
        headers: { ...(as ? as.cookie : {}), ...(opts.headers ?? {}) },
      });
      assert.ok(
        res.statusCode < 500,
        `${opts.method ?? "GET"} ${opts.url} answered ${res.statusCode}: ${res.body.slice(0, 500)}`,
      );
      assertNoLeak(res, `(${opts.method ?? "GET"} ${opts.url})`);
      return res;
    };
    const login = async (username: string, password = demoPassword): Promise<Session> => {
      const res = await call({ method: "POST", url: "/api/v1/auth/login", payload: { username, password } });
      assert.equal(res.statusCode, 200, `login ${username}: ${res.body}`);
      const token = (res.json() as { token: string }).token;
      const cookie = res.cookies.find((c) => c.name === "guifan_session");
      assert.equal(cookie?.value, token, "login sets the session cookie");
      return {
        username,
        token,
        cookie: { cookie: `guifan_session=${token}` },
        bearer: { authorization: `Bearer ${token}` },
      };
    };
    return {
      app,
      ctx,
      agency,
      user,
      login,
      call,
      async close() {
        try {
          await app.close();
        } finally {
          await ctx.close();
        }
      },
    };
  } catch (e) {
    await ctx.close().catch(() => {});
    throw e;
  }
}

/** Asserts an error response: HTTP status, stable code, a Chinese message and a request id. */
export function assertError(
  res: LightMyRequestResponse,
  status: number | number[],
  code: string | string[],
): void {
  const codes = Array.isArray(code) ? code : [code];
  const statuses = Array.isArray(status) ? status : [status];
  let body: { error?: { code?: string; message?: string; requestId?: string } };
  try {
    body = res.json();
  } catch {
    assert.fail(`expected a JSON error body, got ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
  assert.ok(statuses.includes(res.statusCode), `status ${res.statusCode} of ${res.body.slice(0, 300)}`);
  assert.ok(body.error, `error body: ${res.body.slice(0, 300)}`);
  assert.ok(
    codes.includes(body.error.code ?? ""),
    `error code ${body.error.code}, expected ${codes.join("|")}`,
  );
  assert.match(
    body.error.message ?? "",
    /[\u4e00-\u9fff]/,
    `message should be Chinese: ${body.error.message}`,
  );
  assert.ok(body.error.requestId, "error has a requestId");
}

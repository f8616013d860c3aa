// End-to-end: the real server (PGlite, demo city) and the built web app in Debian's chromium.
// Logging in lands on the workbench without any error; a wrong password shows the Chinese
// message and stays on the login page; the sysadmin's 机构管理 and 人员管理 tables have rows.
// Screenshots go to test-results/ (git-ignored).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  assertNoProblems,
  buildWeb,
  demoPassword,
  failureShot,
  launchBrowser,
  type PageWatch,
  type RunningServer,
  screenshot,
  startServer,
  watchPage,
} from "./support.ts";

const workbench = '[data-testid="workbench"]';
const tableRows = ".ant-table-tbody tr.ant-table-row";

let server: RunningServer | undefined;
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];

let currentPage: Page | undefined;

const withFailureShot = failureShot(() => ({ page: currentPage }));

/** A fresh browser context (own cookies) with one watched page. */
async function openPage(): Promise<{ page: Page; watch: PageWatch }> {
  assert.ok(browser && server, "set-up failed");
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    viewport: { width: 1440, height: 900 },
  });
  context.setDefaultTimeout(30_000);
  contexts.push(context);
  const page = await context.newPage();
  currentPage = page;
  const watch = await watchPage(page);
  return { page, watch };
}

async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByPlaceholder("用户名", { exact: true }).fill(username);
  await page.getByPlaceholder("密码", { exact: true }).fill(password);
  await page.locator('button[type="submit"]').click();
}

async function logIn(page: Page, username: string): Promise<void> {
  await submitLogin(page, username, demoPassword);
  await page.locator(workbench).waitFor({ state: "visible" });
  await page.waitForLoadState("networkidle");
}

describe("web app in chromium", () => {
  before(
    async () => {
      buildWeb();
      server = await startServer();
      browser = await launchBrowser();
    },
    { timeout: 600_000 },
  );

  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
  });

  test(
    "an officer logs in and lands on the workbench",
    { timeout: 120_000 },
    withFailureShot("workbench", async () => {
      const { page, watch } = await openPage();
      await logIn(page, "dh.hb.01");
      assert.equal(new URL(page.url()).pathname, "/");
      await assert.doesNotReject(page.getByText("张伟").first().waitFor(), "display name shown");
      await screenshot(page, "workbench.png");
      assertNoProblems(watch, "officer workbench");
    }),
  );

  test(
    "a wrong password shows the Chinese error and stays on the login page",
    { timeout: 120_000 },
    withFailureShot("login-wrong-password", async () => {
      const { page, watch } = await openPage();
      const loginAnswer = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/login"));
      await submitLogin(page, "dh.hb.02", "not-the-password-1");
      assert.equal((await loginAnswer).status(), 401);
      const error = page.getByTestId("login-error");
      await error.waitFor({ state: "visible" });
      assert.match((await error.textContent()) ?? "", /用户名或密码错误/);
      assert.equal(new URL(page.url()).pathname, "/login");
      assert.equal(await page.locator(workbench).count(), 0, "no workbench");
      await screenshot(page, "login-wrong-password.png");
      // The error watcher must have seen this alert (proves it works); nothing else may go wrong.
      for (let i = 0; i < 50 && !watch.uiErrors.length; i++) await page.waitForTimeout(100);
      assert.ok(
        watch.uiErrors.some((t) => t.includes("用户名或密码错误")),
        `error watcher saw the alert (saw: ${watch.uiErrors.join("; ") || "nothing"})`,
      );
      const others = watch.problems.filter((p) => !p.includes("用户名或密码错误"));
      assert.deepEqual(others, [], "wrong password: the page showed other errors");
    }),
  );

  test(
    "the sysadmin sees the workbench, 机构管理 and 人员管理 with rows",
    { timeout: 180_000 },
    withFailureShot("admin", async () => {
      const { page, watch } = await openPage();
      await logIn(page, "admin");
      await screenshot(page, "workbench-admin.png");
      assertNoProblems(watch, "admin workbench");

      // Each page's own table, recognised by a column header: right after the click the previous
      // page can still be on screen while the next one loads.
      for (const [label, pathname, column, file] of [
        ["机构管理", "/agencies", "机构名称", "agencies.png"],
        ["人员管理", "/users", "用户名", "users.png"],
      ] as const) {
        await page.getByRole("menuitem", { name: label }).click();
        await page.waitForURL((url) => url.pathname === pathname);
        const table = page
          .locator(".ant-table")
          .filter({ has: page.getByRole("columnheader", { name: column }) });
        const rows = table.locator(tableRows);
        try {
          await rows.first().waitFor({ state: "visible" });
          await table.locator(".ant-spin-spinning").waitFor({ state: "detached" });
          await page.waitForLoadState("networkidle");
        } catch (err) {
          throw new Error(`${label}: ${(err as Error).message}\nproblems: ${watch.problems.join("; ")}`);
        }
        const count = await rows.count();
        assert.ok(count > 0, `${label}: table has rows (found ${count})`);
        await screenshot(page, file);
        assertNoProblems(watch, label);
      }
    }),
  );
});

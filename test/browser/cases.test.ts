// End-to-end: 案件办理 in Debian's chromium against the real server (PGlite, demo city). An officer
// registers a lead through the page; the squad leader opens it and approves the filing (C5 checked
// by the server), and the case gets its number. Screenshots go to test-results/ (git-ignored).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  closeBrowserSession,
  demoPassword,
  openBrowserSession,
  type PageWatch,
  pickOptions,
  type RunningServer,
  screenshot,
} from "./support.ts";

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page | undefined;
let watch: PageWatch | undefined;

async function login(p: Page, username: string) {
  await p.context().clearCookies();
  await p.goto("/login");
  await p.getByPlaceholder("用户名", { exact: true }).fill(username);
  await p.getByPlaceholder("密码", { exact: true }).fill(demoPassword);
  await p.locator('button[type="submit"]').click();
  await p.getByRole("menuitem", { name: "案件办理" }).click();
}

/**
 * Fixed past dates inside the packaged working-day calendar: the 90-day decision period opened at
 * filing must not run into a year that is not loaded (rule D4), whatever today is.
 */
const fixedDay = { act: "2026-05-06", discovered: "2026-05-11", filed: "2026-05-15" };

async function pickDate(p: Page, label: string, date: string) {
  const input = p.getByLabel(label);
  await input.click();
  await input.fill(date);
  await input.press("Enter");
}

describe("案件办理 in chromium (C06)", () => {
  before(
    async () => {
      ({ server, browser, context, page, watch } = await openBrowserSession());
    },
    { timeout: 600_000 },
  );
  after(() => closeBrowserSession({ context, browser, server }));

  test("an officer registers a lead; the squad leader approves the filing and the case gets its number", {
    timeout: 240_000,
  }, async () => {
    const p = page!;
    try {
      await login(p, "dh.hb.01");
      // The 登记线索 wizard: 程序与领域 → 当事人 → 违法行为 → 办案人员 → 确认.
      await p.getByRole("button", { name: "登记线索" }).click();
      await pickOptions(p, "执法领域", ["市容环境卫生"]);
      await p.getByRole("button", { name: "下一步" }).click();
      await p.getByLabel("当事人名称").fill("赵某");
      await p.getByRole("button", { name: "下一步" }).click();
      await p.getByLabel("案由 / 线索内容").fill("浏览器测试：占道经营");
      await p.getByLabel("违法地点").fill("湖滨路 18 号");
      await pickDate(p, "违法行为发生日期", fixedDay.act);
      await pickDate(p, "发现日期", fixedDay.discovered);
      await p.getByRole("button", { name: "下一步" }).click();
      await pickOptions(p, /办案人员/, ["张伟", "张中队"]);
      await p.getByRole("button", { name: "下一步" }).click();
      await p.getByRole("button", { name: "确认登记" }).click();
      await p.getByText("（未立案的线索）").waitFor();
      const caseUrl = p.url();
      assert.match(caseUrl, /\/cases\/[0-9a-f-]{36}$/);
      await screenshot(p, "case-lead.png");

      await login(p, "dh.hb.lead");
      await p.goto(caseUrl);
      await p.getByRole("button", { name: "批准立案" }).click();
      await pickDate(p, "办理日期", fixedDay.filed);
      const answer = p.waitForResponse(
        (r) => r.url().endsWith("/events/file") && r.request().method() === "POST",
      );
      await p.locator(".ant-modal-footer .ant-btn-primary").last().click();
      assert.equal((await answer).status(), 200);
      await p
        .getByText(/东湖综执罚〔\d{4}〕\d+号/)
        .first()
        .waitFor();
      await p.getByRole("button", { name: "开始调查取证" }).waitFor();
      await screenshot(p, "case-filed.png");
      assert.deepEqual(watch!.problems, [], "the page showed errors");
    } catch (err) {
      await screenshot(p, "case-failure.png").catch(() => undefined);
      throw err;
    }
  });
});

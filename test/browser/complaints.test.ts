// End-to-end: the public complaint site in Debian's chromium against the real server (PGlite,
// demo city), on a phone-sized screen without logging in. A resident submits a named complaint
// with a photo, gets a tracking code and reads its status; the 东湖 case-centre clerk sees it in
// 投诉举报 and dispatches it; the status page then shows the new step. Screenshots go to
// test-results/ (git-ignored).
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
  watchPage,
} from "./support.ts";

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page | undefined;
let watch: PageWatch | undefined;

/** A 1×1 PNG. */
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

describe("public complaint site in chromium (issue 8)", () => {
  before(
    async () => {
      ({ server, browser, context, page, watch } = await openBrowserSession({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      }));
    },
    { timeout: 600_000 },
  );
  after(() => closeBrowserSession({ context, browser, server }));

  test("seed 001 item 25: a resident submits a complaint without logging in and reads its status", {
    timeout: 240_000,
  }, async () => {
    const p = page!;
    try {
      await p.goto("/public/complaint");
      await p.getByText("我要投诉举报", { exact: true }).first().waitFor();
      assert.ok(!p.url().includes("/login"), "the public form renders without login");
      // pickOptions: a click on an option of a dropdown still opening can be swallowed.
      await pickOptions(p, "受理单位", ["示范市东湖区综合行政执法局"]);
      await pickOptions(p, "问题类别", ["占道经营"]);
      await p.getByLabel("地点").fill("东湖区湖滨街道湖滨路 66 号门前");
      await p.getByLabel("问题描述").fill("每天傍晚有摊贩占用人行道卖水果，行人只能走车道。");
      await p
        .locator('input[type="file"]')
        .setInputFiles({ name: "现场.png", mimeType: "image/png", buffer: png });
      await p.getByLabel("姓名").fill("冯测试");
      await p.getByLabel("联系电话").fill("13700001234");
      await p
        .getByRole("button", { name: "提 交" })
        .or(p.getByRole("button", { name: "提交" }))
        .click();
      const codeEl = p.getByTestId("tracking-code");
      await codeEl.waitFor();
      const code = ((await codeEl.textContent()) ?? "").trim().slice(0, 10);
      assert.match(code, /^[23456789A-HJ-NP-Z]{10}$/);
      await screenshot(p, "complaint-submitted.png");

      await p.getByRole("button", { name: "查看办理进度" }).click();
      const status = p.getByTestId("complaint-status");
      await status.waitFor();
      await status.getByText("待分派").waitFor();
      const text = (await status.textContent()) ?? "";
      assert.match(text, /占道经营/);
      assert.ok(
        !text.includes("冯测试") && !text.includes("13700001234"),
        "the status page never shows the reporter",
      );
      await screenshot(p, "complaint-status.png");

      // The 东湖 case-centre clerk, at a desk: the complaint is in 投诉举报; the clerk dispatches it
      // to the unit the area rule proposes (湖滨中队).
      const desk = await browser!.newContext({
        baseURL: server!.baseUrl,
        locale: "zh-CN",
        timezoneId: "Asia/Shanghai",
        viewport: { width: 1440, height: 900 },
      });
      desk.setDefaultTimeout(30_000);
      const q = await desk.newPage();
      const deskWatch = await watchPage(q);
      try {
        await q.goto("/login");
        await q.getByPlaceholder("用户名", { exact: true }).fill("dh.clerk");
        await q.getByPlaceholder("密码", { exact: true }).fill(demoPassword);
        await q.locator('button[type="submit"]').click();
        await q.getByRole("menuitem", { name: "投诉举报" }).click();
        await q.getByPlaceholder("搜索查询码、地点、内容").fill(code);
        await q.getByPlaceholder("搜索查询码、地点、内容").press("Enter");
        await q.getByRole("link", { name: code }).click();
        await q.getByRole("button", { name: "查看举报人信息" }).waitFor();
        await q.getByRole("button", { name: /^分\s*派$/ }).click();
        await q.locator(".ant-modal").getByText("东湖区综合行政执法局湖滨中队").waitFor();
        const dispatched = q.waitForResponse(
          (r) => /\/complaints\/[^/]+\/dispatch/.test(r.url()) && r.request().method() === "POST",
        );
        await q
          .locator(".ant-modal")
          .getByRole("button", { name: /确\s*定/ })
          .click();
        const res = await dispatched;
        assert.equal(res.status(), 200, await res.text());
        await q.getByText("已分派 东湖区综合行政执法局湖滨中队").waitFor();
        await screenshot(q, "complaint-dispatched.png");
        assert.deepEqual(deskWatch.problems, []);
      } catch (err) {
        await screenshot(q, "complaints-desk-failure.png").catch(() => undefined);
        throw err;
      } finally {
        await desk.close();
      }

      await p.goto(`/public/complaint/status?code=${code}`);
      await p.getByTestId("complaint-status").getByText("待受理").waitFor();
      await p.getByText("已分派承办单位").waitFor();
      assert.deepEqual(watch!.problems, []);
    } catch (e) {
      await screenshot(p, "complaints-failure.png").catch(() => undefined);
      throw e;
    }
  });
});

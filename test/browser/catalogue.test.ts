// End-to-end (issue 4): the administrator opens 法律法规, 权责清单 (search, the 违法行为 tab, and a
// new 权责事项 saved first incomplete — it stays open with its messages, nothing thrown or sent —
// then complete), 裁量基准 (runs the calculator on a demo benchmark and sees the tier, P14),
// 执法人员 (an officer with a valid certificate, O1) and 教育培训 (a plan with its sessions). No
// sleeps: every step waits for the element it needs. Screenshots go to test-results/.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import {
  assertNoProblems,
  closeBrowserSession,
  demoPassword,
  failureShot,
  openBrowserSession,
  type PageWatch,
  pickOptions,
  type RunningServer,
  screenshot,
} from "./support.ts";

const tableRows = ".ant-table-tbody tr.ant-table-row";

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let watch: PageWatch;

const withFailureShot = failureShot(() => ({ page, watch }));

/** The table having a column header `column`, once its rows are shown and its spinner is gone. */
async function tableWith(column: string): Promise<Locator> {
  const table = page.locator(".ant-table").filter({ has: page.getByRole("columnheader", { name: column }) });
  await table.locator(tableRows).first().waitFor({ state: "visible" });
  await table.locator(".ant-spin-spinning").waitFor({ state: "detached" });
  return table;
}

async function openMenu(label: string, pathname: string): Promise<void> {
  await page.getByRole("menuitem", { name: label }).click();
  await page.waitForURL((url) => url.pathname === pathname);
}

describe("catalogue, benchmarks, officers and training in chromium (issue 4)", () => {
  before(
    async () => {
      ({ server, browser, context, page, watch } = await openBrowserSession());
      await page.goto("/login");
      await page.getByPlaceholder("用户名", { exact: true }).fill("admin");
      await page.getByPlaceholder("密码", { exact: true }).fill(demoPassword);
      await page.locator('button[type="submit"]').click();
      await page.locator('[data-testid="workbench"]').waitFor({ state: "visible" });
    },
    { timeout: 600_000 },
  );

  after(() => closeBrowserSession({ context, browser, server }));

  test(
    "法律法规 lists the laws library",
    { timeout: 120_000 },
    withFailureShot("laws", async () => {
      await openMenu("法律法规", "/laws");
      const table = await tableWith("效力层级");
      assert.ok((await table.locator(tableRows).count()) > 0);
      await table.getByText("中华人民共和国行政处罚法").first().waitFor();
      await screenshot(page, "catalogue-laws.png");
      assertNoProblems(watch, "法律法规");
    }),
  );

  test(
    "权责清单: a search narrows the list; the 违法行为 tab lists the violations (C02, C03)",
    { timeout: 120_000 },
    withFailureShot("powers", async () => {
      await openMenu("权责清单", "/powers");
      const table = await tableWith("事项名称");
      const search = page.getByPlaceholder("搜索编码、名称、依据");
      const answer = page.waitForResponse(
        (r) => r.url().includes("/api/v1/powers?") && r.url().includes("q=CG-CF-002") && r.ok(),
      );
      await search.fill("CG-CF-002");
      await search.press("Enter");
      await answer;
      await table.locator(".ant-spin-spinning").waitFor({ state: "detached" });
      await table.locator(tableRows).filter({ hasText: "CG-CF-002" }).waitFor();
      assert.equal(await table.locator(tableRows).count(), 1, "one item matches the code");
      await screenshot(page, "catalogue-powers-search.png");

      await page.getByRole("tab", { name: "违法行为" }).click();
      const violations = await tableWith("裁量基准");
      await violations.locator(tableRows).filter({ hasText: "WF-003" }).waitFor();
      assert.equal(await violations.locator(tableRows).count(), 3);
      await screenshot(page, "catalogue-violations.png");
      assertNoProblems(watch, "权责清单");
    }),
  );

  test(
    "权责清单: 保存 on an incomplete form keeps it open with its messages, throws and sends nothing; filled, it saves",
    { timeout: 120_000 },
    withFailureShot("powers-form", async () => {
      await openMenu("权责清单", "/powers");
      await page.getByRole("tab", { name: "权责事项" }).click();
      await tableWith("事项名称");
      await page.getByRole("button", { name: "新增事项" }).click();
      const dialog = page.getByRole("dialog").filter({ hasText: "新增权责事项" });
      await dialog.waitFor();
      const posted: string[] = [];
      const onRequest = (r: { method: () => string; url: () => string }) => {
        if (r.method() === "POST" && new URL(r.url()).pathname === "/api/v1/powers") posted.push(r.url());
      };
      page.on("request", onRequest);
      try {
        await dialog.getByRole("button", { name: /^保\s?存$/ }).click();
        await dialog.getByText("请填写事项名称").waitFor();
        await dialog.getByText("请填写编码").waitFor();
        // A round trip through the page, so that an exception thrown by the click has been reported.
        await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
        assert.ok(await dialog.isVisible(), "the form stays open");
        assert.deepEqual(posted, [], "nothing is sent");
        assertNoProblems(watch, "权责清单 保存 on an incomplete form");
      } finally {
        page.off("request", onRequest);
      }

      await dialog.getByLabel("事项编码").fill("BT-FORM-001");
      await pickOptions(page, "类别", ["行政处罚"]);
      await pickOptions(page, "执法领域", ["城市管理"]);
      await dialog.getByLabel("事项名称").fill("浏览器测试：表单校验");
      const answer = page.waitForResponse(
        (r) => new URL(r.url()).pathname === "/api/v1/powers" && r.request().method() === "POST",
      );
      await dialog.getByRole("button", { name: /^保\s?存$/ }).click();
      assert.ok((await answer).ok());
      await dialog.waitFor({ state: "hidden" });
      const drawer = page.getByRole("dialog").filter({ hasText: "BT-FORM-001" });
      await drawer.getByText("浏览器测试：表单校验").first().waitFor();
      await page.keyboard.press("Escape");
      await drawer.waitFor({ state: "hidden" });

      // Both catalogue forms opened on the page: their fields' ids are still unique.
      await page.getByRole("tab", { name: "违法行为" }).click();
      await page.getByRole("button", { name: "新增违法行为" }).click();
      const violation = page.getByRole("dialog").filter({ hasText: "新增违法行为" });
      await violation.locator(".ant-form-item").first().waitFor();
      const duplicated = await page.evaluate(() => {
        const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
        return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
      });
      assert.deepEqual(duplicated, [], "no two elements share an id");
      await violation.getByRole("button", { name: /^取\s?消$/ }).click();
      await violation.waitFor({ state: "hidden" });
      assertNoProblems(watch, "权责清单 新增事项");
    }),
  );

  test(
    "裁量基准: the calculator proposes the tier and range of a demo benchmark (P14)",
    { timeout: 120_000 },
    withFailureShot("benchmarks", async () => {
      await openMenu("裁量基准", "/benchmarks");
      const table = await tableWith("档次");
      await table.getByRole("button", { name: "施工现场材料堆放高度超过围挡高度" }).click();
      const drawer = page.getByRole("dialog").filter({ hasText: "档次与幅度" });
      await drawer.getByText("裁量计算").waitFor();
      // 危害后果：较重 → 档次「较重」, 1,000–3,000 元 (the published example).
      await drawer.locator(".ant-form-item").filter({ hasText: "危害后果" }).locator(".ant-select").click();
      await page.locator(".ant-select-dropdown:visible").getByText("危害后果较重", { exact: true }).click();
      const answer = page.waitForResponse(
        (r) => r.url().endsWith("/assess") && r.request().method() === "POST",
      );
      await drawer.getByRole("button", { name: "计算" }).click();
      assert.equal((await answer).status(), 200);
      const result = drawer.locator(".ant-descriptions").filter({ hasText: "适用档次" });
      await result.waitFor();
      await result.getByText("较重", { exact: true }).waitFor();
      await result.getByText("1,000 – 3,000 元").waitFor();
      assert.match((await drawer.locator("ol").textContent()) ?? "", /P14/);
      await screenshot(page, "catalogue-calculator.png");
      assertNoProblems(watch, "裁量基准");
      // Escape first closes an open dropdown, then the drawer.
      for (let i = 0; i < 3 && (await drawer.isVisible()); i++) await page.keyboard.press("Escape");
      await drawer.waitFor({ state: "hidden" });
    }),
  );

  test(
    "执法人员: an officer's page shows the valid certificate (O1) and the application card",
    { timeout: 120_000 },
    withFailureShot("officers", async () => {
      await openMenu("执法人员", "/officers");
      const table = await tableWith("证件状态");
      const row = table.locator(tableRows).filter({ hasText: "张伟" });
      await row.getByRole("link", { name: "张伟" }).click();
      await page.waitForURL((url) => url.pathname.startsWith("/officers/"));
      const certs = page.locator(".ant-card").filter({ hasText: "执法证记录" });
      await certs.locator(tableRows).first().waitFor();
      await certs.locator(tableRows).filter({ hasText: "有效" }).first().waitFor();
      await page.locator(".ant-card").filter({ hasText: "执法证申领" }).first().waitFor();
      await screenshot(page, "catalogue-officer.png");
      assertNoProblems(watch, "执法人员");
    }),
  );

  test(
    "教育培训: the demo plan opens with its sessions",
    { timeout: 120_000 },
    withFailureShot("training", async () => {
      await openMenu("教育培训", "/training");
      const plans = await tableWith("总学时");
      await plans.getByRole("link", { name: /东湖区执法人员教育培训计划/ }).click();
      await page.waitForURL((url) => url.pathname.startsWith("/training/plans/"));
      const sessions = page.locator(".ant-card").filter({ hasText: "培训课程" }).first();
      await sessions.locator(tableRows).filter({ hasText: "行政处罚法与执法程序" }).waitFor();
      assert.equal(await sessions.locator(tableRows).count(), 3);
      await screenshot(page, "catalogue-training.png");
      assertNoProblems(watch, "教育培训");
    }),
  );
});

// End-to-end (L1): the legal reviewer of 东湖区 (dh.legal, review.manage in the bureau) opens
// 重大执法决定目录, sees the bureau's demo criteria, adds one (罚款 ≥ 50,000 元, 集体讨论) after the
// client asked for a condition, changes it, removes it with a reason; a change of a criterion that
// was removed meanwhile is refused by the server and its Chinese message is shown; the squad below
// shows the bureau's criteria as inherited and read-only. No sleeps. Screenshots go to test-results/.
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
const added = "浏览器测试：五万元以上罚款";

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let watch: PageWatch;

const withFailureShot = failureShot(() => ({ page, watch }));

const row = (name: string): Locator => page.locator(tableRows).filter({ hasText: name });
const dialog = (title: string): Locator => page.getByRole("dialog").filter({ hasText: title });

/** Saves the open criterion form and answers the server's response to it. */
async function save(form: Locator) {
  const answer = page.waitForResponse(
    (r) => r.url().endsWith("/api/v1/major-decision-criteria") && r.request().method() === "POST",
  );
  await form.getByRole("button", { name: /保\s*存/ }).click();
  return answer;
}

describe("重大执法决定目录 in chromium (L1)", () => {
  before(
    async () => {
      ({ server, browser, context, page, watch } = await openBrowserSession());
      await page.goto("/login");
      await page.getByPlaceholder("用户名", { exact: true }).fill("dh.legal");
      await page.getByPlaceholder("密码", { exact: true }).fill(demoPassword);
      await page.locator('button[type="submit"]').click();
      await page.getByRole("menuitem", { name: "重大执法决定目录" }).click();
      await page.waitForURL((url) => url.pathname === "/major-decision-criteria");
    },
    { timeout: 600_000 },
  );

  after(() => closeBrowserSession({ context, browser, server }));

  test(
    "L1: the bureau's list; add (罚款 ≥ 50,000 元, 集体讨论), change and remove a criterion, each with a reason",
    { timeout: 180_000 },
    withFailureShot("major-criteria", async () => {
      // The demo list of 东湖区 (three criteria of its own).
      const planning = row("城乡规划领域 10 万元以上罚款");
      await planning.waitFor();
      await planning.getByText("城乡规划领域：罚款 ≥ 10 万元").waitFor();
      await planning.getByText("本机关", { exact: true }).waitFor();
      await row("责令停产停业、吊销许可证件、责令关闭").getByText("吊销许可证件").first().waitFor();

      // New: the client asks for a condition first.
      await page.getByRole("button", { name: "新增条件" }).click();
      const form = dialog("新增重大执法决定目录条件");
      await form.getByLabel("名称").fill(added);
      await form.getByRole("checkbox", { name: "须法制审核" }).uncheck();
      await form.getByRole("checkbox", { name: "须集体讨论" }).check();
      await form.getByLabel("理由").fill("局务会决定：5 万元以上罚款一律集体讨论");
      await form.getByRole("button", { name: /保\s*存/ }).click();
      await form.getByText("至少设置一个条件").waitFor();

      await form.getByLabel("罚款数额达到（元）").fill("50000");
      const created = await save(form);
      assert.equal(created.status(), 200, await created.text());
      const body = created.request().postDataJSON() as Record<string, unknown>;
      assert.deepEqual(body.criteria, { fineFenAtLeast: 5_000_000 }, "yuan entered, fen sent");
      assert.equal(body.needsReview, false);
      assert.equal(body.needsDiscussion, true);
      await form.waitFor({ state: "hidden" });
      const mine = row(added);
      await mine.getByText("罚款 ≥ 5 万元").waitFor();
      await mine.getByText("集体讨论", { exact: true }).waitFor();
      assert.equal(await mine.getByText("法制审核", { exact: true }).count(), 0);
      await screenshot(page, "major-criteria-added.png");

      // Change: 60,000.50 元 and 经过听证, with the reason of the change.
      await mine.getByRole("button", { name: "修改" }).click();
      const edit = dialog(`修改目录条件：${added}`);
      await edit.getByLabel("罚款数额达到（元）").fill("60000.5");
      await edit.getByRole("switch", { name: "经过听证" }).click();
      await edit.getByLabel("理由").fill("局务会调整：6 万元以上或经过听证");
      const changed = await save(edit);
      assert.equal(changed.status(), 200, await changed.text());
      const body2 = changed.request().postDataJSON() as Record<string, unknown>;
      assert.deepEqual(body2.criteria, { fineFenAtLeast: 6_000_050, hearingHeld: true });
      assert.equal(typeof body2.criterionId, "string");
      await edit.waitFor({ state: "hidden" });
      await mine.getByText("罚款 ≥ 60,000.5 元；经过听证").waitFor();
      await mine.getByText("局务会调整：6 万元以上或经过听证").waitFor();

      // Remove, with a reason.
      await mine.getByRole("button", { name: "移出" }).click();
      const removal = dialog(`移出目录条件：${added}`);
      const ok = removal.getByRole("button", { name: /移\s*出/ });
      assert.ok(await ok.isDisabled(), "a removal needs a reason");
      await removal.getByPlaceholder("移出理由（必填）").fill("与目录第一项重复");
      const removed = page.waitForResponse((r) => r.url().endsWith("/remove"));
      await ok.click();
      assert.equal((await removed).status(), 200);
      await mine.waitFor({ state: "detached" });
      await screenshot(page, "major-criteria-removed.png");
      assertNoProblems(watch, "目录维护");
    }),
  );

  test(
    "L1: a change of a criterion removed meanwhile is refused and the server's message is shown",
    { timeout: 120_000 },
    withFailureShot("major-criteria-refused", async () => {
      const name = "城乡规划领域 10 万元以上罚款";
      const target = row(name);
      await target.getByRole("button", { name: "修改" }).click();
      const edit = dialog(`修改目录条件：${name}`);
      await edit.getByLabel("理由").fill("调整数额");
      // Someone else removes it meanwhile (the same session, through the API).
      const me = (await (await page.request.get("/api/v1/auth/me")).json()) as {
        memberships: { agencyId: string }[];
      };
      const agencyId = me.memberships[0]!.agencyId;
      const list = (await (
        await page.request.get(`/api/v1/major-decision-criteria?agencyId=${agencyId}`)
      ).json()) as { items: { criterionId: string; name: string }[] };
      const id = list.items.find((c) => c.name === name)!.criterionId;
      const gone = await page.request.post(`/api/v1/major-decision-criteria/${id}/remove`, {
        data: { agencyId, reason: "并入其他条目" },
      });
      assert.equal(gone.status(), 200, await gone.text());

      const refused = await save(edit);
      assert.equal(refused.status(), 404);
      await page.getByText("本机关的重大执法决定目录中没有该项").first().waitFor();
      assert.ok(
        watch.uiErrors.some((t) => t.includes("本机关的重大执法决定目录中没有该项")),
        `the server's message is shown: ${watch.uiErrors.join("; ")}`,
      );
      await screenshot(page, "major-criteria-refused.png");
      // The refusal was expected; nothing else may have gone wrong.
      watch.problems.splice(0);
      watch.uiErrors.splice(0);
      await edit.getByRole("button", { name: /取\s*消/ }).click();
      await edit.waitFor({ state: "hidden" });
    }),
  );

  test(
    "L1: the squad below shows the bureau's criteria as inherited, read-only",
    { timeout: 120_000 },
    withFailureShot("major-criteria-inherited", async () => {
      const answer = page.waitForResponse(
        (r) => r.url().includes("/api/v1/major-decision-criteria?") && r.ok(),
      );
      const agencySelect = page.locator(".ant-select", { has: page.getByLabel("机关", { exact: true }) });
      await pickOptions(page, agencySelect, ["湖滨中队"]);
      await answer;
      const inherited = row("较大数额罚款或没收");
      await inherited.getByText("上级机关", { exact: true }).waitFor();
      await inherited.getByText("罚没数额达到听证标准").waitFor();
      assert.equal(await page.getByText("本机关", { exact: true }).count(), 0);
      assert.equal(await page.getByRole("button", { name: "修改" }).count(), 0);
      assert.equal(await page.getByRole("button", { name: "新增条件" }).count(), 0);
      await screenshot(page, "major-criteria-inherited.png");
      assertNoProblems(watch, "下级机关");
    }),
  );
});

// End-to-end: a general case (C06) carried from the lead to the archive through the pages, in
// Debian's chromium against the real server (PGlite, demo city). The officer dh.hb.01 registers the
// lead with the wizard, the squad leader dh.hb.lead approves the filing, the officer investigates,
// notifies a fine of 500 yuan (below the hearing threshold, so the P10 legal-review gate lets the
// decision through), records the waiver of statement; the leader decides; the officer serves on the
// spot and records the payment; the leader closes and archives. Screenshots go to test-results/.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
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
 * Fixed past dates inside the packaged working-day calendar (it ends with 2026, rule D4): every
 * period opened on the way (decision 90 days, service, payment 15 days) ends inside it, whatever
 * the real date of the run is. Payment falls within 15 days of service: no late fee (X5).
 */
const day = {
  act: "2026-05-06",
  discovered: "2026-05-11",
  filed: "2026-05-15",
  investigation: "2026-05-18",
  inspected: "2026-05-19",
  finished: "2026-05-20",
  noticed: "2026-05-22",
  waived: "2026-05-25",
  decided: "2026-05-27",
  served: "2026-05-29",
  paid: "2026-06-02",
  closed: "2026-06-04",
  archived: "2026-06-08",
};

/** Three-step enforcement (C08): the correction due after the order (C08 correctionDueLater). */
const threeStep = {
  act: "2026-06-01",
  discovered: "2026-06-03",
  educated: "2026-06-03",
  ordered: "2026-06-04",
  due: "2026-06-09",
  reinspected: "2026-06-09",
  archived: "2026-06-11",
};

async function pickDate(p: Page, label: string, date: string) {
  const input = p.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press("Enter");
}

/** An antd Select in the open step form, picked until it shows the option (see pickOptions). */
const choose = (p: Page, label: string, option: string) => pickOptions(p, new RegExp(`^${label}$`), [option]);

/**
 * One case step through the page: the action button, the 办理日期, the step's fields, then
 * 办理; waits for the server's answer (200) and for the page to show the new state.
 */
async function step(
  p: Page,
  button: string | RegExp,
  event: string,
  on: string,
  state: string,
  fill: (m: Locator) => Promise<void> = async () => undefined,
) {
  await p.getByRole("button", { name: button }).click();
  const modal = p.locator(".ant-modal").filter({ has: p.getByLabel("办理日期", { exact: true }) });
  await modal.waitFor();
  await pickDate(p, "办理日期", on);
  await fill(modal.locator(".ant-modal-body"));
  const answer = p.waitForResponse(
    (r) => r.url().endsWith(`/events/${event}`) && r.request().method() === "POST",
  );
  await modal.locator(".ant-modal-footer .ant-btn-primary").click();
  const res = await answer;
  assert.equal(res.status(), 200, `${event}: ${await res.text()}`);
  await modal.waitFor({ state: "detached" });
  await p
    .getByTestId("case-state")
    .filter({ hasText: new RegExp(`^${state}$`) })
    .waitFor();
}

describe("a general case from the lead to the archive in chromium (C06, X3–X5)", () => {
  before(
    async () => {
      ({ server, browser, context, page, watch } = await openBrowserSession());
    },
    { timeout: 600_000 },
  );
  after(() => closeBrowserSession({ context, browser, server }));

  test("filing, investigation, notice, waiver, decision (P10 gate passed), service, payment, closing, archive", {
    timeout: 480_000,
  }, async () => {
    const p = page!;
    try {
      // 1. The officer registers the lead with the wizard (two officers, C2).
      await login(p, "dh.hb.01");
      await p.getByRole("button", { name: "登记线索" }).click();
      await p.getByRole("radio", { name: "一般程序（登记线索）" }).check();
      await pickOptions(p, "执法领域", ["市容环境卫生"]);
      await p.getByRole("button", { name: "下一步" }).click();
      await p.getByLabel("当事人名称").fill("钱某");
      await p.getByLabel("身份证号码").fill("330702199105056789");
      await p.getByLabel("当事人地址").fill("东湖区湖滨路 3 号");
      await p.getByRole("button", { name: "下一步" }).click();
      await p.getByLabel("案由 / 线索内容").fill("浏览器全流程测试：在湖滨路占道经营");
      await pickDate(p, "违法行为发生日期", day.act);
      await pickDate(p, "发现日期", day.discovered);
      await p.getByLabel("违法地点").fill("湖滨路 20 号门前");
      await p.getByRole("button", { name: "下一步" }).click();
      await pickOptions(p, /办案人员/, ["张伟", "张中队"]);
      await p.getByRole("button", { name: "下一步" }).click();
      await p.getByText("浏览器全流程测试：在湖滨路占道经营").waitFor();
      const created = p.waitForResponse(
        (r) => r.url().endsWith("/api/v1/cases") && r.request().method() === "POST",
      );
      await p.getByRole("button", { name: "确认登记" }).click();
      assert.equal((await created).status(), 201);
      await p.getByText("（未立案的线索）").waitFor();
      await p
        .getByTestId("case-state")
        .filter({ hasText: /^线索$/ })
        .waitFor();
      const caseUrl = p.url();
      assert.match(caseUrl, /\/cases\/[0-9a-f-]{36}$/);

      // 2. The squad leader approves the filing: the case gets its number (C5 checked).
      await login(p, "dh.hb.lead");
      await p.goto(caseUrl);
      await step(p, "批准立案", "file", day.filed, "已立案");
      await p
        .getByText(/东湖综执罚〔2026〕\d+号/)
        .first()
        .waitFor();

      // 3. The officer investigates, ends the investigation and sends the notice (500 yuan).
      await login(p, "dh.hb.01");
      await p.goto(caseUrl);
      await step(p, "开始调查取证", "start_investigation", day.investigation, "调查取证");
      // X1: the decision document lists the evidence: the on-site inspection record.
      await step(p, "现场检查（勘验）笔录", "record_inspection", day.inspected, "调查取证", async (m) => {
        await m
          .getByLabel("检查（勘验）情况")
          .fill("现场检查：当事人在湖滨路 20 号门前摆摊经营，占用人行道约 6 平方米");
      });
      await step(
        p,
        "调查终结（调查终结报告）",
        "finish_investigation",
        day.finished,
        "调查终结",
        async (m) => {
          await m
            .getByLabel("调查终结报告")
            .fill("经调查，当事人在湖滨路 20 号门前占道经营，事实清楚，证据确凿。");
        },
      );
      await step(p, "送达行政处罚事先告知书", "notify", day.noticed, "已告知", async (m) => {
        await m.getByLabel("拟罚款（元）").fill("500");
        await m.getByLabel("违法事实").fill("当事人在湖滨路 20 号门前占道经营");
        await m.getByLabel("法律依据").fill("《城市市容和环境卫生管理条例》第三十六条");
      });
      await step(p, "当事人放弃陈述申辩", "waive_statement", day.waived, "已陈述申辩", async (m) => {
        await m.getByLabel("放弃说明").fill("当事人书面表示放弃陈述、申辩和听证");
      });

      // 4. The leader decides the penalty (50,000 fen: no hearing right, the P10 gate lets it through).
      await login(p, "dh.hb.lead");
      await p.goto(caseUrl);
      await step(p, /^作出决定/, "decide", day.decided, "已决定", async (m) => {
        await choose(p, "决定", "给予行政处罚");
        await m.getByLabel("罚款（元）", { exact: true }).fill("500");
        await m.getByLabel("理由（说理）").fill("事实清楚，证据确凿，依法给予罚款 500 元。");
      });

      // 5. The officer serves on the spot (X3) and records the payment within 15 days (X4).
      await login(p, "dh.hb.01");
      await p.goto(caseUrl);
      await step(p, "送达决定书（送达回证）", "serve", day.served, "已送达", async (m) => {
        await choose(p, "送达方式", "直接送达");
        await m.getByLabel("送达回证", { exact: true }).fill("当事人在送达回证上签收");
      });
      const money = p.getByTestId("case-money");
      await money.getByText("500.00 元").first().waitFor();
      await step(p, "执行完毕（缴款凭证）", "record_execution", day.paid, "已执行", async (m) => {
        await m.getByLabel("缴纳金额（元）").fill("500");
        await m.getByLabel("说明", { exact: true }).fill("当事人已通过银行缴纳罚款 500 元");
      });
      await money.getByText("0.00 元").first().waitFor();

      // 6. The leader closes and archives the case.
      await login(p, "dh.hb.lead");
      await p.goto(caseUrl);
      await step(p, "批准结案（结案报告）", "close", day.closed, "已结案", async (m) => {
        await m.getByLabel("结案报告").fill("罚款已缴清，案件办理完毕。");
      });
      await step(p, /^归\s?档$/, "archive", day.archived, "已归档");
      await p.getByText("已归档").first().waitFor();
      assert.equal(await p.getByRole("button", { name: /^归\s?档$/ }).count(), 0);
      await screenshot(p, "case-flow-archived.png");
      assert.deepEqual(watch!.problems, [], "the page showed errors");
    } catch (err) {
      await screenshot(p, "case-flow-failure.png").catch(() => undefined);
      if (watch?.problems.length) console.error(`page problems:\n${watch.problems.join("\n")}`);
      throw err;
    }
  });
  test("three-step enforcement (C08): the legal officer lists the item, the officer educates, orders correction, re-inspects; archived without a penalty", {
    timeout: 300_000,
  }, async () => {
    const p = page!;
    try {
      // The legal officer puts the violation type on the bureau's three-step list (power.manage).
      await login(p, "dh.legal");
      await p.getByRole("menuitem", { name: "三步式执法与首违不罚清单" }).click();
      await p.getByRole("button", { name: "列入事项" }).click();
      await pickOptions(p, /行政处罚事项/, ["CG-CF-001"], { search: true });
      await p.getByLabel("列入理由").fill("经局务会研究确定，列入三步式执法清单");
      const listed = p.waitForResponse(
        (r) => r.url().includes("/procedure-lists/three_step") && r.request().method() === "POST",
      );
      await p.getByRole("button", { name: "确认列入" }).click();
      assert.equal((await listed).status(), 200);
      await p.getByRole("cell", { name: "CG-CF-001" }).waitFor();

      // The officer registers a three-step lead with the listed item.
      await login(p, "dh.hb.01");
      await p.getByRole("button", { name: "登记线索" }).click();
      await p.getByRole("radio", { name: "三步式执法" }).check();
      await pickOptions(p, "执法领域", ["市容环境卫生"]);
      await p.getByRole("button", { name: "下一步" }).click();
      await p.getByLabel("当事人名称").fill("孙某");
      await p.getByRole("button", { name: "下一步" }).click();
      await p.getByLabel("案由 / 线索内容").fill("浏览器测试：随地乱扔果皮");
      // The list of the select arrives from the server: pick until the tag shows (no sleeps).
      await pickOptions(p, /违法行为（三步式执法清单中的事项）/, ["CG-CF-001"]);
      await p.locator(".ant-select-selection-item", { hasText: "CG-CF-001" }).first().waitFor();
      await pickDate(p, "违法行为发生日期", threeStep.act);
      await pickDate(p, "发现日期", threeStep.discovered);
      await p.getByLabel("违法地点").fill("湖滨公园南门");
      await p.getByRole("button", { name: "下一步" }).click();
      await pickOptions(p, /办案人员/, ["张伟", "张中队"]);
      await p.getByRole("button", { name: "下一步" }).click();
      await p.getByRole("button", { name: "确认登记" }).click();
      await p
        .getByTestId("case-state")
        .filter({ hasText: /^线索$/ })
        .waitFor();
      await p.getByText("三步式执法").first().waitFor();
      const caseUrl = p.url();
      assert.match(caseUrl, /\/cases\/[0-9a-f-]{36}$/);

      await step(p, "教育劝导（教育记录）", "educate", threeStep.educated, "已教育劝导", async (m) => {
        await m.getByLabel("教育劝导记录").fill("向当事人宣讲《城市市容和环境卫生管理条例》，当事人表示理解");
      });
      await step(
        p,
        "责令限期改正（责令改正通知书）",
        "order_correction",
        threeStep.ordered,
        "已责令改正",
        async (m) => {
          await m.getByLabel("改正要求").fill("三日内清理现场并不再乱扔");
          await pickDate(p, "改正期限（届满日）", threeStep.due);
        },
      );
      await step(
        p,
        /^复查：已按期改正/,
        "reinspect_corrected",
        threeStep.reinspected,
        "已结案",
        async (m) => {
          await m.getByLabel("复查记录").fill("复查：现场已清理，当事人已改正");
        },
      );
      assert.equal(await p.getByText("（未立案）").count(), 1, "no case number: nothing was filed");

      await login(p, "dh.hb.lead");
      await p.goto(caseUrl);
      await step(p, /^归\s?档$/, "archive", threeStep.archived, "已归档");
      await screenshot(p, "case-three-step-archived.png");
      assert.deepEqual(watch!.problems, [], "the page showed errors");
    } catch (err) {
      await screenshot(p, "case-three-step-failure.png").catch(() => undefined);
      if (watch?.problems.length) console.error(`page problems:\n${watch.problems.join("\n")}`);
      throw err;
    }
  });
});

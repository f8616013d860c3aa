// End-to-end: legal review (P10, L2) in Debian's chromium against the real server (PGlite, demo
// city). The case team brings a case with a fine at the hearing threshold (on the 东湖 list of major
// decisions, L1) to the decision and submits it for review (through the API); the reviewer dh.legal
// opens the queue (the bureau's leader has extended its deadline first, L3), sees the checklist
// pre-filled by the machine checks, returns it with a problem;
// after the team's correction (resubmitted) the reviewer sees what changed and passes it; the
// decision is then allowed. Screenshots go to test-results/.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { APIRequestContext, Browser, BrowserContext, Page } from "playwright-core";
import { addDays } from "../../src/modules/officers/officer.ts";
import {
  closeBrowserSession,
  demoPassword,
  openBrowserSession,
  type PageWatch,
  type RunningServer,
  screenshot,
} from "./support.ts";

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page | undefined;
let watch: PageWatch | undefined;

async function login(p: Page, username: string, menu: string) {
  await p.context().clearCookies();
  await p.goto("/login");
  await p.getByPlaceholder("用户名", { exact: true }).fill(username);
  await p.getByPlaceholder("密码", { exact: true }).fill(demoPassword);
  await p.locator('button[type="submit"]').click();
  await p.getByRole("menuitem", { name: menu }).click();
}

/** API calls as a user (the browser context's cookie jar). */
async function as(r: APIRequestContext, username: string) {
  const res = await r.post("/api/v1/auth/login", { data: { username, password: demoPassword } });
  assert.equal(res.status(), 200, await res.text());
  return {
    get: async (url: string) => {
      const x = await r.get(`/api/v1${url}`);
      assert.equal(x.status(), 200, await x.text());
      return x.json();
    },
    post: async (url: string, data: unknown, status = 200) => {
      const x = await r.post(`/api/v1${url}`, { data });
      assert.equal(x.status(), status, `${url}: ${await x.text()}`);
      return x.json();
    },
  };
}

describe("legal review of a case in chromium (P10, L2)", () => {
  before(
    async () => {
      ({ server, browser, context, page, watch } = await openBrowserSession());
    },
    { timeout: 600_000 },
  );
  after(() => closeBrowserSession({ context, browser, server }));

  test("deadline extended (L3) → queue → pre-filled checklist → returned with a problem → resubmitted → passed; the decision is then allowed", {
    timeout: 480_000,
  }, async () => {
    const p = page!;
    try {
      // The case team (API): a lead walked to the decision with a fine of 6,000 yuan, then submitted.
      // Fixed dates inside the packaged calendar (it ends with 2026, rule D4): the 90-day decision
      // period (P3) opened on 2026-09-10 ends inside it.
      const day = (n: number) => addDays("2026-10-10", n);
      const lead = await as(p.request, "dh.hb.lead");
      const me = await lead.get("/auth/me");
      const users = (await lead.get("/users?pageSize=200")) as { items: { id: string; username: string }[] };
      const uid = (u: string) => users.items.find((x) => x.username === u)!.id;
      const powers = (await lead.get("/powers?pageSize=100")) as { items: { id: string; code: string }[] };
      const agencyId = (me as { memberships: { agencyId: string; agencyName: string }[] }).memberships.find(
        (m) => m.agencyName.includes("湖滨"),
      )!.agencyId;
      const c = (await lead.post(
        "/cases",
        {
          agencyId,
          field: "市容环境卫生",
          summary: "浏览器法制审核测试：占道经营",
          place: { address: "湖滨路 30 号门前" },
          party: { type: "individual", name: "韩某", idNumber: "330702198909091234", address: "湖滨路 2 号" },
          powerItemIds: [powers.items.find((x) => x.code === "CG-CF-001")!.id],
          actOn: day(-40),
          discoveredOn: day(-32),
          officerIds: [uid("dh.hb.01"), uid("dh.hb.lead")],
        },
        201,
      )) as { id: string };
      const stepOf = async (event: string, on: string, data: Record<string, unknown> = {}) => {
        const detail = (await lead.get(`/cases/${c.id}`)) as { version: number };
        return lead.post(`/cases/${c.id}/events/${event}`, { version: detail.version, on, data });
      };
      await stepOf("file", day(-30));
      await stepOf("start_investigation", day(-29));
      await stepOf("record_inspection", day(-28), { record: "现场检查：占道摆摊约 8 平方米" });
      await stepOf("finish_investigation", day(-20), { report: "事实清楚，证据确凿" });
      await stepOf("notify", day(-15), {
        penalty: { fineFen: 600_000 },
        facts: "占道经营",
        legalBasis: "条例第三十六条",
      });
      await stepOf("waive_statement", day(-14), { note: "当事人书面放弃陈述申辩和听证" });
      const materials = ["investigation_report", "proposal", "evidence", "legal_basis"];
      // P10: the reviewers the case team may name (the bureau's legal reviewer 刘审核 = dh.legal).
      const reviewers = (await lead.get(`/cases/${c.id}/reviewers`)) as {
        items: { userId: string; name: string; refusal: string | null }[];
      };
      const reviewerId = reviewers.items.find((x) => x.name === "刘审核" && x.refusal === null)!.userId;
      await lead.post(
        "/reviews",
        {
          caseId: c.id,
          proposal: { outcome: "penalty", penalty: { fineFen: 600_000 }, reasons: "占道经营，依法处罚" },
          materials,
          reviewerId,
        },
        201,
      );

      // L3: the bureau's leader extends the review deadline once, with a reason; the page shows the
      // new deadline and who approved it, and the queue marks it 已延期.
      await login(p, "dh.leader", "法制审核");
      await p.locator("tr", { hasText: "韩某" }).getByRole("link").click();
      await p.getByRole("button", { name: "延长审核期限" }).click();
      await p.getByPlaceholder("延长理由（必填，案情复杂等）").fill("案情复杂，需补充查阅相关规定");
      const extended = p.waitForResponse(
        (r) => r.url().endsWith("/extension") && r.request().method() === "POST",
      );
      await p.getByRole("button", { name: "批准延长" }).click();
      assert.equal((await extended).status(), 200);
      await p
        .getByTestId("review-extension")
        .getByText(/已延长 3 个工作日（陈志强，案情复杂/)
        .waitFor();
      await screenshot(p, "review-0-extended.png");
      await p.getByRole("menuitem", { name: "法制审核" }).click();
      await p.locator("tr", { hasText: "韩某" }).getByTestId("extended").waitFor();

      // The reviewer opens the queue and the review page: every machine item is pre-filled.
      await login(p, "dh.legal", "法制审核");
      const row = p.locator("tr", { hasText: "韩某" });
      await row.waitFor();
      await row.getByRole("link").click();
      await p.getByTestId("review-status").filter({ hasText: "待审核" }).waitFor();
      for (const label of [
        "执法人员具备执法资格",
        "按规定进行音像记录",
        "各项程序期限均已遵守",
        "决定书内容完备",
      ])
        await p.locator("tr", { hasText: label }).getByText("符合", { exact: true }).first().waitFor();
      await p
        .getByText(/现场检查（勘验）笔录：张伟执法证有效/)
        .first()
        .waitFor();
      await screenshot(p, "review-1-checklist.png");

      // Returned with a problem on the law applied.
      await p.getByTestId("item-law").getByText("存在问题").click();
      await p.getByTestId("item-law").getByRole("textbox").fill("应适用第三十六条第二款，罚款偏高");
      await p.getByTestId("opinion-comment").fill("存在问题：法律适用与罚款数额，请补正");
      const returned = p.waitForResponse(
        (r) => r.url().endsWith("/opinion") && r.request().method() === "POST",
      );
      await p.getByRole("button", { name: /存在问题，退回补正/ }).click();
      assert.equal((await returned).status(), 200);
      await p.getByTestId("review-status").filter({ hasText: "退回补正" }).waitFor();

      // The team corrects and resubmits (API).
      const lead2 = await as(p.request, "dh.hb.lead");
      assert.equal(
        (
          await lead2.post(
            `/cases/${c.id}/events/decide`,
            {
              version: ((await lead2.get(`/cases/${c.id}`)) as { version: number }).version,
              on: day(-1),
              data: { outcome: "penalty", penalty: { fineFen: 600_000 }, reasons: "x" },
            },
            422,
          )
        ).error.code,
        "LEGAL_REVIEW_FAILED",
      );
      await lead2.post(
        "/reviews",
        {
          caseId: c.id,
          proposal: {
            outcome: "penalty",
            penalty: { fineFen: 550_000 },
            reasons: "依据第三十六条第二款处罚",
          },
          materials,
          reviewerId,
        },
        201,
      );

      // The reviewer sees what changed and passes it.
      await login(p, "dh.legal", "法制审核");
      await p.locator("tr", { hasText: "韩某" }).getByRole("link").click();
      await p
        .getByTestId("changes")
        .getByText(/罚款 6000\.00 元 → 罚款 5500\.00 元/)
        .waitFor();
      await p.getByTestId("opinion-comment").fill("同意");
      const passed = p.waitForResponse(
        (r) => r.url().endsWith("/opinion") && r.request().method() === "POST",
      );
      await p.getByRole("button", { name: /^同\s*意$/ }).click();
      assert.equal((await passed).status(), 200);
      await p.getByTestId("review-status").filter({ hasText: "审核通过" }).waitFor();
      await screenshot(p, "review-2-passed.png");

      // The decision is now allowed (P10 gate), not heavier than the reviewed proposal.
      const lead3 = await as(p.request, "dh.hb.lead");
      const decided = await lead3.post(`/cases/${c.id}/events/decide`, {
        version: ((await lead3.get(`/cases/${c.id}`)) as { version: number }).version,
        on: day(-1),
        data: { outcome: "penalty", penalty: { fineFen: 550_000 }, reasons: "依据第三十六条第二款处罚" },
      });
      assert.equal(decided.state, "decided");
      assert.deepEqual(watch!.problems, [], "the page showed errors");
    } catch (e) {
      await screenshot(p, "review-failure.png").catch(() => undefined);
      if (watch?.problems.length) console.error(`page problems:\n${watch.problems.join("\n")}`);
      throw e;
    }
  });
});

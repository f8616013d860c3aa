// End-to-end (C13, C7): a decision published through the API is opened on the public site without
// login, and the browser itself verifies it against the agency's signed checkpoint (已验证). Then
// the stored decision is changed directly in the database (the server is stopped, the row changed
// with PGlite with the append-only trigger switched off, the server restarted on the same data):
// the same page shows 验证失败. Also opens the other public pages (phone-sized) for errors.
// Screenshots go to test-results/.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import type { Browser, Page } from "playwright-core";
import {
  buildWeb,
  demoPassword,
  failureShot,
  launchBrowser,
  type PageWatch,
  pickOptions,
  repoRoot,
  screenshot,
  watchPage,
} from "./support.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const a = srv.address();
      srv.close(() => (a && typeof a === "object" ? resolve(a.port) : reject()));
    });
  });

/**
 * `guifan serve` on a data folder this test keeps (support.ts's startServer removes its folder on
 * stop; here the folder must survive a restart so that the database can be changed in between).
 */
class Server {
  baseUrl = "";
  private child?: ChildProcess;
  private exited?: Promise<void>;
  constructor(readonly dir: string) {}
  get logFile() {
    return path.join(this.dir, "server.log");
  }
  async start() {
    const port = await freePort();
    this.baseUrl = `http://127.0.0.1:${port}`;
    const fd = fs.openSync(this.logFile, "a");
    const child = spawn(process.execPath, ["bin/guifan.js", "serve"], {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: path.join(this.dir, "data"),
        DATABASE_URL: "",
        GUIFAN_DEMO_PASSWORD: demoPassword,
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", fd, fd],
    });
    fs.closeSync(fd);
    this.child = child;
    this.exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const deadline = Date.now() + 240_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`guifan serve exited during start-up:\n${this.log()}`);
      try {
        const res = await fetch(`${this.baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`guifan serve not ready after 240 s:\n${this.log()}`);
      await sleep(250);
    }
  }
  log() {
    return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, "utf8") : "";
  }
  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}

type Decision = { id: string; penalty: string; ledger: unknown | null; withdrawnAt: string | null };

let server: Server | undefined;
let browser: Browser | undefined;
let page: Page | undefined;
let watch: PageWatch | undefined;
let decisionId = "";

const withFailureShot = failureShot(() => ({ page, watch }));

async function login(username: string): Promise<string> {
  const res = await fetch(`${server!.baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  const text = await res.text();
  assert.equal(res.status, 200, `login ${username}: ${text}`);
  return `guifan_session=${(JSON.parse(text) as { token: string }).token}`;
}

const getJson = async <T>(url: string, cookie?: string): Promise<T> => {
  const res = await fetch(`${server!.baseUrl}${url}`, { headers: cookie ? { cookie } : {} });
  assert.equal(res.status, 200, `${url}: ${res.status}`);
  return (await res.json()) as T;
};

describe("公示网站: a published decision verified in the browser (C13, C7, G6)", () => {
  before(
    async () => {
      buildWeb();
      server = new Server(fs.mkdtempSync(path.join(os.tmpdir(), "guifan-public-site-")));
      await server.start();
      browser = await launchBrowser();
      const context = await browser.newContext({
        baseURL: server.baseUrl,
        locale: "zh-CN",
        timezoneId: "Asia/Shanghai",
        viewport: { width: 390, height: 844 },
        isMobile: true,
      });
      context.setDefaultTimeout(30_000);
      page = await context.newPage();
      watch = await watchPage(page);
    },
    { timeout: 600_000 },
  );

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (server) fs.rmSync(server.dir, { recursive: true, force: true });
  });

  test(
    "C13/G3: a case of 东湖区湖滨中队 walked to a decision over HTTP, published as dh.legal, gets its proof",
    { timeout: 240_000 },
    withFailureShot("public-site-publish", async () => {
      const officer = await login("dh.hb.01");
      const leader = await login("dh.hb.lead");
      const meOf = (cookie: string) =>
        getJson<{ user: { id: string }; memberships: { agencyId: string; agencyName: string }[] }>(
          "/api/v1/auth/me",
          cookie,
        );
      const [o, l] = [await meOf(officer), await meOf(leader)];
      const squad = o.memberships.find((m) => m.agencyName.includes("湖滨中队"))!;
      const send = async (url: string, cookie: string, body: unknown, status: number) => {
        const res = await fetch(`${server!.baseUrl}${url}`, {
          method: "POST",
          headers: { cookie, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        const text = await res.text();
        assert.equal(res.status, status, `${url}: ${text}`);
        return JSON.parse(text) as { id: string; version: number; publicationId: string };
      };
      // Fixed past dates inside 2026 (the server runs on the real date; the calendar ends 2026).
      const c = await send(
        "/api/v1/cases",
        officer,
        {
          agencyId: squad.agencyId,
          field: "市容环境卫生",
          summary: "欧阳明辉在湖滨路人行道占道经营",
          place: { address: "东湖区湖滨路 18 号门前", latitude: 29.1, longitude: 119.6 },
          party: {
            type: "individual",
            name: "欧阳明辉",
            idNumber: "330702198807154321",
            phone: "13857901234",
            address: "东湖区解放路 88 号 3 幢 502 室",
          },
          actOn: "2026-08-20",
          discoveredOn: "2026-08-25",
          officerIds: [o.user.id, l.user.id],
        },
        201,
      );
      const steps: [string, string, Record<string, unknown>, string][] = [
        ["file", "2026-09-01", {}, leader],
        ["start_investigation", "2026-09-02", {}, officer],
        [
          "record_inspection",
          "2026-09-03",
          { record: "现场检查：欧阳明辉（电话 13857901234）在人行道摆摊约 3 平方米" },
          officer,
        ],
        [
          "record_interview",
          "2026-09-04",
          { record: "证人称其每日摆摊", interviewee: "证人孙丽华" },
          officer,
        ],
        ["finish_investigation", "2026-09-10", { report: "事实清楚" }, officer],
        [
          "notify",
          "2026-09-11",
          {
            penalty: { fineFen: 50_000 },
            facts: "欧阳明辉在湖滨路占道经营",
            legalBasis: "《城市市容和环境卫生管理条例》第三十六条",
          },
          officer,
        ],
        ["waive_statement", "2026-09-12", { note: "放弃" }, officer],
        [
          "decide",
          "2026-09-14",
          { outcome: "penalty", penalty: { fineFen: 50_000 }, reasons: "依基准属一般情节" },
          leader,
        ],
      ];
      let version = c.version;
      for (const [event, on, data, as] of steps)
        version = (await send(`/api/v1/cases/${c.id}/events/${event}`, as, { version, on, data }, 200))
          .version;
      decisionId = (await send(`/api/v1/cases/${c.id}/publication`, await login("dh.legal"), {}, 201))
        .publicationId;
      // The integrator sequences the entry within a second or so and signs a checkpoint after
      // ledger.checkpointEverySeconds (10 s by default).
      const deadline = Date.now() + 120_000;
      let d = await getJson<Decision>(`/api/v1/public/decisions/${decisionId}`);
      while (!d.ledger && Date.now() < deadline) {
        await sleep(1_000);
        d = await getJson<Decision>(`/api/v1/public/decisions/${decisionId}`);
      }
      assert.ok(d.ledger, "the proof exists once a checkpoint covers the entry");
    }),
  );

  test(
    "C13/C7: the decision page, without login, verifies the proof in the browser: 已验证",
    { timeout: 120_000 },
    withFailureShot("public-site-verified", async () => {
      const p = page!;
      await p.goto(`/public/decisions/${decisionId}`);
      await p.getByTestId("decision-body").waitFor();
      const result = p.getByTestId("verify-result");
      await result.getByText("已验证", { exact: true }).waitFor();
      assert.equal(await result.getByText("验证失败").count(), 0);
      // G6: the party is shown masked (欧阳某某), never the name, ID or phone number, nor the witness.
      const text = (await p.getByTestId("decision-body").textContent()) ?? "";
      assert.match(text, /欧阳某某/);
      for (const secret of ["欧阳明辉", "330702198807154321", "13857901234", "解放路 88 号", "孙丽华"])
        assert.ok(!text.includes(secret), `the page shows ${secret}`);
      assert.doesNotMatch(text, /(?<!\d)(\d{17}[\dX]|1[3-9]\d{9})(?!\d)/);
      await screenshot(p, "public-site-decision-verified.png");
      assert.deepEqual(watch!.problems, [], "the page showed errors");
    }),
  );

  test(
    "C13: the public pages open on a phone without errors; the decision list finds the decision",
    { timeout: 180_000 },
    withFailureShot("public-site-pages", async () => {
      const p = page!;
      const pages: [string, string][] = [
        ["/public", "执法主体与人员"],
        ["/public/agencies", "执法人员（持有效执法证）"],
        ["/public/powers", "权责清单"],
        ["/public/inspection-items", "随机抽查事项清单"],
        ["/public/service-guides", "投诉举报办理指南"],
        ["/public/inspection-results", "示范市湖光广告传媒有限公司"],
        ["/public/benchmarks", "行政处罚裁量基准"],
        ["/public/remedies", "行政复议与行政诉讼"],
        ["/public/statistics", "按月立案与决定"],
      ];
      for (const [url, text] of pages) {
        await p.goto(url);
        await p.getByText(text).first().waitFor();
      }
      // G6: an inspected individual appears masked (赵某某), never by name or phone.
      await p.goto("/public/inspection-results");
      await p.getByText("赵某某").first().waitFor();
      const html = await p.content();
      assert.ok(!html.includes("赵小明") && !html.includes("13905790123"), "the individual is masked");
      await p.goto("/public/procedures");
      await p.getByTestId("procedure-chart").locator("svg").first().waitFor();
      await p
        .getByTestId("procedure-chart")
        .screenshot({ path: path.join(repoRoot, "test-results", "public-site-procedure-chart.png") });
      await screenshot(p, "public-site-procedures.png");
      await p.goto("/public/decisions");
      await p.locator(`a[href="/public/decisions/${decisionId}"]`).first().waitFor();
      await screenshot(p, "public-site-decisions.png");
      assert.deepEqual(watch!.problems, [], "the pages showed errors");
    }),
  );

  test(
    "C7/C13: after the stored decision is changed in the database, the same page shows 验证失败",
    { timeout: 600_000 },
    withFailureShot("public-site-tampered", async () => {
      await server!.stop();
      const db = await PGlite.create(path.join(server!.dir, "data", "pg"));
      try {
        await db.exec("ALTER TABLE public_decisions DISABLE TRIGGER public_decisions_append_only");
        const r = await db.query("UPDATE public_decisions SET penalty = $1 WHERE id = $2", [
          "警告",
          decisionId,
        ]);
        assert.equal(r.affectedRows, 1);
        await db.exec("ALTER TABLE public_decisions ENABLE TRIGGER public_decisions_append_only");
      } finally {
        await db.close();
      }
      await server!.start();
      const p = page!;
      await p.goto(`${server!.baseUrl}/public/decisions/${decisionId}`);
      await p.getByText("警告").first().waitFor();
      const result = p.getByTestId("verify-result");
      await result.getByText("验证失败", { exact: true }).waitFor();
      assert.equal(await result.getByText("已验证", { exact: true }).count(), 0);
      await result.getByText(/内容可能被改动/).waitFor();
      await screenshot(p, "public-site-decision-failed.png");
    }),
  );
  test(
    "G3/G4/C13: the staff page 执法公示 withdraws a published decision with its reason and edits the inspection-item list",
    { timeout: 180_000 },
    withFailureShot("public-site-staff", async () => {
      const staff = await browser!.newContext({
        baseURL: server!.baseUrl,
        locale: "zh-CN",
        timezoneId: "Asia/Shanghai",
        viewport: { width: 1280, height: 900 },
      });
      staff.setDefaultTimeout(30_000);
      const cookie = await login("dh.legal");
      await staff.addCookies([
        { name: "guifan_session", value: cookie.split("=")[1]!, url: server!.baseUrl },
      ]);
      const q = await staff.newPage();
      const w = await watchPage(q);
      page = q;
      await q.goto("/publication");
      await q.getByText("待公示的决定", { exact: false }).first().waitFor();
      // The decisions card only (the inspection results below have 撤回 buttons too).
      const published = q.locator(".ant-card").filter({ hasText: "已公示的决定" });
      const row = published
        .locator(".ant-table-row", { has: q.getByRole("button", { name: /^撤\s?回$/ }) })
        .first();
      await row.waitFor();
      await row.getByRole("button", { name: /^撤\s?回$/ }).click();
      const modal = q.locator(".ant-modal");
      await modal.getByPlaceholder("撤回原因（必填）").fill("该决定经行政复议被变更");
      await modal.getByRole("button", { name: /^撤\s?回$/ }).click();
      await q.getByText("已撤回：该决定经行政复议被变更").first().waitFor();
      // C13: the random-inspection item list is edited here (power.manage) and shown publicly.
      await q.getByRole("button", { name: "新增事项" }).click();
      const form = q.locator(".ant-modal").filter({ hasText: "新增抽查事项" });
      await form.getByLabel("事项名称").fill("建筑垃圾运输车辆抽查");
      await pickOptions(q, "执法领域", ["市容环境卫生"]);
      await form.getByLabel("检查对象").fill("辖区内从事建筑垃圾运输的单位");
      await form.getByLabel("检查方式").fill("现场检查");
      await form.getByLabel("抽查比例与频次").fill("每季度抽查比例不低于 10%");
      await form.getByLabel("检查依据").fill("《城市建筑垃圾管理规定》第十四条");
      await form.getByRole("button", { name: /^保\s?存$/ }).click();
      await q.locator(".ant-table-row", { hasText: "建筑垃圾运输车辆抽查" }).waitFor();
      await screenshot(q, "public-site-staff-publication.png");
      assert.deepEqual(w.problems, [], "the staff page showed errors");
      const withdrawn = (
        await getJson<{ items: (Decision & { withdrawalReason: string | null })[] }>(
          "/api/v1/public/decisions",
        )
      ).items.filter((d) => d.withdrawalReason === "该决定经行政复议被变更");
      assert.equal(withdrawn.length, 1);
      await q.goto(`/public/decisions/${withdrawn[0]!.id}`);
      await q.getByTestId("withdrawal").getByText("撤回原因：该决定经行政复议被变更").waitFor();
      await q.goto("/public/inspection-items");
      await q.getByText("建筑垃圾运输车辆抽查").waitFor();
      await staff.close();
    }),
  );
});

// End-to-end (C7): the sysadmin opens 全过程记录 and the browser itself checks the record — leaf
// hashes recomputed from the entries, inclusion proofs folded, the checkpoint's Ed25519 signature
// checked with WebCrypto — and shows 已验证. Tampering can't be staged here (the server owns its
// PGlite folder); test/domain/browser-verify.test.ts covers it. Screenshots go to test-results/.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { canonicalJson } from "../../src/modules/ledger/canonical-json.ts";
import { entryLeafHash } from "../../src/modules/ledger/entry.ts";
import { CompactRange, decompose, inclusionRanges, rangeHash } from "../../src/modules/ledger/merkle.ts";
import { checkpointBody, loadOrCreateKey, signBody } from "../../src/modules/ledger/signing-keys.ts";
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

/**
 * A case timeline as GET /cases/{id}/timeline answers it, built with the server's own ledger code
 * and signed with a real Ed25519 key: 5 entries of a new agency, 4 of them in the case. With
 * `tamper`, the second step's payload is changed after signing (what a rewritten row looks like).
 */
function signedTimeline(tamper: boolean) {
  const agencyId = randomUUID();
  const caseId = randomUUID();
  const start = Date.UTC(2026, 10, 20, 1, 0, 0, 0);
  const steps = [
    { type: "settings.changed", label: "参数设置变更", payload: { step: "立案", fen: 0 } },
    { type: "settings.changed", label: "参数设置变更", payload: { step: "调查取证", fen: 0 } },
    { type: "agency.updated", label: "修改机构信息", payload: {}, noCase: true },
    { type: "settings.changed", label: "参数设置变更", payload: { step: "告知", fen: 200000 } },
    { type: "settings.changed", label: "参数设置变更", payload: { step: "决定", fen: 200000 } },
  ];
  const entries = steps.map((s, seq) => ({
    id: 1000 + seq,
    agencyId,
    seq,
    at: new Date(start + seq * 3_600_000).toISOString(),
    actorId: "0193a1b2-0000-7000-8000-0000000000f1",
    actorName: "张伟",
    caseId: s.noCase ? null : caseId,
    eventType: s.type,
    eventTypeLabel: s.label,
    payload: canonicalJson(s.payload),
  }));
  const nodes = new Map<string, Buffer>();
  const tree = new CompactRange();
  const leaves = entries.map((e) => entryLeafHash(e));
  for (const leaf of leaves) {
    nodes.set(`0:${tree.size}`, leaf);
    tree.append(leaf, (level, index, h) => nodes.set(`${level}:${index}`, h));
  }
  const mth = (a: number, b: number) =>
    rangeHash(decompose(a, b).map((r) => nodes.get(`${r.level}:${r.index}`)!));
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), "guifan-browser-key-"));
  const key = loadOrCreateKey(keyDir, agencyId);
  fs.rmSync(keyDir, { recursive: true, force: true });
  const root = tree.root();
  const at = new Date(start + 5 * 3_600_000);
  const body = checkpointBody(agencyId, tree.size, root, at);
  const timeline = {
    caseId,
    agencyId,
    agencyName: "测试县综合行政执法局",
    checkpoint: {
      agencyId,
      treeSize: tree.size,
      rootHash: root.toString("base64"),
      at: at.toISOString(),
      keyId: key.keyId,
      body,
      signature: signBody(key, body).toString("base64"),
      publicKey: key.publicKeyPem,
    },
    entries: entries
      .filter((e) => e.caseId)
      .map(({ agencyId: _, ...e }) => ({
        ...e,
        leafHash: leaves[e.seq]!.toString("base64"),
        proof: inclusionRanges(e.seq, tree.size).map((r) => mth(r.start, r.end).toString("base64")),
        awaitingCheckpoint: false,
      })),
  };
  if (tamper) timeline.entries[1]!.payload = canonicalJson({ step: "调查取证（改）", fen: 0 });
  return timeline;
}

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page | undefined;
let watch: PageWatch | undefined;

const withFailureShot = failureShot(() => ({ page, watch }));

/** Waits until the ledger table has rows and has stopped loading. */
async function tableReady(p: Page): Promise<void> {
  await p.locator(tableRows).first().waitFor({ state: "visible" });
  await p.locator(".ant-table .ant-spin-spinning").waitFor({ state: "detached" });
  await p.waitForLoadState("networkidle");
}

describe("全过程记录: verification in the browser (C7)", () => {
  before(
    async () => {
      ({ server, browser, context, page, watch } = await openBrowserSession());
    },
    { timeout: 600_000 },
  );

  after(() => closeBrowserSession({ context, browser, server }));

  test(
    "admin opens 全过程记录, 核验本页 shows 已验证, and a single entry verifies too",
    { timeout: 180_000 },
    withFailureShot("ledger-verify", async () => {
      const p = page!;
      await p.goto("/login");
      await p.getByPlaceholder("用户名", { exact: true }).fill("admin");
      await p.getByPlaceholder("密码", { exact: true }).fill(demoPassword);
      await p.locator('button[type="submit"]').click();
      await p.locator('[data-testid="workbench"]').waitFor({ state: "visible" });

      await p.getByRole("menuitem", { name: "全过程记录" }).click();
      await p.waitForURL((url) => url.pathname === "/ledger");
      await tableReady(p);
      await p.locator('[data-testid="checkpoint"]').waitFor({ state: "visible" });

      // The login just recorded is numbered and signed within seconds (integrator); until then
      // the page says the entry awaits a checkpoint, and 刷新 fetches the list again.
      const summary = p.getByTestId("verify-summary");
      let text = "";
      for (let attempt = 0; attempt < 30; attempt++) {
        await p.getByTestId("verify-page").click();
        await summary.waitFor({ state: "visible" });
        text = (await summary.textContent()) ?? "";
        if (!text.includes("待检查点")) break;
        await p.waitForTimeout(1_000);
        const reloaded = p.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/ledger/entries");
        await p.getByRole("button", { name: "刷新" }).click();
        await reloaded;
        await tableReady(p);
      }
      assert.match(text, /已验证/, `summary: ${text}`);
      assert.doesNotMatch(text, /未通过/);
      const rows = await p.locator(tableRows).count();
      assert.equal(await p.locator(".ant-table").getByTestId("verify-ok").count(), rows, "every row: 已验证");
      assert.match((await p.locator('[data-testid="checkpoint"]').textContent()) ?? "", /已验证/);
      await screenshot(p, "ledger-verify.png");

      // 核验 of one row (the oldest on the page) on its own.
      const last = p.locator(tableRows).last();
      await last.locator('[data-testid^="verify-row-"]').click();
      await last.getByTestId("verify-ok").waitFor({ state: "visible" });
      assertNoProblems(watch, "ledger page");
    }),
  );

  test(
    "the event-type filter and the case timeline search work without errors",
    { timeout: 120_000 },
    withFailureShot("ledger-timeline", async () => {
      const p = page!;
      const listed = p.waitForResponse(
        (r) =>
          new URL(r.url()).pathname === "/api/v1/ledger/entries" && r.url().includes("eventType=auth.login"),
      );
      await pickOptions(p, p.getByTestId("event-type-filter"), [/^登录$/]);
      assert.equal((await listed).status(), 200);
      await tableReady(p);
      const events = await p.locator(`${tableRows} td:nth-child(3)`).allTextContents();
      assert.ok(events.length > 0 && events.every((e) => e === "登录"), `events: ${events.join(",")}`);

      // No case exists in the demo city yet: the timeline says so, without an error.
      const unknown = "0193a1b2-0000-7000-8000-0000000ca5e9";
      await p.getByTestId("case-search").locator("input").fill(unknown);
      await p.getByRole("button", { name: "查看时间线" }).click();
      await p.waitForURL((url) => url.searchParams.get("case") === unknown);
      await p.getByTestId("case-timeline").getByText("未找到案件").waitFor({ state: "visible" });
      await screenshot(p, "ledger-case-timeline.png");
      await p.getByRole("button", { name: "返回记录列表" }).click();
      await p.waitForURL((url) => url.pathname === "/ledger" && !url.searchParams.get("case"));
      await tableReady(p);
      assertNoProblems(watch, "case timeline");
    }),
  );

  test(
    "a signed case timeline verifies step by step; a step changed after signing is shown in red",
    { timeout: 120_000 },
    withFailureShot("ledger-timeline-signed", async () => {
      const p = page!;
      // The server has no cases yet (no writes from here: it owns its database), so the test
      // answers the timeline request itself, with data signed by the ledger's own code.
      const good = signedTimeline(false);
      const bad = signedTimeline(true);
      await p.route("**/api/v1/cases/*/timeline", (route) => {
        const id = new URL(route.request().url()).pathname.split("/")[4];
        const body = id === good.caseId ? good : id === bad.caseId ? bad : undefined;
        return body ? route.fulfill({ json: body }) : route.fallback();
      });

      await p.goto(`/ledger?case=${good.caseId}`);
      const timeline = p.getByTestId("case-timeline");
      await timeline.getByText("调查取证").waitFor({ state: "visible" });
      await p.getByTestId("verify-timeline").click();
      const summary = timeline.getByTestId("verify-summary");
      await summary.waitFor({ state: "visible" });
      assert.match((await summary.textContent()) ?? "", /已验证/);
      assert.equal(await timeline.locator(".ant-timeline-item").count(), 4);
      assert.equal(await timeline.locator(".ant-timeline-item").getByTestId("verify-ok").count(), 4);
      await screenshot(p, "ledger-case-timeline-verified.png");

      await p.goto(`/ledger?case=${bad.caseId}`);
      await timeline.getByText("调查取证（改）").waitFor({ state: "visible" });
      await p.getByTestId("verify-timeline").click();
      await summary.waitFor({ state: "visible" });
      const text = (await summary.textContent()) ?? "";
      assert.match(text, /核验未通过/);
      const failed = timeline.getByTestId("verify-failed");
      assert.equal(await failed.count(), 1, "only the changed step fails");
      assert.match((await failed.textContent()) ?? "", /内容可能被改动/);
      assert.equal(await timeline.locator(".ant-timeline-item").getByTestId("verify-ok").count(), 3);
      await screenshot(p, "ledger-case-timeline-tampered.png");
      await p.unroute("**/api/v1/cases/*/timeline");
      assertNoProblems(watch, "signed case timeline");
    }),
  );
});

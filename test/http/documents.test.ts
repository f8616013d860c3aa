import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { and, asc, eq } from "drizzle-orm";
import { extractText, getDocumentProxy } from "unpdf";
import { caseEvents, caseOfficers, cases } from "../../src/modules/cases/schema.ts";
import { checkDecisionStepData } from "../../src/modules/documents/check-decision-step.ts";
import { ledgerEntries } from "../../src/modules/ledger/schema.ts";
import { caseClient } from "../support/cases.ts";
import { assertError, type Session, type TestApp, testApp, testEngine } from "../support/index.ts";
import { multipart } from "../support/multipart.ts";

type DocItem = {
  kind: string;
  title: string;
  number: string;
  seq: number;
  onDate: string;
  toParty: boolean;
  downloadable: boolean;
  reason: string | null;
  missing: string[];
};

async function pdfPages(body: Buffer): Promise<string[]> {
  const doc = await getDocumentProxy(new Uint8Array(body));
  return (await extractText(doc, { mergePages: false })).text as string[];
}

describe(`case documents and the dossier over HTTP (${testEngine()})`, () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  before(async () => {
    t = await testApp();
    for (const u of ["dh.hb.lead", "dh.hb.01", "dh.leader", "xs.cg.lead", "city.clerk", "qs.01", "qs.lead"])
      s[u] = await t.login(u);
    c0 = caseClient(t, s["dh.hb.01"]!, s["dh.hb.lead"]!);
  });
  after(async () => t?.close());

  let c0: ReturnType<typeof caseClient>;
  const day = (n: number) => c0.day(n);
  const lead = (over: Record<string, unknown> = {}, as = s["dh.hb.01"]!) => c0.lead(over, as);
  const ok = (
    id: string,
    event: string,
    on: string,
    data: Record<string, unknown> = {},
    as = s["dh.hb.01"]!,
  ) => c0.ok(id, event, on, data, as);
  const approver = () => s["dh.hb.lead"]!;
  const list = async (id: string, as = s["dh.hb.01"]!) => {
    const res = await t.call({ url: `/api/v1/cases/${id}/documents`, as });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as DocItem[];
  };

  /** A general case walked to the decision (below the hearing threshold: no P10 legal review). */
  const toStatement = async (over: Record<string, unknown> = {}) => {
    const c = await lead(over);
    const filed = await ok(c.id, "file", day(-80), {}, s["dh.leader"]);
    await ok(c.id, "start_investigation", day(-79));
    await ok(c.id, "record_inspection", day(-78), { record: "现场检查：在人行道摆摊约 3 平方米" });
    await ok(c.id, "record_interview", day(-77), { record: "当事人承认摆摊", interviewee: "王某" });
    await ok(c.id, "record_interview", day(-76), { record: "证人称每日摆摊", interviewee: "证人赵某" });
    await ok(c.id, "finish_investigation", day(-70), { report: "事实清楚，证据确凿" });
    await ok(c.id, "notify", day(-60), {
      penalty: { fineFen: 100_000 },
      facts: "在湖滨路 18 号门前人行道占道经营",
      legalBasis: "《城市市容和环境卫生管理条例》第三十六条",
    });
    await ok(c.id, "record_statement", day(-55), { statement: "请求从轻", adopted: false });
    return { id: c.id, number: filed.number! };
  };
  const decision = { outcome: "penalty", penalty: { fineFen: 100_000 }, reasons: "依裁量基准属一般情节" };
  const toDecision = async (over: Record<string, unknown> = {}) => {
    const c = await toStatement(over);
    await ok(c.id, "decide", day(-50), decision, approver());
    return c;
  };

  test("C12: a general case walked to archive yields its documents and a dossier in the standard order, every download recorded (C7)", async () => {
    const c = await toDecision();
    const up = await t.call({
      method: "POST",
      url: "/api/v1/evidence",
      as: s["dh.hb.01"],
      ...multipart(
        { agencyId: t.agency["donghu-1"], caseId: c.id, kind: "photo" },
        { name: "现场照片.jpg", type: "image/jpeg", bytes: Buffer.from("jpeg bytes of the stall") },
      ),
    });
    assert.equal(up.statusCode, 201, up.body);
    const sha = (up.json() as { sha256: string }).sha256;
    await ok(c.id, "serve", day(-48), { method: "on_the_spot", receipt: "当事人签收" });
    await ok(c.id, "record_execution", day(-40), { paidFen: 100_000 });
    await ok(c.id, "close", day(-39), { report: "已执行完毕" }, approver());
    await ok(c.id, "archive", day(-38), {}, approver());

    const docs = await list(c.id);
    assert.deepEqual(
      docs.map((d) => d.kind),
      [
        "filing_approval",
        "inspection_record",
        "interview_record",
        "interview_record",
        "investigation_report",
        "penalty_notice",
        "statement_record",
        "penalty_decision",
        "service_receipt",
        "closing_report",
      ],
    );
    assert.ok(docs.every((d) => d.downloadable && d.reason === null));
    const decision = docs.find((d) => d.kind === "penalty_decision")!;
    assert.equal(decision.number, c.number, "the decision carries the case number");
    assert.equal(docs.filter((d) => d.kind === "interview_record")[1]!.number, `${c.number}-询-2`);

    // Every document downloads as a PDF with the bureau's name, its title, its number and the page numbering.
    for (const d of docs) {
      const res = await t.call({
        url: `/api/v1/cases/${c.id}/documents/${d.kind}/${d.seq}`,
        as: s["dh.hb.01"],
      });
      assert.equal(res.statusCode, 200, `${d.kind}: ${res.body.slice(0, 200)}`);
      assert.equal(res.headers["content-type"], "application/pdf");
      assert.match(String(res.headers["content-disposition"]), /^inline; filename=.*filename\*=UTF-8''/);
      const pages = await pdfPages(res.rawPayload);
      const all = pages.join("\n");
      assert.ok(all.includes("示范市东湖区综合行政执法局"), d.kind);
      assert.ok(all.includes(d.title), d.kind);
      assert.ok(all.includes(d.number), d.kind);
      for (const [i, p] of pages.entries())
        assert.ok(p.includes(`第 ${i + 1} 页 共 ${pages.length} 页`), `${d.kind} page ${i + 1}`);
    }
    const decisionPdf = await t.call({
      url: `/api/v1/cases/${c.id}/documents/penalty_decision/${decision.seq}`,
      as: s["dh.hb.01"],
    });
    const text = (await pdfPages(decisionPdf.rawPayload)).join("\n");
    for (const x of [
      "（印章：示范市东湖区综合行政执法局）",
      "说理",
      "依裁量基准属一般情节",
      "湖滨路 1 号",
      "罚款人民币 1000.00 元",
      "东湖区人民政府",
      "东湖区人民法院",
      "现场照片.jpg",
    ])
      assert.ok(text.includes(x), `decision lacks ${x}`);
    assert.ok(!text.includes("赵某"), "the party's decision names no witness");
    // Deterministic: the same document twice gives the same bytes.
    const again = await t.call({
      url: `/api/v1/cases/${c.id}/documents/penalty_decision/${decision.seq}`,
      as: s["dh.hb.01"],
    });
    assert.ok(again.rawPayload.equals(decisionPdf.rawPayload));

    // The dossier: cover, index with matching page numbers, documents in the standard order, evidence list.
    const res = await t.call({ url: `/api/v1/cases/${c.id}/dossier`, as: s["dh.hb.lead"] });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.equal(res.headers["content-type"], "application/pdf");
    const pages = await pdfPages(res.rawPayload);
    assert.match(pages[0]!, /行政处罚案件卷宗/);
    assert.ok(pages[0]!.includes(c.number));
    assert.ok(pages[0]!.includes(`共 ${pages.length} 页`));
    assert.match(pages[1]!, /卷内文书目录/);
    const expected = [
      "行政处罚决定书",
      "案件调查终结报告",
      "立案审批表",
      "现场检查（勘验）笔录",
      "询问笔录",
      "询问笔录",
      "证据清单",
      "陈述申辩笔录",
      "行政处罚事先告知书",
      "送达回证",
      "结案报告",
    ];
    const index = pages[1]!.split("\n");
    let from = 0;
    const starts: number[] = [];
    for (const title of expected) {
      const i = index.findIndex((l, j) => j >= from && l.startsWith(`${title} `));
      assert.ok(i >= 0, `the index lacks ${title} after line ${from}: ${pages[1]}`);
      from = i + 1;
      const page = Number(index[i]!.slice(title.length).trim());
      assert.ok(Number.isInteger(page) && page > 2, `${title}: page ${page}`);
      assert.equal(pages[page - 1]!.split("\n")[1], title, `${title} starts on page ${page}`);
      starts.push(page);
    }
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
      "documents follow the index order",
    );
    for (const [i, p] of pages.entries())
      assert.ok(p.includes(`第 ${i + 1} 页 共 ${pages.length} 页`), `dossier page ${i + 1}`);
    const evidencePage = pages[starts[expected.indexOf("证据清单")]! - 1]!;
    assert.ok(evidencePage.includes("现场照片.jpg"));
    assert.ok(evidencePage.replace(/\s/g, "").includes(sha.slice(0, 16)));

    // Each download is in the full-process record of the case (C7).
    const entries = await t.ctx.db
      .select({ type: ledgerEntries.eventType, payload: ledgerEntries.payload })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.caseId, c.id)))
      .orderBy(asc(ledgerEntries.id));
    const types = entries.map((e) => e.type);
    assert.equal(types.filter((x) => x === "document.downloaded").length, docs.length + 2);
    assert.equal(types.filter((x) => x === "dossier.downloaded").length, 1);
  });

  test("X1: a penalty decision without the party's address is refused at the decide step with DOCUMENT_INCOMPLETE and nothing is written", async () => {
    const c = await toStatement({
      party: { type: "individual", name: "钱某", idNumber: "330702198001011111", address: "" },
    });
    const before = await t.ctx.db.select().from(ledgerEntries).where(eq(ledgerEntries.caseId, c.id));
    const version = (await c0.get(c.id)).version;
    const res = await c0.step(c.id, "decide", day(-50), decision, approver());
    assertError(res, 422, "DOCUMENT_INCOMPLETE");
    assert.match(res.body, /X1/);
    assert.match(res.body, /当事人地址/);
    const after = await c0.get(c.id);
    assert.equal(after.version, version);
    assert.equal(after.state, "stated");
    const afterRefusal = await t.ctx.db.select().from(ledgerEntries).where(eq(ledgerEntries.caseId, c.id));
    assert.equal(afterRefusal.length, before.length, "a refusal writes nothing");
    // The other documents of the case still download.
    const docs = await list(c.id);
    assert.equal(
      docs.some((d) => d.kind === "penalty_decision"),
      false,
    );
    const notice = docs.find((d) => d.kind === "penalty_notice")!;
    const ok200 = await t.call({
      url: `/api/v1/cases/${c.id}/documents/penalty_notice/${notice.seq}`,
      as: s["dh.hb.01"],
    });
    assert.equal(ok200.statusCode, 200);
    // The guard the decide step runs in its transaction (X1), directly.
    const guard = (id: string) =>
      t.ctx.db.transaction(async (tx) => {
        const [row] = await tx.select().from(cases).where(eq(cases.id, id));
        const events = await tx
          .select()
          .from(caseEvents)
          .where(eq(caseEvents.caseId, id))
          .orderBy(asc(caseEvents.seq));
        const officers = await tx.select().from(caseOfficers).where(eq(caseOfficers.caseId, id));
        return checkDecisionStepData(tx, {
          case: row!,
          events: events.filter((e) => e.event !== "decide"),
          officerIds: officers.map((o) => o.userId),
          data: decision,
          on: day(-50),
        });
      });
    const refused = await guard(c.id);
    assert.ok(
      !refused.ok && refused.code === "DOCUMENT_INCOMPLETE" && refused.missing.join() === "当事人地址",
    );
    const complete = await toDecision({
      party: { type: "individual", name: "孙某", idNumber: "330702198501012222", address: "新城大道 2 号" },
    });
    assert.deepEqual(await guard(complete.id), { ok: true });
  });

  test("access: another county's staff cannot read a case's documents; the city clerk (supervision) can; bad input is a 4xx", async () => {
    const c = await lead();
    await ok(c.id, "file", day(-80), {}, s["dh.leader"]);
    const docs = await list(c.id);
    assert.deepEqual(
      docs.map((d) => d.kind),
      ["filing_approval"],
    );
    const seq = docs[0]!.seq;
    for (const url of [
      `/api/v1/cases/${c.id}/documents`,
      `/api/v1/cases/${c.id}/documents/filing_approval/${seq}`,
      `/api/v1/cases/${c.id}/dossier`,
    ]) {
      assertError(await t.call({ url, as: s["xs.cg.lead"] }), 403, "FORBIDDEN_AGENCY");
      assertError(await t.call({ url }), 401, "UNAUTHENTICATED");
    }
    assert.equal((await list(c.id, s["city.clerk"])).length, 1, "the city supervises the county");
    assertError(
      await t.call({ url: `/api/v1/cases/${c.id}/documents/no_such_kind/${seq}`, as: s["dh.hb.01"] }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await t.call({ url: `/api/v1/cases/${c.id}/documents/filing_approval/abc`, as: s["dh.hb.01"] }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await t.call({ url: `/api/v1/cases/${c.id}/documents/penalty_decision/${seq}`, as: s["dh.hb.01"] }),
      404,
      "NOT_FOUND",
    );
    assertError(
      await t.call({ url: "/api/v1/cases/00000000-0000-4000-8000-000000000000/dossier", as: s["dh.hb.01"] }),
      404,
      "NOT_FOUND",
    );
  });

  test("a township office's documents are issued in the township government's name and under its seal", async () => {
    const c = await lead(
      {
        agencyId: t.agency.qingshi,
        place: { address: "青石街 5 号" },
        officerIds: [t.user["qs.01"], t.user["qs.lead"]],
      },
      s["qs.01"],
    );
    await ok(c.id, "file", day(-80), {}, s["qs.lead"]);
    const [filing] = await list(c.id, s["qs.01"]);
    const res = await t.call({
      url: `/api/v1/cases/${c.id}/documents/filing_approval/${filing!.seq}`,
      as: s["qs.01"],
    });
    assert.equal(res.statusCode, 200, res.body.slice(0, 200));
    const text = (await pdfPages(res.rawPayload)).join("\n");
    assert.ok(text.startsWith("西山县青石镇人民政府"), text.slice(0, 50));
    assert.ok(text.includes("（印章：西山县青石镇人民政府）"));
    assert.ok(!text.includes("综合行政执法局"));
  });
});

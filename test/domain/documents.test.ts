import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { extractText, getDocumentProxy } from "unpdf";
import { tableOf } from "../../src/modules/cases/apply-transition.ts";
import { hearingRightApplies } from "../../src/modules/cases/rules/penalty.ts";
import {
  caseDocuments,
  documentBody,
  documentNumber,
  dossierOrder,
} from "../../src/modules/documents/case-documents.ts";
import type { CaseFile, CaseFileEvent } from "../../src/modules/documents/case-file.ts";
import {
  checkDecisionDocument,
  type DecisionDocumentInput,
  decisionItems,
  remediesText,
} from "../../src/modules/documents/decision-check.ts";
import {
  checkDecisionStep,
  decisionDocumentInput,
  documentKinds,
  itemsText,
} from "../../src/modules/documents/document-kinds.ts";
import { fillArea } from "../../src/modules/documents/load-case-file.ts";
import { documentDefinition, dossierDefinition, renderPdf } from "../../src/modules/documents/pdf.ts";

const at = (d: string) => new Date(`${d}T02:00:00.000Z`);
let seq = 1;
const ev = (event: string, onDate: string, data: Record<string, unknown> = {}): CaseFileEvent => ({
  seq: ++seq,
  event,
  onDate,
  at: at(onDate),
  data,
  actorName: "李队长",
});

/** A general case of the 东湖 bureau from filing to archive, with a witness interviewed. */
function generalFile(over: Partial<CaseFile["case"]> = {}): CaseFile {
  seq = 1;
  const events = [
    ev("file", "2026-03-02"),
    ev("start_investigation", "2026-03-03"),
    ev("record_inspection", "2026-03-04", { record: "人行道摆摊约 3 平方米" }),
    ev("record_interview", "2026-03-05", { record: "承认摆摊", interviewee: "王某" }),
    ev("record_interview", "2026-03-06", { record: "证人称每日摆摊", interviewee: "证人赵某" }),
    ev("preserve_evidence", "2026-03-06", {
      items: [{ name: "遮阳伞", quantity: 1, unit: "把", note: "" }],
      approval: "局长批准",
    }),
    ev("decide_preserved", "2026-03-09", { decision: "return", note: "已拍照固定，退还当事人" }),
    ev("finish_investigation", "2026-03-10", { report: "事实清楚，证据确凿" }),
    ev("notify", "2026-03-11", {
      penalty: { fineFen: 100_000 },
      facts: "在湖滨路占道经营",
      legalBasis: "《城市市容和环境卫生管理条例》第三十六条",
    }),
    ev("record_statement", "2026-03-12", { statement: "请求从轻", adopted: false }),
    ev("decide", "2026-03-16", {
      outcome: "penalty",
      penalty: { fineFen: 100_000 },
      reasons: "依基准一般情节",
    }),
    ev("serve", "2026-03-17", { method: "on_the_spot", receipt: "当事人签收" }),
    ev("record_execution", "2026-03-20", { paidFen: 100_000 }),
    ev("close", "2026-03-23", { report: "已执行完毕" }),
    ev("archive", "2026-03-24"),
  ];
  return {
    case: {
      id: "00000000-0000-4000-8000-000000000001",
      number: "东湖综执罚〔2026〕3号",
      procedure: "general",
      field: "市容环境卫生",
      summary: "占道经营",
      placeAddress: "湖滨路 18 号门前",
      partyType: "individual",
      partyName: "王某",
      partyIdNumber: "330702199001011234",
      partyPhone: "13900000000",
      partyAddress: "湖滨路 1 号",
      partyLegalRepresentative: "",
      actOn: "2026-02-20",
      discoveredOn: "2026-02-25",
      ...over,
    },
    issuer: {
      name: "示范市东湖区综合行政执法局",
      sealName: "示范市东湖区综合行政执法局",
      address: "",
      phone: "",
    },
    officers: ["张执法", "李队长"],
    userNames: {},
    events,
    evidence: [
      {
        fileName: "现场照片.jpg",
        kind: "photo",
        capturedAt: at("2026-03-04"),
        uploadedAt: at("2026-03-04"),
        sha256: "ab".repeat(32),
      },
    ],
    remedies: { reconsiderationBody: "东湖区人民政府", court: "东湖区人民法院" },
    statementWorkdays: 3,
    hearingRight: (p) =>
      hearingRightApplies({
        partyType: "individual",
        penalty: p,
        thresholdIndividualFen: 1_000_000,
        thresholdOrganisationFen: 10_000_000,
      }),
  };
}

const complete = (): DecisionDocumentInput => ({
  procedure: "general",
  party: { name: "王某", address: "湖滨路 1 号" },
  facts: "占道经营",
  evidence: ["询问笔录"],
  penalty: { fineFen: 100_000 },
  legalBasis: "《城市市容和环境卫生管理条例》",
  compliance: "十五日内缴纳",
  remedies: { reconsiderationBody: "东湖区人民政府", court: "东湖区人民法院" },
  agencyName: "示范市东湖区综合行政执法局",
  sealName: "示范市东湖区综合行政执法局",
  date: "2026-03-16",
});

const text = (b: ReturnType<typeof documentBody>) =>
  [...b.rows.flat(), ...b.sections.flatMap((s) => [s.heading, s.text]), b.reasons ?? ""].join("\n");

async function pdfPages(pdf: Buffer): Promise<string[]> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  return (await extractText(doc, { mergePages: false })).text as string[];
}

describe("decision document completeness (X1, X2)", () => {
  test("X1: a complete decision passes", () => {
    assert.deepEqual(checkDecisionDocument(complete()), { ok: true });
  });

  const cases: [keyof typeof decisionItems, (x: DecisionDocumentInput) => void][] = [
    ["partyName", (x) => (x.party.name = " ")],
    ["partyAddress", (x) => (x.party.address = "")],
    ["facts", (x) => (x.facts = "")],
    ["evidence", (x) => (x.evidence = [])],
    ["penalty", (x) => (x.penalty = {})],
    ["legalBasis", (x) => (x.legalBasis = "")],
    ["compliance", (x) => (x.compliance = "")],
    ["reconsiderationBody", (x) => (x.remedies.reconsiderationBody = "")],
    ["court", (x) => (x.remedies.court = "")],
    ["agencyName", (x) => (x.agencyName = "")],
    ["date", (x) => (x.date = "")],
    ["seal", (x) => (x.sealName = "")],
  ];
  for (const [item, spoil] of cases)
    test(`X1: a decision without ${item} is refused and names it`, () => {
      const x = complete();
      spoil(x);
      const r = checkDecisionDocument(x);
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.equal(r.code, "DOCUMENT_INCOMPLETE");
      assert.equal(r.ruleId, "X1");
      assert.deepEqual(r.missing, [decisionItems[item]]);
      assert.match(r.message, new RegExp(decisionItems[item].replace(/[()（）]/g, ".")));
    });

  test("X1: every missing item is listed at once", () => {
    const x = complete();
    x.party.address = "";
    x.remedies = { reconsiderationBody: "", court: "" };
    const r = checkDecisionDocument(x);
    assert.ok(!r.ok);
    assert.deepEqual(r.missing, [
      decisionItems.partyAddress,
      decisionItems.reconsiderationBody,
      decisionItems.court,
    ]);
  });

  test("X1: an on-the-spot decision (APL art. 52) needs no evidence list", () => {
    const x = complete();
    x.procedure = "simple";
    x.evidence = [];
    assert.deepEqual(checkDecisionDocument(x), { ok: true });
  });

  test("X2: remedies name the bodies and periods; on-the-spot decisions go to reconsideration first", () => {
    const r = { reconsiderationBody: "东湖区人民政府", court: "东湖区人民法院" };
    const general = remediesText("general", r);
    assert.match(general, /60日内向东湖区人民政府申请行政复议/);
    assert.match(general, /6个月内直接向东湖区人民法院提起行政诉讼/);
    assert.match(general, /15日内提起行政诉讼/);
    const simple = remediesText("simple", r);
    assert.match(simple, /先向东湖区人民政府申请行政复议/);
    assert.doesNotMatch(simple, /直接向/);
  });

  test("X2: the remedy bodies come from settings with the bureau's area", () => {
    assert.equal(fillArea("{area}人民政府", "东湖区"), "东湖区人民政府");
    assert.equal(fillArea("{area}人民法院", ""), "", "no area: missing, not a bare 人民法院");
    assert.equal(fillArea("示范市东湖区人民法院", ""), "示范市东湖区人民法院");
  });

  test("X1: the decide step's input comes from the notice, the evidence records and the files", () => {
    const f = generalFile();
    const decide = f.events.find((e) => e.event === "decide")!;
    const x = decisionDocumentInput(f, decide);
    assert.equal(x.facts, "在湖滨路占道经营");
    assert.match(x.legalBasis, /第三十六条/);
    assert.ok(x.evidence.some((e) => e.startsWith("现场检查（勘验）笔录")));
    assert.ok(x.evidence.includes("照片：现场照片.jpg"));
    assert.match(x.compliance, /15日内/);
    assert.deepEqual(checkDecisionStep(f, decide), { ok: true });
    const noAddress = generalFile({ partyAddress: "" });
    const r = checkDecisionStep(noAddress, noAddress.events.find((e) => e.event === "decide")!);
    assert.ok(!r.ok && r.missing.includes(decisionItems.partyAddress));
  });
});

describe("document templates (C12)", () => {
  test("every kind has a distinct code, a title and an abbreviation", () => {
    assert.equal(new Set(documentKinds.map((k) => k.code)).size, documentKinds.length);
    for (const k of documentKinds) assert.ok(k.title && k.abbr && k.events.length, k.code);
  });

  test("every step a kind names exists in a procedure table (C06, C07, C08)", () => {
    const events = new Set(
      ["general", "simple", "three_step"].flatMap((p) => tableOf(p).map((t) => t.event)),
    );
    for (const k of documentKinds)
      for (const e of k.events) assert.ok(events.has(e), `${k.code}: no step "${e}" in the tables`);
  });

  test("execution documents: deferral, instalments, court enforcement, disposal (X6, K7, X7)", () => {
    seq = 1;
    const f = generalFile();
    f.events = [
      ev("decide", "2026-03-13", { outcome: "penalty", penalty: { fineFen: 100_000 }, reasons: "x" }),
      ev("approve_deferral", "2026-03-20", { dueOn: "2026-04-30", reason: "经营困难" }),
      ev("approve_instalments", "2026-03-21", {
        count: 3,
        firstDueOn: "2026-04-01",
        intervalMonths: 1,
        reason: "困难",
      }),
      ev("remind", "2026-05-10", { note: "" }),
      ev("apply_court_enforcement", "2026-06-01", { court: "东湖区人民法院", note: "" }),
      ev("dispose_items", "2026-06-02", {
        itemNos: [1, 2],
        disposal: "auction",
        proceedsFen: 5_000,
        note: "公开拍卖",
      }),
    ];
    const docs = caseDocuments(f);
    const body = (k: string) => text(documentBody(f, docs.find((d) => d.kind === k)!));
    assert.match(body("deferral_approval"), /延期至2026年4月30日前缴纳/);
    assert.match(body("instalment_approval"), /分3期缴纳/);
    assert.match(body("court_enforcement_application"), /2026年5月10日催告/);
    assert.match(body("disposal_record"), /人民币 50.00 元/);
  });

  test("numbers: decisions carry the case number, other documents the case number, abbreviation and order", () => {
    const f = generalFile();
    const docs = caseDocuments(f);
    const byKind = (k: string) => docs.filter((d) => d.kind === k).map((d) => d.number);
    assert.deepEqual(byKind("penalty_decision"), ["东湖综执罚〔2026〕3号"]);
    assert.deepEqual(byKind("interview_record"), [
      "东湖综执罚〔2026〕3号-询-1",
      "东湖综执罚〔2026〕3号-询-2",
    ]);
    assert.deepEqual(byKind("filing_approval"), ["东湖综执罚〔2026〕3号-立-1"]);
    assert.equal(documentNumber(null, documentKinds[0]!, 1), "未立案-立-1");
    // Deterministic: the same case gives the same numbers.
    assert.deepEqual(
      caseDocuments(generalFile()).map((d) => d.number),
      docs.map((d) => d.number),
    );
  });

  test("the steps produce the documents of the table", () => {
    const docs = caseDocuments(generalFile());
    assert.deepEqual(
      docs.map((d) => d.kind),
      [
        "filing_approval",
        "inspection_record",
        "interview_record",
        "interview_record",
        "preservation_notice",
        "preservation_decision",
        "investigation_report",
        "penalty_notice",
        "statement_record",
        "penalty_decision",
        "service_receipt",
        "closing_report",
      ],
    );
  });

  test("X1: the penalty decision states every item, with reasons (说理) from the statement and the decision", () => {
    const f = generalFile();
    const d = caseDocuments(f).find((x) => x.kind === "penalty_decision")!;
    assert.equal(d.refusal, null);
    const t = text(documentBody(f, d));
    for (const s of [
      "王某",
      "湖滨路 1 号",
      "在湖滨路占道经营",
      "现场照片.jpg",
      "罚款人民币 1000.00 元",
      "第三十六条",
      "15日内",
      "东湖区人民政府",
      "东湖区人民法院",
      "请求从轻",
      "不予采纳",
      "依基准一般情节",
    ])
      assert.ok(t.includes(s), `missing ${s}`);
  });

  test("an incomplete decision is listed with the refusal (X1)", () => {
    const f = generalFile({ partyAddress: "" });
    const d = caseDocuments(f).find((x) => x.kind === "penalty_decision")!;
    assert.equal(d.refusal?.code, "DOCUMENT_INCOMPLETE");
    assert.deepEqual(d.refusal?.missing, [decisionItems.partyAddress]);
  });

  test("party documents carry the party's own data and no other person's (the witness stays out)", () => {
    const f = generalFile();
    for (const d of caseDocuments(f).filter((x) => x.toParty)) {
      const t = text(documentBody(f, d));
      assert.ok(t.includes("王某"), d.kind);
      assert.ok(!t.includes("赵某"), `${d.kind} names the witness`);
    }
    const interview = caseDocuments(f).filter((x) => x.kind === "interview_record")[1]!;
    assert.equal(interview.toParty, false);
    assert.ok(text(documentBody(f, interview)).includes("证人赵某"));
  });

  test("templates fill the step data: notice (P5 period, no hearing under the threshold), preservation items, service", () => {
    const f = generalFile();
    const docs = caseDocuments(f);
    const body = (k: string) => text(documentBody(f, docs.find((d) => d.kind === k)!));
    assert.match(body("penalty_notice"), /3个工作日内/);
    assert.doesNotMatch(body("penalty_notice"), /听证/, "1,000 yuan carries no hearing right (P6)");
    assert.match(body("preservation_notice"), /1\. 遮阳伞 1把/);
    assert.match(body("preservation_decision"), /解除先行登记保存，退还当事人/);
    assert.match(body("service_receipt"), /行政处罚决定书（东湖综执罚〔2026〕3号）/);
    assert.match(body("service_receipt"), /直接送达/);
    assert.match(body("closing_report"), /已缴纳人民币 1000.00 元/);
    assert.equal(itemsText("旧格式"), "旧格式");
  });

  test("the notice names the hearing right when the proposed penalty carries it (P6)", () => {
    const f = generalFile();
    const notify = f.events.find((e) => e.event === "notify")!;
    notify.data = { ...notify.data, penalty: { fineFen: 2_000_000 } };
    const d = caseDocuments(f).find((x) => x.kind === "penalty_notice")!;
    assert.match(text(documentBody(f, d)), /要求举行听证/);
  });

  test("no-penalty decision, hearing documents, order to correct and reminder", () => {
    seq = 1;
    const f = generalFile();
    f.events = [
      ev("order_correction", "2026-03-01", { requirement: "拆除遮阳棚", dueOn: "2026-03-10" }),
      ev("notify_hearing", "2026-03-02", {
        hearingOn: "2026-03-12",
        place: "第一听证室",
        presidingUserId: "u1",
      }),
      ev("record_hearing", "2026-03-12", { record: "当事人陈述意见", report: "建议从轻" }),
      ev("decide", "2026-03-13", {
        outcome: "no_penalty",
        reasons: "首次违法且及时改正",
        ground: "first_violation",
      }),
      ev("remind", "2026-04-20", { note: "" }),
    ];
    f.userNames = { u1: "周主持" };
    const docs = caseDocuments(f);
    const body = (k: string) => text(documentBody(f, docs.find((d) => d.kind === k)!));
    assert.match(body("correction_order"), /2026年3月10日前改正上述违法行为：拆除遮阳棚/);
    assert.match(body("hearing_notice"), /2026年3月12日在第一听证室举行听证，听证主持人：周主持/);
    assert.match(body("hearing_record"), /当事人陈述意见/);
    assert.match(body("hearing_report"), /建议从轻/);
    assert.match(body("no_penalty_decision"), /首违不罚/);
    assert.match(body("no_penalty_decision"), /首次违法且及时改正/);
    assert.match(body("no_penalty_decision"), /东湖区人民政府/);
    assert.match(body("reminder"), /十日内履行/);
    assert.equal(docs.find((d) => d.kind === "no_penalty_decision")!.number, "东湖综执罚〔2026〕3号");
  });

  test("dossier order follows legal-rules.md: decision, report, filing, evidence, review, property, others", () => {
    const docs = caseDocuments(generalFile());
    const ordered = dossierOrder(
      docs,
      documentKinds.map((k) => k.code),
    ).map((d) => d.kind);
    assert.deepEqual(ordered, [
      "penalty_decision",
      "investigation_report",
      "filing_approval",
      "inspection_record",
      "interview_record",
      "interview_record",
      "statement_record",
      "preservation_notice",
      "preservation_decision",
      "penalty_notice",
      "service_receipt",
      "closing_report",
    ]);
  });
});

describe("PDF rendering (C12)", () => {
  test("a document PDF embeds the Chinese text, the number, the seal line, 说理 and page numbers; same case, same bytes", async () => {
    const f = generalFile();
    const d = caseDocuments(f).find((x) => x.kind === "penalty_decision")!;
    const pdf = await renderPdf(documentDefinition(f, d));
    assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
    const pages = await pdfPages(pdf);
    const all = pages.join("\n");
    for (const s of [
      "示范市东湖区综合行政执法局",
      "行政处罚决定书",
      "东湖综执罚〔2026〕3号",
      "说理",
      "（印章：示范市东湖区综合行政执法局）",
      "2026年3月16日",
    ])
      assert.ok(all.includes(s), `missing ${s}`);
    for (const [i, p] of pages.entries())
      assert.ok(p.includes(`第 ${i + 1} 页 共 ${pages.length} 页`), `page ${i + 1}`);
    const again = await renderPdf(documentDefinition(generalFile(), d));
    assert.ok(pdf.equals(again), "deterministic output");
  });

  test("the dossier holds a cover, an index whose page numbers match, and every document in order", async () => {
    const f = generalFile();
    const ordered = dossierOrder(
      caseDocuments(f),
      documentKinds.map((k) => k.code),
    );
    const evidenceAt = ordered.findIndex(
      (d) =>
        d.def.dossier !== "决定书" &&
        d.def.dossier !== "调查终结报告" &&
        d.def.dossier !== "立案审批" &&
        d.def.dossier !== "证据材料",
    );
    const pages = await pdfPages(await renderPdf(dossierDefinition(f, ordered, evidenceAt)));
    assert.match(pages[0]!, /行政处罚案件卷宗/);
    assert.match(pages[0]!, new RegExp(`共 ${pages.length} 页`));
    assert.match(pages[1]!, /卷内文书目录/);
    const titles = ordered.map((d) => d.title);
    titles.splice(evidenceAt, 0, "证据清单");
    const index = pages[1]!.split("\n");
    let from = 0;
    for (const t of titles) {
      const i = index.findIndex((l, j) => j >= from && l.startsWith(`${t} `));
      assert.ok(i >= 0, `index lacks ${t} after line ${from}`);
      from = i + 1;
      const page = Number(index[i]!.slice(t.length).trim());
      const lines = pages[page - 1]!.split("\n");
      assert.equal(lines[1], t, `${t} starts on page ${page}`);
    }
    assert.ok(pages.some((p) => p.includes("现场照片.jpg")));
  });
});

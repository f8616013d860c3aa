import { noPenaltyGrounds } from "../cases/general-procedure.ts";
import type { Penalty } from "../cases/rules/penalty.ts";
import { evidenceKinds } from "../evidence/evidence.ts";
import { type CaseFile, type CaseFileEvent, chineseDate, lastBefore, officersOf, str } from "./case-file.ts";
import {
  checkDecisionDocument,
  complianceText,
  type DecisionCheck,
  type DecisionDocumentInput,
  describePenalty,
  remediesText,
  yuan,
} from "./decision-check.ts";

/**
 * The documents (文书, C12) as data: each kind names the case steps that produce it, its number
 * abbreviation, whether it is sent to the party, its place in the dossier and the step data it
 * reads; `build` turns the case file and the step into the document's body. Pure code.
 */
export type DocumentBody = {
  /** Label/value rows at the top (party, place, time …). */
  rows: [string, string][];
  sections: { heading: string; text: string }[];
  /** 说理: why the agency decided as it did. */
  reasons?: string;
  /** "seal": issued in the agency's name (印章); "record": signed by the officers and the person concerned. */
  sign: "seal" | "record";
};

/**
 * Dossier groups in the standard order (legal-rules.md, 卷宗): decision; investigation-closing
 * report; filing approval; evidence; review opinions; hearing record; hearing report; property
 * documents; others.
 */
export const dossierGroups = [
  "决定书",
  "调查终结报告",
  "立案审批",
  "证据材料",
  "复核意见",
  "听证笔录",
  "听证报告",
  "财物处理文书",
  "其他文书",
] as const;
export type DossierGroup = (typeof dossierGroups)[number];

export type DocumentKind = {
  code: string;
  title: string;
  /** Used in the document number: 东湖综执罚〔2026〕3号-询-1. */
  abbr: string;
  events: string[];
  /** Narrows the steps (e.g. a decide step's outcome). */
  when?: (e: CaseFileEvent, f: CaseFile) => boolean;
  /** Sent to the party: carries the party's own data and no other person's. */
  toParty: boolean;
  /** Numbered with the case number itself (decision documents). */
  decision: boolean;
  dossier: DossierGroup;
  /** The step data and case fields the template reads. */
  needs: string[];
  build: (f: CaseFile, e: CaseFileEvent) => DocumentBody;
};

const partyRows = (f: CaseFile): [string, string][] => {
  const c = f.case;
  if (c.partyType === "organisation")
    return [
      ["当事人", c.partyName],
      ["统一社会信用代码", c.partyIdNumber],
      ["法定代表人（负责人）", c.partyLegalRepresentative],
      ["地址", c.partyAddress],
      ["联系电话", c.partyPhone],
    ];
  return [
    ["当事人", c.partyName],
    ["身份证件号码", c.partyIdNumber],
    ["住址", c.partyAddress],
    ["联系电话", c.partyPhone],
  ];
};
/** C2: the officers in force at the document's step (not those of the case now). */
const officerRow = (f: CaseFile, e: CaseFileEvent): [string, string] => [
  "执法人员",
  officersOf(f, e.seq).join("、"),
];
const caseRow = (f: CaseFile): [string, string] => ["案由", `${f.case.field}：${f.case.summary}`];

const penaltyOf = (e: CaseFileEvent | undefined) => e?.data.penalty as Penalty | undefined;
const outcome = (o: string) => (e: CaseFileEvent) => e.data.outcome === o;

/** The statement and hearing behind a decision, for its reasons (说理). */
function hearingAndStatement(f: CaseFile, e: CaseFileEvent): string {
  const st = lastBefore(f, e.seq, "record_statement");
  const lines: string[] = [];
  if (st)
    lines.push(
      `当事人在法定期限内提出陈述、申辩：${str(st.data.statement)}。经复核，${st.data.adopted ? "当事人的陈述、申辩理由成立，予以采纳" : "当事人提出的事实、理由和证据不成立，不予采纳"}。`,
    );
  if (lastBefore(f, e.seq, "waive_statement")) lines.push("当事人明确表示放弃陈述、申辩。");
  if (lastBefore(f, e.seq, "statement_period_expired"))
    lines.push("当事人在法定期限内未提出陈述、申辩，视为放弃。");
  if (lastBefore(f, e.seq, "record_hearing")) lines.push("本案已依当事人申请举行听证。");
  if (lastBefore(f, e.seq, "hearing_absent")) lines.push("当事人无正当理由拒不出席听证，视为放弃听证权利。");
  return lines.join("");
}

/** The investigation records and evidence files a general-procedure decision rests on (X1). */
export function evidenceListOf(f: CaseFile, beforeSeq: number): string[] {
  const records = f.events
    .filter(
      (x) =>
        x.seq < beforeSeq &&
        ["record_inspection", "record_interview", "preserve_evidence", "seal_seize"].includes(x.event),
    )
    .map((x) => {
      const k = documentKinds.find((d) => d.events.includes(x.event))!;
      return `${k.title}（${chineseDate(x.onDate)}）`;
    });
  const files = f.evidence.map(
    (v) => `${evidenceKinds[v.kind as keyof typeof evidenceKinds] ?? v.kind}：${v.fileName}`,
  );
  return [...records, ...files];
}

/**
 * The X1 input of the decision a decide step makes (the lead calls this with the step being taken
 * to guard it: see checkDecisionDocument).
 */
export function decisionDocumentInput(f: CaseFile, e: CaseFileEvent): DecisionDocumentInput {
  const simple = f.case.procedure === "simple";
  const notice = lastBefore(f, e.seq, "notify");
  const penalty = penaltyOf(e);
  return {
    procedure: simple ? "simple" : "general",
    party: { name: f.case.partyName, address: f.case.partyAddress },
    facts: simple ? str(e.data.facts) : str(notice?.data.facts),
    evidence: simple ? [] : evidenceListOf(f, e.seq),
    penalty,
    legalBasis: simple ? str(e.data.legalBasis) : str(notice?.data.legalBasis),
    compliance: complianceText(penalty),
    remedies: f.remedies,
    agencyName: f.issuer.name,
    sealName: f.issuer.sealName,
    date: e.onDate,
  };
}

/** X1 check of a decide step's penalty decision (ok for other outcomes). */
export function checkDecisionStep(f: CaseFile, e: CaseFileEvent): DecisionCheck {
  if (e.event !== "decide" || (e.data.outcome ?? "penalty") !== "penalty") return { ok: true };
  return checkDecisionDocument(decisionDocumentInput(f, e));
}

function penaltyDecision(f: CaseFile, e: CaseFileEvent): DocumentBody {
  const x = decisionDocumentInput(f, e);
  const sections = [
    { heading: "违法事实", text: x.facts },
    ...(x.evidence.length
      ? [{ heading: "证据", text: x.evidence.map((v, i) => `${i + 1}. ${v}`).join("\n") }]
      : []),
    { heading: "处罚依据", text: x.legalBasis },
    { heading: "处罚内容", text: `决定给予当事人如下行政处罚：${describePenalty(x.penalty)}。` },
    { heading: "履行方式和期限", text: x.compliance },
    { heading: "救济途径和期限", text: remediesText(x.procedure, x.remedies) },
  ];
  const reasons = [hearingAndStatement(f, e), str(e.data.reasons)].filter(Boolean).join("");
  const rows: [string, string][] = [...partyRows(f), ["违法行为发生地点", f.case.placeAddress]];
  if (x.procedure === "simple") {
    rows.push(["处罚时间", chineseDate(e.onDate)], officerRow(f, e));
    sections.push({
      heading: "当事人签收",
      text: e.data.partySigned ? "当事人已当场签收本决定书。" : "当事人拒绝签收，已在本决定书上注明（P2）。",
    });
  }
  return { rows, sections, reasons: reasons || undefined, sign: "seal" };
}

const recordBody = (f: CaseFile, e: CaseFileEvent, heading: string, text: string): DocumentBody => ({
  rows: [caseRow(f), ["时间", chineseDate(e.onDate)], ["地点", f.case.placeAddress], officerRow(f, e)],
  sections: [{ heading, text }],
  sign: "record",
});

/** X3: service methods (the labels of the serve step). */
const serviceMethodNames: Record<string, string> = {
  on_the_spot: "直接送达",
  post: "邮寄送达",
  leaving: "留置送达",
  public_notice: "公告送达",
  electronic: "电子送达（经当事人书面同意）",
};

/** The items of a preservation or seizure step (C14: name, quantity, unit, note), one per line. */
export function itemsText(v: unknown): string {
  if (!Array.isArray(v)) return str(v);
  return v
    .map((it, i) => {
      const x = it as { name?: unknown; quantity?: unknown; unit?: unknown; note?: unknown };
      return `${i + 1}. ${str(x.name)} ${str(x.quantity)}${str(x.unit)}${x.note ? `（${str(x.note)}）` : ""}`;
    })
    .join("\n");
}

const preservationDecisions: Record<string, string> = {
  return: "解除先行登记保存，退还当事人",
  seal_seize: "依法予以查封、扣押",
  transfer: "移送有关主管机关处理",
  confiscate: "依法予以没收",
  other: "其他处理",
};
const seizureDecisions: Record<string, string> = {
  release: "解除查封（扣押）",
  confiscate: "依法予以没收",
  destroy: "依法予以销毁",
};

export const documentKinds: DocumentKind[] = [
  {
    code: "filing_approval",
    title: "立案审批表",
    abbr: "立",
    events: ["file"],
    toParty: false,
    decision: false,
    dossier: "立案审批",
    needs: [
      "case.field",
      "case.summary",
      "case.party*",
      "case.actOn",
      "case.discoveredOn",
      "case.placeAddress",
    ],
    build: (f, e) => ({
      rows: [
        caseRow(f),
        ...partyRows(f),
        ["违法行为发生时间", chineseDate(f.case.actOn)],
        ["发现时间", chineseDate(f.case.discoveredOn)],
        ["地点", f.case.placeAddress],
        ["承办人", officersOf(f, e.seq).join("、")],
      ],
      sections: [
        { heading: "简要案情", text: f.case.summary },
        { heading: "审批意见", text: `同意立案。审批人：${e.actorName}，${chineseDate(e.onDate)}` },
      ],
      reasons:
        "经初步核实，有证据初步证明存在违反行政管理秩序的行为，依法应当给予行政处罚，属于本机关管辖，且未超过追责时效（C5），依据《行政处罚法》第五十四条予以立案。",
      sign: "seal",
    }),
  },
  {
    code: "decline_approval",
    title: "不予立案审批表",
    abbr: "不立",
    events: ["decline"],
    toParty: false,
    decision: false,
    dossier: "立案审批",
    needs: ["data.reason"],
    build: (f, e) => ({
      rows: [caseRow(f), ...partyRows(f), ["地点", f.case.placeAddress]],
      sections: [{ heading: "审批意见", text: `不予立案。审批人：${e.actorName}，${chineseDate(e.onDate)}` }],
      reasons: str(e.data.reason),
      sign: "seal",
    }),
  },
  {
    code: "inspection_record",
    title: "现场检查（勘验）笔录",
    abbr: "检",
    events: ["record_inspection"],
    toParty: false,
    decision: false,
    dossier: "证据材料",
    needs: ["data.record"],
    build: (f, e) => {
      const b = recordBody(f, e, "检查（勘验）情况", str(e.data.record));
      b.rows.splice(1, 0, ...partyRows(f));
      return b;
    },
  },
  {
    code: "interview_record",
    title: "询问笔录",
    abbr: "询",
    events: ["record_interview"],
    toParty: false,
    decision: false,
    dossier: "证据材料",
    needs: ["data.interviewee", "data.record"],
    build: (f, e) => {
      const b = recordBody(f, e, "询问内容", str(e.data.record));
      b.rows.splice(1, 0, ["被询问人", str(e.data.interviewee)]);
      return b;
    },
  },
  {
    code: "statement_record",
    title: "陈述申辩笔录",
    abbr: "申",
    events: ["record_statement"],
    toParty: false,
    decision: false,
    dossier: "复核意见",
    needs: ["data.statement", "data.adopted"],
    build: (f, e) => ({
      rows: [caseRow(f), ...partyRows(f), ["时间", chineseDate(e.onDate)], officerRow(f, e)],
      sections: [
        { heading: "陈述、申辩内容", text: str(e.data.statement) },
        {
          heading: "复核意见",
          text: e.data.adopted ? "陈述、申辩理由成立，予以采纳。" : "陈述、申辩理由不成立，不予采纳。",
        },
      ],
      sign: "record",
    }),
  },
  {
    code: "hearing_record",
    title: "听证笔录",
    abbr: "听录",
    events: ["record_hearing", "hearing_absent"],
    toParty: false,
    decision: false,
    dossier: "听证笔录",
    needs: ["data.record | data.note"],
    build: (f, e) => {
      const notice = lastBefore(f, e.seq, "notify_hearing");
      return {
        rows: [
          caseRow(f),
          ...partyRows(f),
          ["听证时间", chineseDate(e.onDate)],
          ["听证地点", str(notice?.data.place)],
          ["主持人", f.userNames[str(notice?.data.presidingUserId)] ?? ""],
          ["案件调查人员", officersOf(f, e.seq).join("、")],
        ],
        sections: [
          e.event === "hearing_absent"
            ? {
                heading: "当事人缺席",
                text: `当事人无正当理由拒不出席听证，视为放弃听证权利。${str(e.data.note)}`,
              }
            : { heading: "听证记录", text: str(e.data.record) },
        ],
        sign: "record",
      };
    },
  },
  {
    code: "hearing_report",
    title: "听证报告",
    abbr: "听报",
    events: ["record_hearing"],
    toParty: false,
    decision: false,
    dossier: "听证报告",
    needs: ["data.report"],
    build: (f, e) => ({
      rows: [caseRow(f), ["当事人", f.case.partyName], ["听证时间", chineseDate(e.onDate)]],
      sections: [{ heading: "听证报告", text: str(e.data.report) }],
      sign: "record",
    }),
  },
  {
    code: "preservation_notice",
    title: "先行登记保存证据通知书",
    abbr: "保",
    events: ["preserve_evidence"],
    toParty: true,
    decision: false,
    dossier: "财物处理文书",
    needs: ["data.items", "data.approval"],
    build: (f, e) => ({
      rows: [...partyRows(f), ["时间", chineseDate(e.onDate)], ["地点", f.case.placeAddress]],
      sections: [
        {
          heading: "决定",
          text: `因调查${f.case.field}案件的需要，在证据可能灭失或者以后难以取得的情况下，经本机关负责人批准（${str(e.data.approval)}），依据《行政处罚法》第五十六条，对下列物品予以先行登记保存。本机关将在七个工作日内作出处理决定（C4）。在此期间，当事人或者有关人员不得销毁或者转移证据。`,
        },
        { heading: "物品清单", text: itemsText(e.data.items) },
      ],
      sign: "seal",
    }),
  },
  {
    code: "preservation_decision",
    title: "先行登记保存证据处理决定书",
    abbr: "保决",
    events: ["decide_preserved"],
    toParty: true,
    decision: false,
    dossier: "财物处理文书",
    needs: ["data.decision", "data.note"],
    build: (f, e) => {
      const p = lastBefore(f, e.seq, "preserve_evidence");
      return {
        rows: [...partyRows(f)],
        sections: [
          {
            heading: "处理决定",
            text: `本机关于${chineseDate(p?.onDate ?? "")}先行登记保存的物品（${itemsText(p?.data.items).replaceAll("\n", "；")}），决定：${preservationDecisions[str(e.data.decision)] ?? str(e.data.decision)}。`,
          },
        ],
        reasons: str(e.data.note),
        sign: "seal",
      };
    },
  },
  {
    code: "seizure_decision",
    title: "查封（扣押）决定书",
    abbr: "封",
    events: ["seal_seize"],
    toParty: true,
    decision: false,
    dossier: "财物处理文书",
    needs: ["data.items", "data.approval"],
    build: (f, e) => ({
      rows: [...partyRows(f), ["查封（扣押）时间", chineseDate(e.onDate)], ["地点", f.case.placeAddress]],
      sections: [
        {
          heading: "决定",
          text: `经本机关负责人批准（${str(e.data.approval)}），依据《行政强制法》第二十二条、第二十四条，决定对当事人的下列财物予以查封（扣押），期限为三十日（K3），详见查封（扣押）清单：\n${itemsText(e.data.items)}`,
        },
        { heading: "救济途径和期限", text: remediesText("general", f.remedies) },
      ],
      sign: "seal",
    }),
  },
  {
    code: "seizure_inventory",
    title: "查封（扣押）清单",
    abbr: "封清",
    events: ["seal_seize"],
    toParty: true,
    decision: false,
    dossier: "财物处理文书",
    needs: ["data.items"],
    build: (f, e) => ({
      rows: [
        ["当事人", f.case.partyName],
        ["时间", chineseDate(e.onDate)],
        ["地点", f.case.placeAddress],
      ],
      sections: [{ heading: "财物清单", text: itemsText(e.data.items) }],
      sign: "record",
    }),
  },
  {
    code: "seizure_handling",
    title: "查封（扣押）财物处理决定书",
    abbr: "封决",
    events: ["decide_seized"],
    toParty: true,
    decision: false,
    dossier: "财物处理文书",
    needs: ["data.decision", "data.note"],
    build: (f, e) => {
      const s = lastBefore(f, e.seq, "seal_seize");
      return {
        rows: [...partyRows(f)],
        sections: [
          {
            heading: "处理决定",
            text: `本机关于${chineseDate(s?.onDate ?? "")}查封（扣押）的财物（${itemsText(s?.data.items).replaceAll("\n", "；")}），决定：${seizureDecisions[str(e.data.decision)] ?? str(e.data.decision)}。`,
          },
          { heading: "救济途径和期限", text: remediesText("general", f.remedies) },
        ],
        reasons: str(e.data.note),
        sign: "seal",
      };
    },
  },
  {
    // K3 (ACL art. 25): the one extension, told to the party in writing with its reasons.
    code: "seizure_extension",
    title: "延长查封（扣押）期限决定书",
    abbr: "封延",
    events: ["extend_seizure"],
    toParty: true,
    decision: false,
    dossier: "财物处理文书",
    needs: ["data.days", "data.reason", "data.approval"],
    build: (f, e) => {
      const s = lastBefore(f, e.seq, "seal_seize");
      return {
        rows: [...partyRows(f)],
        sections: [
          {
            heading: "决定",
            text: `本机关于${chineseDate(s?.onDate ?? "")}查封（扣押）的财物（${itemsText(s?.data.items).replaceAll("\n", "；")}），因情况复杂，经本机关负责人批准（${str(e.data.approval)}），依据《行政强制法》第二十五条，决定将查封（扣押）期限延长 ${str(e.data.days)} 日（K3）。检测、检验、检疫或者技术鉴定的期间不计入查封（扣押）期限。`,
          },
          { heading: "救济途径和期限", text: remediesText("general", f.remedies) },
        ],
        reasons: str(e.data.reason),
        sign: "seal",
      };
    },
  },
  {
    code: "investigation_report",
    title: "案件调查终结报告",
    abbr: "终",
    events: ["finish_investigation"],
    toParty: false,
    decision: false,
    dossier: "调查终结报告",
    needs: ["data.report"],
    build: (f, e) => ({
      rows: [
        caseRow(f),
        ...partyRows(f),
        ["调查终结日期", chineseDate(e.onDate)],
        ["承办人", officersOf(f, e.seq).join("、")],
      ],
      sections: [{ heading: "调查终结报告", text: str(e.data.report) }],
      sign: "record",
    }),
  },
  {
    code: "penalty_notice",
    title: "行政处罚事先告知书",
    abbr: "告",
    events: ["notify"],
    toParty: true,
    decision: false,
    dossier: "其他文书",
    needs: ["data.facts", "data.legalBasis", "data.penalty"],
    build: (f, e) => {
      const p = penaltyOf(e);
      const hearing = p ? f.hearingRight(p) : false;
      return {
        rows: partyRows(f),
        sections: [
          { heading: "违法事实", text: str(e.data.facts) },
          { heading: "法律依据", text: str(e.data.legalBasis) },
          { heading: "拟作出的行政处罚", text: `${describePenalty(p)}。` },
          {
            heading: "当事人的权利",
            text: `依据《行政处罚法》第四十四条、第四十五条，你（单位）有权进行陈述和申辩，可自收到本告知书之日起${f.statementWorkdays}个工作日内向本机关提出（P5）；逾期未提出的，视为放弃上述权利。本机关不因当事人陈述、申辩而给予更重的处罚。${hearing ? "依据《行政处罚法》第六十三条、第六十四条，你（单位）有权要求举行听证，应当自收到本告知书之日起五个工作日内提出（P6、P7）。" : ""}`,
          },
        ],
        sign: "seal",
      };
    },
  },
  {
    code: "hearing_notice",
    title: "听证通知书",
    abbr: "听通",
    events: ["notify_hearing"],
    toParty: true,
    decision: false,
    dossier: "其他文书",
    needs: ["data.hearingOn", "data.place", "data.presidingUserId"],
    build: (f, e) => ({
      rows: partyRows(f),
      sections: [
        {
          heading: "听证安排",
          text: `根据你（单位）的申请，本机关定于${chineseDate(str(e.data.hearingOn))}在${str(e.data.place)}举行听证，听证主持人：${f.userNames[str(e.data.presidingUserId)] ?? ""}。请准时出席，无正当理由拒不出席的，视为放弃听证权利（P7，《行政处罚法》第六十四条）。你（单位）认为主持人与本案有直接利害关系的，有权申请回避。`,
        },
      ],
      sign: "seal",
    }),
  },
  {
    code: "penalty_decision",
    title: "行政处罚决定书",
    abbr: "罚",
    events: ["decide"],
    when: (e, f) => f.case.procedure === "general" && outcome("penalty")(e),
    toParty: true,
    decision: true,
    dossier: "决定书",
    needs: [
      "notify.facts",
      "notify.legalBasis",
      "data.penalty",
      "data.reasons",
      "case.partyAddress",
      "evidence",
      "remedies",
    ],
    build: penaltyDecision,
  },
  {
    code: "spot_penalty_decision",
    title: "当场行政处罚决定书",
    abbr: "罚",
    events: ["decide"],
    when: (_e, f) => f.case.procedure === "simple",
    toParty: true,
    decision: true,
    dossier: "决定书",
    needs: [
      "data.facts",
      "data.legalBasis",
      "data.penalty",
      "data.partySigned",
      "case.partyAddress",
      "remedies",
    ],
    build: penaltyDecision,
  },
  {
    code: "no_penalty_decision",
    title: "不予行政处罚决定书",
    abbr: "不罚",
    events: ["decide"],
    when: outcome("no_penalty"),
    toParty: true,
    decision: true,
    dossier: "决定书",
    needs: ["data.reasons", "finish_investigation.report"],
    build: (f, e) => {
      const notice = lastBefore(f, e.seq, "notify");
      const report = lastBefore(f, e.seq, "finish_investigation");
      return {
        rows: partyRows(f),
        sections: [
          {
            heading: "查明的事实",
            text: str(notice?.data.facts) || str(report?.data.report) || f.case.summary,
          },
          ...(e.data.ground
            ? [
                {
                  heading: "不予处罚的情形",
                  text:
                    noPenaltyGrounds[str(e.data.ground) as keyof typeof noPenaltyGrounds] ??
                    str(e.data.ground),
                },
              ]
            : []),
          { heading: "决定", text: "依据《行政处罚法》第三十三条，决定对当事人不予行政处罚。" },
          ...(e.data.education ? [{ heading: "教育情况", text: str(e.data.education) }] : []),
          { heading: "救济途径和期限", text: remediesText("general", f.remedies) },
        ],
        reasons: [hearingAndStatement(f, e), str(e.data.reasons)].filter(Boolean).join(""),
        sign: "seal",
      };
    },
  },
  {
    code: "service_receipt",
    title: "送达回证",
    abbr: "送",
    events: ["serve"],
    toParty: true,
    decision: false,
    dossier: "其他文书",
    needs: ["data.method", "data.receipt"],
    build: (f, e) => {
      const decided = lastBefore(f, e.seq, "decide");
      const served = decided ? kindsFor(f, decided).find((k) => k.decision) : undefined;
      return {
        rows: [
          ["受送达人", f.case.partyName],
          ["送达文书", served ? `${served.title}（${f.case.number ?? ""}）` : ""],
          ["送达方式", serviceMethodNames[str(e.data.method)] ?? str(e.data.method)],
          ["送达地点", f.case.partyAddress],
          ["送达时间", chineseDate(e.onDate)],
          ["送达人", officersOf(f, e.seq).join("、")],
        ],
        sections: [{ heading: "受送达人签收情况", text: str(e.data.receipt) }],
        sign: "seal",
      };
    },
  },
  {
    code: "extension_approval",
    title: "延长办案期限审批表",
    abbr: "延",
    events: ["extend_decision_period"],
    toParty: false,
    decision: false,
    dossier: "其他文书",
    needs: ["data.days", "data.reason"],
    build: (f, e) => ({
      rows: [caseRow(f), ["当事人", f.case.partyName], ["延长日数", `${str(e.data.days)} 日`]],
      sections: [
        {
          heading: "审批意见",
          text: `同意延长办案期限（P3）。审批人：${e.actorName}，${chineseDate(e.onDate)}`,
        },
      ],
      reasons: str(e.data.reason),
      sign: "seal",
    }),
  },
  {
    code: "transfer_letter",
    title: "涉嫌犯罪案件移送书",
    abbr: "移",
    events: ["transfer_out"],
    toParty: false,
    decision: false,
    dossier: "其他文书",
    needs: ["data.organ", "data.receipt", "decide.reasons"],
    build: (f, e) => {
      const decided = lastBefore(f, e.seq, "decide");
      return {
        rows: [
          caseRow(f),
          ["涉案当事人", f.case.partyName],
          ["地点", f.case.placeAddress],
          ["移送机关", str(e.data.organ)],
        ],
        sections: [
          {
            heading: "移送事项",
            text: `本机关在查处上述案件中发现当事人的行为涉嫌犯罪，依据《行政处罚法》第二十七条和《行政执法机关移送涉嫌犯罪案件的规定》，现将该案移送${str(e.data.organ)}（P15）。案卷材料及涉案物品清单随附。`,
          },
          { heading: "接收情况", text: str(e.data.receipt) },
        ],
        reasons: str(decided?.data.reasons),
        sign: "seal",
      };
    },
  },
  {
    code: "education_record",
    title: "教育劝导记录",
    abbr: "教",
    events: ["educate"],
    toParty: false,
    decision: false,
    dossier: "其他文书",
    needs: ["data.record"],
    build: (f, e) => {
      const b = recordBody(f, e, "教育劝导情况", str(e.data.record));
      b.rows.splice(1, 0, ...partyRows(f));
      return b;
    },
  },
  {
    code: "correction_order",
    title: "责令限期改正通知书",
    abbr: "改",
    events: ["order_correction"],
    toParty: true,
    decision: false,
    dossier: "其他文书",
    needs: ["data.requirement", "data.dueOn"],
    build: (f, e) => ({
      rows: [...partyRows(f), ["地点", f.case.placeAddress]],
      sections: [
        { heading: "违法行为", text: `${f.case.field}：${f.case.summary}` },
        {
          heading: "责令改正",
          text: `依据《行政处罚法》第二十八条，责令你（单位）于${chineseDate(str(e.data.dueOn))}前改正上述违法行为：${str(e.data.requirement)}。逾期不改正的，本机关将依法立案查处（C08）。`,
        },
      ],
      sign: "seal",
    }),
  },
  {
    code: "reinspection_record",
    title: "复查记录",
    abbr: "复",
    events: ["reinspect_corrected", "reinspect_not_corrected"],
    toParty: false,
    decision: false,
    dossier: "其他文书",
    needs: ["data.record"],
    build: (f, e) =>
      recordBody(
        f,
        e,
        e.event === "reinspect_corrected" ? "复查情况（已按期改正）" : "复查情况（逾期未改正）",
        str(e.data.record),
      ),
  },
  {
    code: "reminder",
    title: "催告书",
    abbr: "催",
    events: ["remind"],
    toParty: true,
    decision: false,
    dossier: "其他文书",
    needs: ["decide.penalty", "serve.onDate", "data.note"],
    build: (f, e) => {
      const decided = lastBefore(f, e.seq, "decide");
      const served = lastBefore(f, e.seq, "serve");
      const paid = f.events
        .filter((x) => x.seq < e.seq && x.event === "record_payment")
        .reduce((n, x) => n + Number(x.data.paidFen ?? 0), 0);
      const fine = (penaltyOf(decided)?.fineFen ?? 0) - paid;
      return {
        rows: partyRows(f),
        sections: [
          {
            heading: "催告事项",
            text: `本机关于${chineseDate(decided?.onDate ?? "")}作出${f.case.number ?? ""}行政处罚决定（${describePenalty(penaltyOf(decided))}），已于${chineseDate(served?.onDate ?? "")}送达。你（单位）逾期未履行，尚欠罚款人民币 ${yuan(Math.max(fine, 0))} 元。依据《行政强制法》第三十五条、第五十四条，催告你（单位）自收到本催告书之日起十日内履行；逾期仍未履行的，本机关将依法申请人民法院强制执行（K5、K7）。你（单位）有权进行陈述和申辩。`,
          },
          ...(str(e.data.note) ? [{ heading: "其他事项", text: str(e.data.note) }] : []),
        ],
        sign: "seal",
      };
    },
  },
  {
    code: "deferral_approval",
    title: "延期缴纳罚款批准书",
    abbr: "缓",
    events: ["approve_deferral"],
    toParty: true,
    decision: false,
    dossier: "其他文书",
    needs: ["data.dueOn", "data.reason"],
    build: (f, e) => ({
      rows: partyRows(f),
      sections: [
        {
          heading: "批准事项",
          text: `你（单位）申请延期缴纳${f.case.number ?? ""}行政处罚决定书确定的罚款，经本机关批准，同意延期至${chineseDate(str(e.data.dueOn))}前缴纳（X6，《行政处罚法》第六十六条）。`,
        },
      ],
      reasons: str(e.data.reason),
      sign: "seal",
    }),
  },
  {
    code: "instalment_approval",
    title: "分期缴纳罚款批准书",
    abbr: "分",
    events: ["approve_instalments"],
    toParty: true,
    decision: false,
    dossier: "其他文书",
    needs: ["data.count", "data.firstDueOn", "data.intervalMonths", "data.reason"],
    build: (f, e) => ({
      rows: partyRows(f),
      sections: [
        {
          heading: "批准事项",
          text: `你（单位）申请分期缴纳${f.case.number ?? ""}行政处罚决定书确定的罚款，经本机关批准，同意分${str(e.data.count)}期缴纳，第一期于${chineseDate(str(e.data.firstDueOn))}前缴纳，此后每${str(e.data.intervalMonths ?? 1)}个月缴纳一期（X6，《行政处罚法》第六十六条）。`,
        },
      ],
      reasons: str(e.data.reason),
      sign: "seal",
    }),
  },
  {
    code: "court_enforcement_application",
    title: "强制执行申请书",
    abbr: "强",
    events: ["apply_court_enforcement"],
    toParty: false,
    decision: false,
    dossier: "其他文书",
    needs: ["data.court", "data.note", "decide.penalty", "remind.onDate"],
    build: (f, e) => {
      const decided = lastBefore(f, e.seq, "decide");
      const reminded = lastBefore(f, e.seq, "remind");
      return {
        rows: [
          ["申请人", f.issuer.name],
          ["被申请人", f.case.partyName],
          ["住所", f.case.partyAddress],
          ["受理法院", str(e.data.court)],
        ],
        sections: [
          {
            heading: "申请事项",
            text: `请求强制执行本机关${f.case.number ?? ""}行政处罚决定书（${describePenalty(penaltyOf(decided))}）。被申请人在法定期限内不申请行政复议或者提起行政诉讼，又不履行；本机关已于${chineseDate(reminded?.onDate ?? "")}催告，催告期满仍未履行（K5、K7，《行政强制法》第五十三条、第五十四条）。`,
          },
          ...(str(e.data.note) ? [{ heading: "其他事项", text: str(e.data.note) }] : []),
        ],
        sign: "seal",
      };
    },
  },
  {
    code: "disposal_record",
    title: "罚没物品处置记录",
    abbr: "处",
    events: ["dispose_items"],
    toParty: false,
    decision: false,
    dossier: "财物处理文书",
    needs: ["data.itemNos", "data.disposal", "data.proceedsFen", "data.note"],
    build: (f, e) => ({
      rows: [
        caseRow(f),
        ["处置日期", chineseDate(e.onDate)],
        ["处置方式", e.data.disposal === "auction" ? "拍卖（款项上缴国库）" : "销毁"],
        ["物品序号", Array.isArray(e.data.itemNos) ? e.data.itemNos.join("、") : ""],
        ...(e.data.proceedsFen !== undefined
          ? [["上缴国库款项", `人民币 ${yuan(Number(e.data.proceedsFen))} 元`] as [string, string]]
          : []),
      ],
      sections: [{ heading: "处置情况", text: str(e.data.note) }],
      reasons: "依据《行政处罚法》第七十四条，罚没物品按照国家规定处置，所得款项全部上缴国库（X7）。",
      sign: "record",
    }),
  },
  {
    code: "closing_report",
    title: "结案报告",
    abbr: "结",
    events: ["close"],
    toParty: false,
    decision: false,
    dossier: "其他文书",
    needs: ["data.report", "record_execution.paidFen"],
    build: (f, e) => {
      const decided = lastBefore(f, e.seq, "decide");
      const executed = lastBefore(f, e.seq, "record_execution");
      return {
        rows: [
          caseRow(f),
          ["案件编号", f.case.number ?? ""],
          ["当事人", f.case.partyName],
          ["处理结果", describePenalty(penaltyOf(decided)) || str(decided?.data.outcome)],
          ["执行情况", executed ? `已缴纳人民币 ${yuan(Number(executed.data.paidFen ?? 0))} 元` : ""],
          ["结案日期", chineseDate(e.onDate)],
        ],
        sections: [
          { heading: "结案报告", text: str(e.data.report) },
          { heading: "审批意见", text: `同意结案。审批人：${e.actorName}，${chineseDate(e.onDate)}` },
        ],
        sign: "seal",
      };
    },
  },
  {
    code: "cancel_approval",
    title: "销案审批表",
    abbr: "销",
    events: ["cancel"],
    toParty: false,
    decision: false,
    dossier: "其他文书",
    needs: ["data.reason"],
    build: (f, e) => ({
      rows: [caseRow(f), ["当事人", f.case.partyName]],
      sections: [{ heading: "审批意见", text: `同意销案。审批人：${e.actorName}，${chineseDate(e.onDate)}` }],
      reasons: str(e.data.reason),
      sign: "seal",
    }),
  },
];

export const documentKindCodes = documentKinds.map((k) => k.code) as [string, ...string[]];

/** The kinds a step produces (in table order). */
export function kindsFor(f: CaseFile, e: CaseFileEvent): DocumentKind[] {
  return documentKinds.filter((k) => k.events.includes(e.event) && (!k.when || k.when(e, f)));
}

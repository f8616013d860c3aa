import type { RuleResult } from "../cases/rules/rule-result.ts";

/**
 * L2: the review checklist. Most items can be checked by the platform from the case record before
 * a person looks; each machine check is a pure function returning the item, whether it passed
 * (null: the platform cannot tell, the reviewer judges), the evidence it looked at and the rule ID.
 * The reviewer confirms or overrides each item with a comment. These checks only report.
 */
export type CheckItem = {
  item: ChecklistItem;
  label: string;
  ok: boolean | null;
  evidence: string;
  ruleId: string;
};

export const checklist = {
  power: "执法主体合法、未超越法定权限（权责清单事项）",
  certificates: "执法人员具备执法资格（每个执法环节日期执法证有效）",
  two_officers: "调查取证不少于两名持证执法人员",
  recording: "按规定进行音像记录（全过程记录清单）",
  deadlines: "各项程序期限均已遵守",
  limitation: "未超过行政处罚追责时效",
  benchmark: "适用裁量基准适当（在幅度内或已说明理由）",
  rights: "已告知拟处罚内容及陈述、申辩、听证权利并听取意见",
  document: "决定书内容完备、告知救济途径",
  crime: "是否涉嫌犯罪应当移送司法机关",
  facts: "事实清楚、证据确凿充分",
  law: "适用法律依据正确",
} as const;
export type ChecklistItem = keyof typeof checklist;
/** The items only a person can judge (the platform pre-fills nothing). */
export const manualItems: ChecklistItem[] = ["facts", "law"];

const item = (i: ChecklistItem, ok: boolean | null, evidence: string, ruleId: string): CheckItem => ({
  item: i,
  label: checklist[i],
  ok,
  evidence,
  ruleId,
});

/** The power items of the case belong to the case's agency or an agency above it, and are in force (L2, C03). */
export function checkPower(
  chainIds: string[],
  agencyName: string,
  items: { code: string; name: string; agencyId: string; agencyName: string; status: string }[],
): CheckItem {
  if (!items.length) return item("power", false, "案件未关联权责清单事项，无法确认执法主体的法定职权", "L2");
  const bad = items.filter((p) => !chainIds.includes(p.agencyId) || p.status !== "active");
  const lines = items.map(
    (p) =>
      `${p.code} ${p.name}（${p.agencyName}${p.status === "active" ? "" : `，状态：${p.status === "suspended" ? "暂停" : "已取消"}`}）`,
  );
  return item(
    "power",
    bad.length === 0,
    bad.length === 0
      ? `权责清单事项属于${agencyName}或其上级机关：${lines.join("；")}`
      : `以下事项不属于${agencyName}的职权或已不在用：${bad.map((p) => `${p.code} ${p.name}`).join("；")}`,
    "L2",
  );
}

export type OfficerOnStep = {
  on: string;
  label: string;
  answers: { name: string; ok: boolean; reason: string }[];
};

/** O1: every officer of the case held a valid certificate covering the field on each investigation step's date. */
export function checkCertificates(steps: OfficerOnStep[]): CheckItem {
  if (!steps.length) return item("certificates", null, "本案没有调查取证环节记录", "O1");
  const bad = steps.flatMap((s) =>
    s.answers.filter((a) => !a.ok).map((a) => `${s.on} ${s.label}：${a.reason}`),
  );
  return item(
    "certificates",
    bad.length === 0,
    bad.length === 0
      ? steps
          .map((s) => `${s.on} ${s.label}：${s.answers.map((a) => `${a.name}执法证有效`).join("、")}`)
          .join("；")
      : bad.join("；"),
    "O1",
  );
}

/** C2: at least two certified officers on each investigation step. */
export function checkTwoOfficers(steps: OfficerOnStep[]): CheckItem {
  if (!steps.length) return item("two_officers", null, "本案没有调查取证环节记录", "C2");
  const bad = steps.filter((s) => s.answers.filter((a) => a.ok).length < 2);
  return item(
    "two_officers",
    bad.length === 0,
    bad.length === 0
      ? `${steps.length} 个调查取证环节均有两名以上持证执法人员`
      : bad
          .map((s) => `${s.on} ${s.label}：持证执法人员仅 ${s.answers.filter((a) => a.ok).length} 名`)
          .join("；"),
    "C2",
  );
}

/** L5: every step the agency's list requires to be recorded in full has an audio or video file. */
export function checkRecordings(
  steps: {
    on: string;
    label: string;
    action: string;
    actionLabel: string;
    level: string | null;
    recorded: number;
  }[],
): CheckItem {
  const full = steps.filter((s) => s.level === "full");
  const missing = full.filter((s) => s.recorded === 0);
  if (!full.length)
    return item("recording", true, "本案各环节均不属于音像记录清单中须全过程记录的事项", "L5");
  return item(
    "recording",
    missing.length === 0,
    missing.length === 0
      ? full.map((s) => `${s.on} ${s.label}（${s.actionLabel}）：已有录音录像 ${s.recorded} 件`).join("；")
      : missing
          .map((s) => `${s.on} ${s.label}：“${s.actionLabel}”须全过程音像记录，案卷中没有录音或录像`)
          .join("；"),
    "L5",
  );
}

export type DeadlineTrack = {
  kind: string;
  label: string;
  ruleId: string;
  dueOn: string;
  /** The date of the step that closed it (null: still open). */
  closedOn: string | null;
  closedBy: string | null;
};

/** Steps that close a period because it has run (closing after the due date is their point). */
const closesOnExpiry = new Set([
  "statement_period_expired",
  "hearing_absent",
  "decide_preserved",
  "decide_seized",
]);

/** P3, P5, P7, C4, K3, X3: every period of the case was kept (closed by its step on or before the due date; open ones not past due). */
export function checkDeadlines(tracks: DeadlineTrack[], today: string): CheckItem {
  if (!tracks.length) return item("deadlines", true, "本案没有程序期限记录", "P3");
  const missed = tracks.filter((t) =>
    t.closedOn === null ? today > t.dueOn : t.closedOn > t.dueOn && !closesOnExpiry.has(t.closedBy ?? ""),
  );
  const line = (t: DeadlineTrack) =>
    `${t.label}：至 ${t.dueOn}${t.closedOn ? `，${t.closedOn} 办结` : "，尚在进行"}（${t.ruleId}）`;
  return item(
    "deadlines",
    missed.length === 0,
    missed.length === 0
      ? tracks.map(line).join("；")
      : missed
          .map((t) =>
            t.closedOn
              ? `${t.label}应于 ${t.dueOn} 前办理，实际 ${t.closedOn} 才办理（${t.ruleId}）`
              : `${t.label}已于 ${t.dueOn} 届满（${t.ruleId}）`,
          )
          .join("；"),
    missed[0]?.ruleId ?? "P3",
  );
}

export function checkLimitationItem(r: RuleResult, actOn: string, discoveredOn: string): CheckItem {
  return item(
    "limitation",
    r.ok,
    r.ok ? `违法行为 ${actOn}，发现于 ${discoveredOn}，在追责时效内` : r.message,
    "C5",
  );
}

/** P14 / C03: the proposed fine inside the assessed benchmark range, or a written reason. */
export function checkBenchmarkItem(
  v:
    | { kind: "no_benchmark" }
    | { kind: "no_facts"; name: string }
    | { kind: "no_fine" }
    | { kind: "assessed"; name: string; within: boolean; reason: string; message: string; range: string },
): CheckItem {
  switch (v.kind) {
    case "no_benchmark":
      return item("benchmark", null, "案件未关联裁量基准，请人工审查处罚幅度", "P14");
    case "no_facts":
      return item("benchmark", null, `案件适用「${v.name}」，提交时未填写裁量情节，请人工审查`, "P14");
    case "no_fine":
      return item("benchmark", true, "拟处理意见不含罚款", "P14");
    case "assessed":
      if (v.within) return item("benchmark", true, `「${v.name}」：${v.range}，拟罚款在幅度内`, "P14");
      return item(
        "benchmark",
        Boolean(v.reason),
        v.reason ? `${v.message}；已说明理由：${v.reason}` : `${v.message}`,
        "P14",
      );
  }
}

/** P4–P7: notice of the proposed penalty, statement and hearing rights given and heard. */
export function checkRights(v: {
  outcome: string;
  noticed: { on: string } | null;
  statement: { event: string; on: string } | null;
  hearingRequested: boolean;
  hearing: { event: string; on: string } | null;
  heavierThanNotice: string | null;
}): CheckItem {
  if (v.outcome !== "penalty") return item("rights", true, "拟作出的不是行政处罚决定，无须事先告知", "P4");
  const bad: string[] = [];
  const good: string[] = [];
  if (!v.noticed) bad.push("未送达行政处罚事先告知书（P4）");
  else good.push(`${v.noticed.on} 送达事先告知书`);
  const statementLabels: Record<string, string> = {
    record_statement: "听取陈述申辩并制作笔录",
    waive_statement: "当事人放弃陈述申辩",
    statement_period_expired: "陈述申辩期限届满未提出",
    request_hearing: "当事人申请听证",
  };
  if (v.noticed && !v.statement) bad.push("尚未听取当事人陈述申辩或确认放弃（P5）");
  else if (v.statement)
    good.push(`${v.statement.on} ${statementLabels[v.statement.event] ?? v.statement.event}`);
  if (v.hearingRequested) {
    if (!v.hearing) bad.push("当事人申请听证，尚未举行听证（P7）");
    else
      good.push(
        `${v.hearing.on} ${v.hearing.event === "record_hearing" ? "举行听证" : "当事人无正当理由未出席听证"}`,
      );
  }
  if (v.heavierThanNotice) bad.push(`拟处理意见重于事先告知的处罚（${v.heavierThanNotice}，P5）`);
  return item(
    "rights",
    bad.length === 0,
    bad.length ? bad.join("；") : good.join("；"),
    bad.length ? "P5" : "P4",
  );
}

export function checkDocumentItem(
  r: { ok: boolean; message?: string; missing?: string[] },
  outcome: string,
): CheckItem {
  if (outcome !== "penalty")
    return item("document", true, "不予处罚或移送的决定不适用第五十九条决定书要素", "X1");
  return item(
    "document",
    r.ok,
    r.ok
      ? "决定书应载明事项齐全，已告知复议、诉讼途径和期限"
      : `${r.message ?? ""}${r.missing?.length ? `：${r.missing.join("、")}` : ""}`,
    "X1",
  );
}

/** P15: a transfer proposal, or a case marked serious (life, health, financial security), needs the crime question answered. */
export function checkCrime(v: { outcome: string; serious: boolean }): CheckItem {
  if (v.outcome === "transfer") return item("crime", true, "拟移送司法机关（P15）", "P15");
  if (v.serious)
    return item(
      "crime",
      null,
      "案件标记为危及生命健康安全、金融安全并有危害后果，请审查是否涉嫌犯罪、应当移送司法机关",
      "P15",
    );
  return item("crime", true, "案件记录中没有涉嫌犯罪的标记", "P15");
}

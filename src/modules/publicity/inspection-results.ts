import { and, desc, eq, gte, lte, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { offsetOf, type PageRequest } from "../../core/paging.ts";
import type { Executor } from "../../db/client.ts";
import { isValidCreditCode } from "../agencies/agency.ts";
import type { AgencyRow } from "../agencies/find-agency.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { loadCalendar } from "../calendar/load-calendar.ts";
import { addWorkingDays } from "../calendar/working-days.ts";
import { type Principal, scopePrefixes } from "../identity/principal.ts";
import { managingBureau } from "../officers/find-officer.ts";
import { dateOf } from "../officers/officer.ts";
import { writeSheet } from "../powers/excel.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { codesOf, requiredText as text } from "./input.ts";
import { inspectionResultVersions as r } from "./inspection-result-schema.ts";
import { inspectionItemVersions as items } from "./inspection-schema.ts";
import { maskName, maskText, type Person } from "./mask.ts";
import { requirePublicityManage } from "./service-guides.ts";
import {
  insertVersion,
  latestVersionCondition,
  latestVersionOf,
  searchAny,
  withTotal,
} from "./versioned-list.ts";

/** What a random inspection found (抽查结果, 双随机、一公开). */
export const inspectionOutcomes = {
  no_problem: "未发现问题",
  corrected: "发现问题已责令整改",
  case_opened: "发现问题已立案查处",
  transferred: "发现问题已移送有关部门处理",
  no_activity: "未发现开展本次抽查涉及的经营活动",
  not_found: "未发现检查对象（无法联系）",
  refused: "不配合检查",
} as const;
export type InspectionOutcome = keyof typeof inspectionOutcomes;
export const inspectionOutcomeCodes = codesOf(inspectionOutcomes);

const optional = (max: number) => z.string().trim().max(max).default("");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD");

/** A new result (no resultId) or a correction of one (resultId): a new version either way. */
export const saveInspectionResultInput = z
  .strictObject({
    agencyId: z.uuid(),
    resultId: z.uuid().optional(),
    itemId: z.uuid(),
    partyType: z.enum(["organisation", "individual"]),
    partyName: text(200),
    /** Organisations: unified social credit code (published). */
    creditCode: optional(18).transform((s) => s.toUpperCase()),
    /** Individuals: ID number and phone (never published, G6). */
    partyIdNumber: optional(18).transform((s) => s.toUpperCase()),
    partyPhone: optional(30),
    inspectedOn: isoDate,
    inspectors: text(500),
    result: z.enum(inspectionOutcomeCodes),
    handling: text(2000),
    caseNumber: optional(100),
  })
  .superRefine((x, c) => {
    if (x.partyType === "organisation") {
      if (x.creditCode && !isValidCreditCode(x.creditCode))
        c.addIssue({
          code: "custom",
          path: ["creditCode"],
          message: "统一社会信用代码不正确（18 位，校验位须正确）",
        });
      if (x.partyIdNumber)
        c.addIssue({ code: "custom", path: ["partyIdNumber"], message: "单位不填写身份证号码" });
    } else {
      if (x.creditCode)
        c.addIssue({ code: "custom", path: ["creditCode"], message: "个人不填写统一社会信用代码" });
      if (x.partyIdNumber && !/^\d{17}[\dX]$/.test(x.partyIdNumber))
        c.addIssue({ code: "custom", path: ["partyIdNumber"], message: "身份证号码应为 18 位" });
    }
    if (x.result === "case_opened" && !x.caseNumber)
      c.addIssue({ code: "custom", path: ["caseNumber"], message: "已立案查处的须填写案件编号" });
  });

export const withdrawInspectionResultInput = z.strictObject({ reason: text(1000) });

/** The newest version of every result. */
const latest = latestVersionCondition(r, r.resultId);

export type InspectionResultFilter = PageRequest & {
  agencyId?: string;
  itemId?: string;
  result?: InspectionOutcome;
  from?: string;
  to?: string;
};

/** Only the masked columns: what the public may see (G6). */
const publicColumns = {
  resultId: r.resultId,
  version: r.version,
  agencyId: r.agencyId,
  agencyName: agencies.name,
  itemId: r.itemId,
  itemName: r.itemName,
  partyDisplay: r.partyDisplay,
  creditCode: r.creditCode,
  inspectedOn: r.inspectedOn,
  inspectors: r.publicInspectors,
  result: r.result,
  handling: r.publicHandling,
  caseNumber: r.caseNumber,
  publishDueOn: r.publishDueOn,
  publishedAt: r.publishedAt,
  withdrawn: r.removed,
  withdrawalReason: r.publicRemovalReason,
  recordedAt: r.recordedAt,
};

const staffColumns = {
  ...publicColumns,
  partyType: r.partyType,
  partyName: r.partyName,
  partyIdNumber: r.partyIdNumber,
  partyPhone: r.partyPhone,
  staffInspectors: r.inspectors,
  staffHandling: r.handling,
  removalReason: r.removalReason,
};

/** G3: published after the due date (publication day in China time). */
const lateOf = (publishedAt: Date, dueOn: string | null) => !!dueOn && dateOf(publishedAt) > dueOn;

function conditions(req: InspectionResultFilter, publicOnly: boolean): SQL | undefined {
  return and(
    latest,
    req.agencyId ? eq(r.agencyId, req.agencyId) : undefined,
    req.itemId ? eq(r.itemId, req.itemId) : undefined,
    req.result ? eq(r.result, req.result) : undefined,
    req.from ? gte(r.inspectedOn, req.from) : undefined,
    req.to ? lte(r.inspectedOn, req.to) : undefined,
    // The public search reads only what the public sees (a hidden name is not a search key).
    searchAny(
      req.q,
      publicOnly ? r.partyDisplay : r.partyName,
      r.creditCode,
      r.itemName,
      publicOnly ? r.publicHandling : r.handling,
      r.caseNumber,
    ),
  );
}

/** 抽查结果公示 (C13): newest version of each result, withdrawn ones with their reason. */
export async function listInspectionResults(ctx: AppContext, req: InspectionResultFilter) {
  const where = conditions(req, true);
  const { rows, total } = await withTotal(
    ctx.db,
    r,
    where,
    ctx.db
      .select(publicColumns)
      .from(r)
      .innerJoin(agencies, eq(agencies.id, r.agencyId))
      .where(where)
      .orderBy(desc(r.inspectedOn), desc(r.publishedAt), desc(r.resultId))
      .limit(req.pageSize)
      .offset(offsetOf(req)),
  );
  return {
    items: rows.map((x) => ({
      ...x,
      resultName: inspectionOutcomes[x.result as InspectionOutcome] ?? x.result,
      late: lateOf(x.publishedAt, x.publishDueOn),
      withdrawalReason: x.withdrawn ? x.withdrawalReason : null,
    })),
    total,
    page: req.page,
    pageSize: req.pageSize,
  };
}

async function staffRows(ex: Executor, actor: Principal, req: InspectionResultFilter, limit?: number) {
  const where = and(conditions(req, false), underAny(agencies.path, scopePrefixes(actor, "case.read")));
  const query = ex
    .select(staffColumns)
    .from(r)
    .innerJoin(agencies, eq(agencies.id, r.agencyId))
    .where(where)
    .orderBy(desc(r.inspectedOn), desc(r.publishedAt), desc(r.resultId));
  const { rows, total } = await withTotal(
    ex,
    r,
    where,
    limit === undefined ? query.limit(req.pageSize).offset(offsetOf(req)) : query.limit(limit),
  );
  const items = rows.map(({ staffInspectors, staffHandling, ...x }) => ({
    ...x,
    inspectors: staffInspectors,
    handling: staffHandling,
    publicInspectors: x.inspectors,
    publicHandling: x.handling,
    resultName: inspectionOutcomes[x.result as InspectionOutcome] ?? x.result,
    late: lateOf(x.publishedAt, x.publishDueOn),
    ruleId: "G3" as const,
  }));
  return { items, total };
}

/** The results of the agencies the actor may read (case.read), as entered, for the staff editor. */
export async function listInspectionResultsForStaff(
  ctx: AppContext,
  actor: Principal,
  req: InspectionResultFilter,
) {
  const { items, total } = await staffRows(ctx.db, actor, req);
  return { items, total, page: req.page, pageSize: req.pageSize };
}

export const inspectionResultHeaders = [
  "执法机关",
  "抽查事项",
  "检查对象",
  "统一社会信用代码",
  "检查日期",
  "检查人员",
  "抽查结果",
  "处理情况",
  "案件编号",
  "应公示日期（G3）",
  "公示时间",
  "状态",
  "撤回原因",
] as const;

/** The staff list (same filters, no paging, at most 5,000 rows) as an .xlsx workbook. */
export async function exportInspectionResults(
  ctx: AppContext,
  actor: Principal,
  req: InspectionResultFilter,
) {
  const { items } = await staffRows(ctx.db, actor, req, 5000);
  return writeSheet(
    "抽查结果",
    inspectionResultHeaders,
    items.map((x) => [
      x.agencyName,
      x.itemName,
      x.partyName,
      x.creditCode,
      x.inspectedOn,
      x.inspectors,
      x.resultName,
      x.handling,
      x.caseNumber,
      x.publishDueOn ?? "",
      dateOf(x.publishedAt),
      x.withdrawn ? "已撤回" : x.late ? "逾期公示" : "公示中",
      x.removalReason,
    ]),
    [30, 30, 30, 22, 12, 20, 22, 50, 20, 16, 12, 10, 30],
  );
}

/** The inspection item must be on the current list of the agency or of its bureau (C13). */
async function requireItem(tx: Executor, agency: AgencyRow, itemId: string) {
  const bureau = await managingBureau(tx, agency);
  const item = await latestVersionOf(tx, items, items.itemId, itemId);
  if (!item || item.removed || (item.agencyId !== agency.id && item.agencyId !== bureau.id))
    throw new AppError(
      "INSPECTION_ITEM_INVALID",
      "抽查事项不存在、已从随机抽查事项清单移除，或不属于本机关及所属局",
    );
  return item;
}

async function previous(tx: Executor, resultId: string) {
  const prev = await latestVersionOf(tx, r, r.resultId, resultId);
  if (!prev) throw new AppError("NOT_FOUND", "抽查结果不存在");
  if (prev.removed) throw new AppError("INSPECTION_RESULT_WITHDRAWN");
  return prev;
}

/** G3: other enforcement information is published within N working days (a setting). */
async function dueOn(tx: Executor, agencyId: string, inspectedOn: string): Promise<string | null> {
  const days = await getNumberSetting(tx, agencyId, "publicity.otherWorkdays");
  try {
    return addWorkingDays(await loadCalendar(tx), inspectedOn, days);
  } catch (e) {
    if (e instanceof AppError && e.code === "CALENDAR_YEAR_NOT_LOADED") return null; // D4: no guess
    throw e;
  }
}

/** The public (masked) record of a version: also the ledger payload. */
const publicRecord = (row: typeof r.$inferInsert) => ({
  resultId: row.resultId,
  version: row.version,
  itemId: row.itemId,
  itemName: row.itemName,
  partyDisplay: row.partyDisplay,
  creditCode: row.creditCode,
  inspectedOn: row.inspectedOn,
  result: row.result,
  handling: row.publicHandling,
  caseNumber: row.caseNumber,
  removed: row.removed ?? false,
  reason: row.publicRemovalReason,
});

/**
 * Publishes the result of a random inspection, or a correction of one (a new version), on the
 * public site (C13, 双随机、一公开). The server masks an individual party's name, ID number and phone
 * wherever they appear (G6); the publish-by date is G3's "other decisions" period from the
 * inspection day. Recorded in the ledger with the public record only.
 */
export async function saveInspectionResult(
  ctx: AppContext,
  actor: Principal,
  raw: z.input<typeof saveInspectionResultInput>,
) {
  const input = saveInspectionResultInput.parse(raw);
  const now = ctx.now();
  if (input.inspectedOn > dateOf(now))
    throw new AppError("VALIDATION_FAILED", "检查日期不能晚于今天", [
      { path: "inspectedOn", message: "检查日期不能晚于今天" },
    ]);
  return ctx.db.transaction(async (tx) => {
    const agency = await requirePublicityManage(tx, actor, input.agencyId);
    let version = 1;
    let publishedAt = now;
    const resultId = input.resultId ?? newId();
    if (input.resultId) {
      const prev = await previous(tx, input.resultId);
      if (prev.agencyId !== input.agencyId) throw new AppError("FORBIDDEN_AGENCY", "抽查结果属于其他机关");
      version = prev.version + 1;
      publishedAt = prev.publishedAt;
    }
    const item = await requireItem(tx, agency, input.itemId);
    const individual = input.partyType === "individual";
    const people: Person[] = individual
      ? [{ name: input.partyName, idNumber: input.partyIdNumber, phone: input.partyPhone }]
      : [{ name: "", phone: input.partyPhone }];
    const mask = (t: string) => maskText(t, people);
    const row = {
      id: newId(),
      resultId,
      version,
      agencyId: agency.id,
      itemId: item.itemId,
      itemName: item.name,
      partyType: input.partyType,
      partyName: input.partyName,
      creditCode: individual ? "" : input.creditCode,
      partyIdNumber: individual ? input.partyIdNumber : "",
      partyPhone: input.partyPhone,
      partyDisplay: individual ? maskName(input.partyName) : input.partyName,
      inspectedOn: input.inspectedOn,
      inspectors: input.inspectors,
      publicInspectors: mask(input.inspectors),
      result: input.result,
      handling: input.handling,
      publicHandling: mask(input.handling),
      caseNumber: input.caseNumber,
      publishDueOn: await dueOn(tx, agency.id, input.inspectedOn),
      publishedAt,
      removed: false,
      removalReason: "",
      publicRemovalReason: "",
      recordedBy: actor.userId,
      recordedAt: now,
    };
    await insertVersion(tx, r, row, "publicity.inspection_result_changed", publicRecord(row));
    return { ...row, ruleId: "G3" as const, late: lateOf(publishedAt, row.publishDueOn) };
  });
}

/**
 * Withdraws a published result (like a decision, G4): a new version marked removed with the reason,
 * which the public site shows in its place (masked like the rest, G6).
 */
export async function withdrawInspectionResult(
  ctx: AppContext,
  actor: Principal,
  resultId: string,
  raw: z.input<typeof withdrawInspectionResultInput>,
) {
  const input = withdrawInspectionResultInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const prev = await previous(tx, resultId);
    await requirePublicityManage(tx, actor, prev.agencyId);
    const people: Person[] =
      prev.partyType === "individual"
        ? [{ name: prev.partyName, idNumber: prev.partyIdNumber, phone: prev.partyPhone }]
        : [{ name: "", phone: prev.partyPhone }];
    const now = ctx.now();
    const row = {
      ...prev,
      id: newId(),
      version: prev.version + 1,
      removed: true,
      removalReason: input.reason,
      publicRemovalReason: maskText(input.reason, people),
      recordedBy: actor.userId,
      recordedAt: now,
    };
    await insertVersion(tx, r, row, "publicity.inspection_result_changed", publicRecord(row));
    return row;
  });
}

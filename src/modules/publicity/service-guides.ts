import { and, asc, desc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { offsetOf, type PageRequest } from "../../core/paging.ts";
import type { Executor } from "../../db/client.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { can, type Principal, requirePermission, scopePrefixes } from "../identity/principal.ts";
import { managingBureau } from "../officers/find-officer.ts";
import { codesOf, requiredText as text } from "./input.ts";
import { serviceGuideVersions as v } from "./service-guide-schema.ts";
import { latestVersionCondition, saveItemVersion, searchAny, withTotal } from "./versioned-list.ts";

/** Categories of service guides (服务指南, C13, G1). */
export const serviceGuideCategories = {
  complaint: "投诉举报",
  remedy: "救济途径",
  licence: "审批服务",
  information: "政府信息公开",
  other: "其他",
} as const;
export type ServiceGuideCategory = keyof typeof serviceGuideCategories;
export const serviceGuideCategoryCodes = codesOf(serviceGuideCategories);

/** A new guide (no itemId), a new version of one (itemId), or its removal (removed: true). */
export const saveServiceGuideInput = z.strictObject({
  agencyId: z.uuid(),
  itemId: z.uuid().optional(),
  title: text(200),
  category: z.enum(serviceGuideCategoryCodes),
  scope: text(1000),
  basis: text(2000),
  materials: z.array(text(500)).max(50).default([]),
  steps: z.array(text(500)).min(1).max(30),
  timeLimit: text(200),
  fee: z
    .string()
    .trim()
    .max(200)
    .default("")
    .transform((s) => s || "不收费"),
  place: text(300),
  phone: text(50),
  hours: text(200),
  removed: z.boolean().default(false),
});

/** The newest version of every guide. */
const latest = latestVersionCondition(v, v.itemId);

const columns = {
  itemId: v.itemId,
  version: v.version,
  agencyId: v.agencyId,
  agencyName: agencies.name,
  title: v.title,
  category: v.category,
  scope: v.scope,
  basis: v.basis,
  materials: v.materials,
  steps: v.steps,
  timeLimit: v.timeLimit,
  fee: v.fee,
  place: v.place,
  phone: v.phone,
  hours: v.hours,
  removed: v.removed,
  recordedAt: v.recordedAt,
};

type Row = { [K in keyof typeof columns]: (typeof columns)[K]["_"]["data"] };
const view = ({ removed: _r, ...r }: Row) => ({
  ...r,
  categoryName: serviceGuideCategories[r.category as ServiceGuideCategory] ?? r.category,
});
const staffView = (r: Row) => ({ ...view(r), removed: r.removed });

export type ServiceGuideFilter = PageRequest & { agencyId?: string; category?: ServiceGuideCategory };

async function page(ex: Executor, req: ServiceGuideFilter, scope: SQL | undefined) {
  const where = and(
    latest,
    scope,
    req.agencyId ? eq(v.agencyId, req.agencyId) : undefined,
    req.category ? eq(v.category, req.category) : undefined,
    searchAny(req.q, v.title, v.scope, v.basis),
  );
  const { rows, total } = await withTotal(
    ex,
    v,
    where,
    ex
      .select(columns)
      .from(v)
      .innerJoin(agencies, eq(agencies.id, v.agencyId))
      .where(where)
      .orderBy(req.order === "desc" ? desc(v.title) : asc(v.title), asc(v.itemId))
      .limit(req.pageSize)
      .offset(offsetOf(req)),
  );
  return { rows, total, page: req.page, pageSize: req.pageSize };
}

/** The service guides as published (G1): newest version of each guide, removed ones left out. */
export async function listServiceGuides(ctx: AppContext, req: ServiceGuideFilter) {
  const r = await page(ctx.db, req, eq(v.removed, false));
  return { items: r.rows.map(view), total: r.total, page: r.page, pageSize: r.pageSize };
}

/** One published guide (its newest version); a removed or unknown guide is not found. */
export async function getServiceGuide(ctx: AppContext, itemId: string) {
  const [row] = await ctx.db
    .select(columns)
    .from(v)
    .innerJoin(agencies, eq(agencies.id, v.agencyId))
    .where(and(eq(v.itemId, itemId), latest));
  if (!row || row.removed) throw new AppError("NOT_FOUND", "服务指南不存在或已移除");
  return view(row);
}

/**
 * The guides of the agencies where the actor manages publication (and those below them), removed
 * ones included (marked), for the staff editor.
 */
export async function listServiceGuidesForStaff(ctx: AppContext, actor: Principal, req: ServiceGuideFilter) {
  const r = await page(ctx.db, req, underAny(agencies.path, scopePrefixes(actor, "publicity.manage")));
  return { items: r.rows.map(staffView), total: r.total, page: r.page, pageSize: r.pageSize };
}

/** publicity.manage in the agency, or in its bureau (a squad's guides are kept by its bureau). */
export async function requirePublicityManage(ex: Executor, actor: Principal, agencyId: string) {
  const agency = await findAgency(ex, agencyId);
  if (!can(actor, "publicity.manage", agency.path))
    requirePermission(actor, "publicity.manage", (await managingBureau(ex, agency)).path);
  return agency;
}

/**
 * Adds, changes or removes a service guide (G1): every change is a new version (append-only), so
 * the guide as published on any day can be shown again; each is recorded in the ledger.
 */
export async function saveServiceGuide(
  ctx: AppContext,
  actor: Principal,
  raw: z.input<typeof saveServiceGuideInput>,
) {
  const input = saveServiceGuideInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    await requirePublicityManage(tx, actor, input.agencyId);
    return saveItemVersion(tx, v, input, {
      actorId: actor.userId,
      at: ctx.now(),
      noun: "服务指南",
      short: "指南",
      ledgerType: "publicity.service_guide_changed",
      payload: (saved) => ({
        ...saved,
        title: input.title,
        category: input.category,
        removed: input.removed,
      }),
    });
  });
}

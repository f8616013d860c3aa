import { and, asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { offsetOf, type PageRequest } from "../../core/paging.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { agencies } from "../agencies/schema.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { requiredText as text } from "./input.ts";
import { inspectionItemVersions as v } from "./inspection-schema.ts";
import { latestVersionCondition, saveItemVersion, searchAny, withTotal } from "./versioned-list.ts";

/** A new item (no itemId), a new version of one (itemId), or its removal (removed: true). */
export const saveInspectionItemInput = z.strictObject({
  agencyId: z.uuid(),
  itemId: z.uuid().optional(),
  name: text(200),
  field: text(50),
  subject: text(500),
  method: text(200),
  frequency: text(200),
  basis: text(2000),
  removed: z.boolean().default(false),
});

/** The newest version of every item, only those not removed. */
const latest = latestVersionCondition(v, v.itemId);

/** The random-inspection item list (随机抽查事项清单, C13) as published: newest version of each item. */
export async function listInspectionItems(ctx: AppContext, req: PageRequest & { agencyId?: string }) {
  const where = and(
    latest,
    eq(v.removed, false),
    req.agencyId ? eq(v.agencyId, req.agencyId) : undefined,
    searchAny(req.q, v.name, v.field, v.subject),
  );
  const { rows, total } = await withTotal(
    ctx.db,
    v,
    where,
    ctx.db
      .select({
        itemId: v.itemId,
        version: v.version,
        agencyId: v.agencyId,
        agencyName: agencies.name,
        name: v.name,
        field: v.field,
        subject: v.subject,
        method: v.method,
        frequency: v.frequency,
        basis: v.basis,
        recordedAt: v.recordedAt,
      })
      .from(v)
      .innerJoin(agencies, eq(agencies.id, v.agencyId))
      .where(where)
      .orderBy(req.order === "desc" ? desc(v.name) : asc(v.name), asc(v.itemId))
      .limit(req.pageSize)
      .offset(offsetOf(req)),
  );
  return { items: rows, total, page: req.page, pageSize: req.pageSize };
}

/**
 * Adds, changes or removes an item of the list (power.manage in the agency): every change is a new
 * version (append-only), so the list as published on any day can be shown again.
 */
export async function saveInspectionItem(
  ctx: AppContext,
  actor: Principal,
  raw: z.input<typeof saveInspectionItemInput>,
) {
  const input = saveInspectionItemInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const agency = await findAgency(tx, input.agencyId);
    requirePermission(actor, "power.manage", agency.path);
    return saveItemVersion(tx, v, input, {
      actorId: actor.userId,
      at: ctx.now(),
      noun: "抽查事项",
      short: "事项",
      ledgerType: "publicity.inspection_item_changed",
      payload: (saved) => ({ ...saved, name: input.name, field: input.field, removed: input.removed }),
    });
  });
}

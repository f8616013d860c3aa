import { and, asc, desc, eq, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { likePattern, offsetOf, type PageRequest } from "../../core/paging.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { agencies } from "../agencies/schema.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { inspectionItemVersions as v } from "./inspection-schema.ts";

const text = (max: number) => z.string().trim().min(1).max(max);

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
const latest = sql`${v.version} = (select max(x.version) from inspection_item_versions x where x.item_id = ${v.itemId})`;

/** The random-inspection item list (随机抽查事项清单, C13) as published: newest version of each item. */
export async function listInspectionItems(ctx: AppContext, req: PageRequest & { agencyId?: string }) {
  const where = and(
    latest,
    eq(v.removed, false),
    req.agencyId ? eq(v.agencyId, req.agencyId) : undefined,
    req.q
      ? or(
          ilike(v.name, likePattern(req.q)),
          ilike(v.field, likePattern(req.q)),
          ilike(v.subject, likePattern(req.q)),
        )
      : undefined,
  );
  const [rows, [total]] = await Promise.all([
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
    ctx.db.select({ n: sql<number>`count(*)::int` }).from(v).where(where),
  ]);
  return { items: rows, total: Number(total?.n ?? 0), page: req.page, pageSize: req.pageSize };
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
    let version = 1;
    const itemId = input.itemId ?? newId();
    if (input.itemId) {
      const [prev] = await tx
        .select()
        .from(v)
        .where(eq(v.itemId, input.itemId))
        .orderBy(desc(v.version))
        .limit(1);
      if (!prev) throw new AppError("NOT_FOUND", "抽查事项不存在");
      if (prev.agencyId !== input.agencyId) throw new AppError("FORBIDDEN_AGENCY", "抽查事项属于其他机关");
      if (prev.removed) throw new AppError("CONFLICT", "该抽查事项已经移除");
      version = prev.version + 1;
    } else if (input.removed) {
      throw new AppError("VALIDATION_FAILED", "移除抽查事项需要指明事项");
    }
    const row = {
      id: newId(),
      itemId,
      version,
      agencyId: input.agencyId,
      name: input.name,
      field: input.field,
      subject: input.subject,
      method: input.method,
      frequency: input.frequency,
      basis: input.basis,
      removed: input.removed,
      recordedBy: actor.userId,
      recordedAt: ctx.now(),
    };
    await tx.insert(v).values(row);
    await appendEntry(tx, {
      agencyId: input.agencyId,
      actorId: actor.userId,
      type: "publicity.inspection_item_changed",
      payload: { itemId, version, name: input.name, field: input.field, removed: input.removed },
      at: row.recordedAt,
    });
    return row;
  });
}

import { and, asc, count, desc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { likePattern, offsetOf, type PageRequest } from "../../core/paging.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { type Principal, scopePrefixes } from "../identity/principal.ts";
import { users } from "../identity/schema.ts";
import { deviceAssignments, recordingDevices } from "./schema.ts";

/** Devices the actor may see (evidence readers of the agency and above), with the current holder. */
export async function listDevices(
  ctx: AppContext,
  actor: Principal,
  req: PageRequest & { agencyId?: string; status?: string },
) {
  const d = recordingDevices;
  const where = and(
    underAny(agencies.path, scopePrefixes(actor, "evidence.read")),
    req.agencyId ? eq(d.agencyId, req.agencyId) : undefined,
    req.status ? eq(d.status, req.status) : undefined,
    req.q ? or(ilike(d.serialNumber, likePattern(req.q)), ilike(d.model, likePattern(req.q))) : undefined,
  );
  const holder = sql<
    string | null
  >`(SELECT a.officer_id FROM ${deviceAssignments} a WHERE a.device_id = ${d.id} ORDER BY a.at DESC, a.id DESC LIMIT 1)`;
  const rows = await ctx.db
    .select({
      id: d.id,
      agencyId: d.agencyId,
      agencyName: agencies.name,
      serialNumber: d.serialNumber,
      model: d.model,
      status: d.status,
      registeredAt: d.registeredAt,
      holderId: holder,
    })
    .from(d)
    .innerJoin(agencies, eq(agencies.id, d.agencyId))
    .where(where)
    .orderBy(req.order === "desc" ? desc(d.serialNumber) : asc(d.serialNumber))
    .limit(req.pageSize)
    .offset(offsetOf(req));
  const [total] = await ctx.db
    .select({ n: count() })
    .from(d)
    .innerJoin(agencies, eq(agencies.id, d.agencyId))
    .where(where);
  const ids = [...new Set(rows.map((r) => r.holderId).filter((x): x is string => !!x))];
  const names = new Map(
    ids.length
      ? (
          await ctx.db
            .select({ id: users.id, name: users.displayName })
            .from(users)
            .where(inArray(users.id, ids))
        ).map((u) => [u.id, u.name])
      : [],
  );
  return {
    items: rows.map((r) => ({ ...r, holderName: r.holderId ? (names.get(r.holderId) ?? null) : null })),
    total: total?.n ?? 0,
    page: req.page,
    pageSize: req.pageSize,
  };
}

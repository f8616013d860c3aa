import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { likePattern, offsetOf, type Page, type PageRequest } from "../../core/paging.ts";
import { type Principal, scopePrefixes } from "../identity/principal.ts";
import type { AgencyRow } from "./find-agency.ts";
import { agencies } from "./schema.ts";

export const agencySortColumns = { name: agencies.name, createdAt: agencies.createdAt, kind: agencies.kind };
export type AgencySort = keyof typeof agencySortColumns;

/** SQL condition: the row's agency path lies under one of the given prefixes. */
export function underAny(path: typeof agencies.path, prefixes: string[]): SQL {
  if (prefixes.length === 0) return sql`false`;
  return or(...prefixes.map((p) => sql`starts_with(${path}, ${p})`))!;
}

export async function listAgencies(
  ctx: AppContext,
  actor: Principal,
  req: PageRequest & { sort?: AgencySort; parentId?: string },
): Promise<Page<AgencyRow>> {
  const where = and(
    underAny(agencies.path, scopePrefixes(actor, "agency.read")),
    req.parentId ? eq(agencies.parentId, req.parentId) : undefined,
    req.q
      ? or(
          ilike(agencies.name, likePattern(req.q)),
          ilike(agencies.shortName, likePattern(req.q)),
          ilike(agencies.creditCode, likePattern(req.q)),
        )
      : undefined,
  );
  const column = agencySortColumns[req.sort ?? "name"];
  const [items, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(agencies)
      .where(where)
      .orderBy(req.order === "desc" ? desc(column) : asc(column), asc(agencies.id))
      .limit(req.pageSize)
      .offset(offsetOf(req)),
    ctx.db.select({ n: count() }).from(agencies).where(where),
  ]);
  return { items, total: total?.n ?? 0, page: req.page, pageSize: req.pageSize };
}

export type AgencyNode = { id: string; name: string; kind: string; children: AgencyNode[] };

/** The agencies the actor can read, as a forest. */
export async function agencyTree(ctx: AppContext, actor: Principal): Promise<AgencyNode[]> {
  const rows = await ctx.db
    .select({ id: agencies.id, parentId: agencies.parentId, name: agencies.name, kind: agencies.kind })
    .from(agencies)
    .where(underAny(agencies.path, scopePrefixes(actor, "agency.read")))
    .orderBy(asc(agencies.path));
  const nodes = new Map<string, AgencyNode>(
    rows.map((r) => [r.id, { id: r.id, name: r.name, kind: r.kind, children: [] }]),
  );
  const roots: AgencyNode[] = [];
  for (const r of rows) {
    const parent = r.parentId ? nodes.get(r.parentId) : undefined;
    (parent ? parent.children : roots).push(nodes.get(r.id)!);
  }
  return roots;
}

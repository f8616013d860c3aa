import { and, asc, count, desc, eq, ilike, or } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { likePattern, offsetOf, type PageRequest } from "../../core/paging.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { type Principal, scopePrefixes } from "../identity/principal.ts";
import { trainers } from "./schema.ts";

/** The trainer pools the actor can read, best rated first (optionally one kind or field). */
export async function listTrainers(
  ctx: AppContext,
  actor: Principal,
  req: PageRequest & { kind?: "internal" | "external"; field?: string },
) {
  const where = and(
    underAny(agencies.path, scopePrefixes(actor, "training.read")),
    req.kind ? eq(trainers.kind, req.kind) : undefined,
    req.field ? eq(trainers.field, req.field) : undefined,
    req.q
      ? or(
          ilike(trainers.name, likePattern(req.q)),
          ilike(trainers.organisation, likePattern(req.q)),
          ilike(trainers.field, likePattern(req.q)),
        )
      : undefined,
  );
  const items = await ctx.db
    .select({
      id: trainers.id,
      agencyId: trainers.agencyId,
      name: trainers.name,
      kind: trainers.kind,
      organisation: trainers.organisation,
      field: trainers.field,
      rating: trainers.rating,
      createdAt: trainers.createdAt,
    })
    .from(trainers)
    .innerJoin(agencies, eq(agencies.id, trainers.agencyId))
    .where(where)
    .orderBy(
      req.order === "asc" ? desc(trainers.rating) : asc(trainers.rating),
      asc(trainers.name),
      asc(trainers.id),
    )
    .limit(req.pageSize)
    .offset(offsetOf(req));
  const [total] = await ctx.db
    .select({ n: count() })
    .from(trainers)
    .innerJoin(agencies, eq(agencies.id, trainers.agencyId))
    .where(where);
  return { items, total: total?.n ?? 0, page: req.page, pageSize: req.pageSize };
}

import type { AppContext } from "../../context.ts";
import { type PublicDecisionQuery, searchPublicDecisions } from "./search-public-decisions.ts";

/**
 * A short-lived cache of public search pages (C13: the public site must stay fast when many people
 * search at once). Published decisions change rarely (a publication is due days after a decision,
 * G3), so the same page may be served for `GUIFAN_PUBLIC_CACHE_SECONDS` (default 30; 0 turns the
 * cache off). A publication or withdrawal in this process empties it at once (G4: a withdrawal is
 * visible in the lists immediately); other processes of the same deployment show it within the
 * cache time. Concurrent identical searches share one query. The decision page itself (with its
 * proof) is never cached.
 */
type Result = Awaited<ReturnType<typeof searchPublicDecisions>>;
type Entry = { at: number; value: Promise<Result> };

const maxEntries = 5_000;
const caches = new WeakMap<AppContext, Map<string, Entry>>();

function cacheSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.GUIFAN_PUBLIC_CACHE_SECONDS ?? 30);
  return Number.isFinite(n) && n >= 0 ? n : 30;
}

const keyOf = (r: PublicDecisionQuery) =>
  JSON.stringify([
    r.q?.trim() ?? "",
    r.field ?? "",
    r.agencyId ?? "",
    r.from ?? "",
    r.to ?? "",
    r.page,
    r.pageSize,
    r.order,
  ]);

/** searchPublicDecisions through the cache. */
export function searchPublicDecisionsCached(ctx: AppContext, req: PublicDecisionQuery): Promise<Result> {
  const ttlMs = cacheSeconds() * 1000;
  if (ttlMs === 0) return searchPublicDecisions(ctx, req);
  const cache = caches.get(ctx) ?? new Map<string, Entry>();
  caches.set(ctx, cache);
  const key = keyOf(req);
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < ttlMs) {
    // Most recently used last: the oldest entries are dropped first.
    cache.delete(key);
    cache.set(key, hit);
    return hit.value;
  }
  const value = searchPublicDecisions(ctx, req);
  cache.set(key, { at: now, value });
  value.catch(() => cache.get(key)?.value === value && cache.delete(key));
  while (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
  return value;
}

/** Called after a publication or withdrawal commits. */
export function forgetPublicSearches(ctx: AppContext): void {
  caches.get(ctx)?.clear();
}

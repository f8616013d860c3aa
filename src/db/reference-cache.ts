/**
 * Rows derived from reference data (officers and their certificates, agencies, users' names,
 * audio-video lists), kept in memory while the database's reference version stays the same: a
 * counter that a trigger raises in the same transaction as any change to those tables
 * (reference-version-schema.ts). A case step reads the version in its case query, so what it finds
 * here was read at that version or later — what it would have read itself, or newer — and a
 * change made by any process applies from the next step. One cache per database handle.
 */
export class ReferenceCache {
  private version: string | undefined;
  private readonly entries = new Map<string, unknown>();

  constructor(private readonly maxEntries = 10_000) {}

  /** The value cached under `key` at exactly `version`. */
  get<T>(version: string, key: string): T | undefined {
    return version === this.version ? (this.entries.get(key) as T | undefined) : undefined;
  }

  /** Caches a value read at `version` or later; another version (or a full cache) empties it first. */
  set(version: string, key: string, value: unknown): void {
    if (version !== this.version || this.entries.size >= this.maxEntries) {
      this.entries.clear();
      this.version = version;
    }
    this.entries.set(key, value);
  }
}

const caches = new WeakMap<object, ReferenceCache>();

/** The cache of a database handle (`ctx.db`): separate databases in one process never share one. */
export function referenceCacheOf(db: object): ReferenceCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new ReferenceCache();
    caches.set(db, cache);
  }
  return cache;
}

/** SQL text of the version as the cache keys it ("0" before the first change). */
export const referenceVersionSql = "coalesce((SELECT n FROM reference_version)::text, '0')";

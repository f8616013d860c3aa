import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { checkEvidenceFile } from "../evidence/verify-evidence-file.ts";
import { copyRows } from "./copy-rows.ts";
import {
  type DeferredCheck,
  LeafRowChecker,
  type RowProblem,
  SEGMENT_PLAN,
  segmentQuery,
} from "./leaf-checker.ts";
import { acquireLeafWorkers, type LeafWorkers } from "./leaf-workers.ts";
import { LEAF_ROW_COLUMNS } from "./leaf-writer.ts";
import { CompactRange } from "./merkle.ts";
import { ledgerCheckpoints, ledgerKeys } from "./schema.ts";
import { checkpointBody, keyDir, loadOrCreateKey, verifyBodyWith } from "./signing-keys.ts";

/**
 * Checks beyond the hash chain for some event types: what the entry points to outside the
 * database (evidence files) must still be what was recorded. Returns the problem, if any.
 */
const entryChecks: Record<string, (ctx: AppContext, payload: string) => Promise<string | undefined>> = {
  "evidence.added": checkEvidenceFile,
};

export type VerifyProblem = {
  agencyId: string;
  agencyName: string;
  seq: number | null;
  entryId: number | null;
  caseId: string | null;
  what: string;
};

export type AgencyVerification = {
  agencyId: string;
  agencyName: string;
  entries: number;
  checkpoints: number;
  problem?: VerifyProblem;
};

/**
 * Leaf workers (leaf-workers.ts), in "auto" mode: on the PostgreSQL server, for an agency of at
 * least PARALLEL_MIN_ENTRIES entries (below that, starting the workers costs more than they
 * save), one more than there are cores (a worker waiting for its rows leaves its core to
 * another; on 2 cores 3 workers verified ~3 % faster than 2, bench/README.md), at most 8.
 * PGlite has one connection: it always verifies on this thread.
 */
export const PARALLEL_MIN_ENTRIES = 50_000;
export const autoWorkerCount = (): number => Math.min(8, os.availableParallelism() + 1);

/** GUIFAN_VERIFY_WORKERS=auto|<n> (default auto; 0 = always on this thread). */
const workersFromEnv = (): "auto" | number => {
  const v = process.env.GUIFAN_VERIFY_WORKERS;
  return v && /^\d+$/.test(v) ? Number(v) : "auto";
};

export type VerifyReport = {
  ok: boolean;
  entries: number;
  checkpoints: number;
  agencies: AgencyVerification[];
  firstProblem?: VerifyProblem;
};

/**
 * Recomputes every leaf from the stored entries and every tree against every signed checkpoint,
 * streaming in batches (constant memory). Stops at the first problem of each agency and names it.
 */
export async function verifyLedger(
  ctx: AppContext,
  opts: {
    agencyId?: string;
    underPaths?: string[];
    batch?: number;
    onProgress?: (checked: number) => void;
    /** Leaf workers: "auto" (default; see PARALLEL_MIN_ENTRIES) or how many (0 = none). */
    workers?: "auto" | number;
    /** Rows per segment a leaf worker reads (tests use small ones). */
    segment?: number;
  } = {},
): Promise<VerifyReport> {
  const list = await ctx.db
    .select({ id: agencies.id, name: agencies.name })
    .from(agencies)
    .where(
      and(
        opts.agencyId ? eq(agencies.id, opts.agencyId) : undefined,
        opts.underPaths ? underAny(agencies.path, opts.underPaths) : undefined,
      ),
    )
    .orderBy(asc(agencies.path));
  const results: AgencyVerification[] = [];
  let checked = 0;
  let pool: ReturnType<typeof acquireLeafWorkers>;
  let poolTried = false;
  const mode = opts.workers ?? workersFromEnv();
  const url = ctx.database.engine === "postgresql" ? ctx.database.url : undefined;
  try {
    for (const a of list) {
      const workers = async (): Promise<LeafWorkers | undefined> => {
        if (!url || mode === 0) return undefined;
        let count = mode;
        if (mode === "auto") {
          const [head] = await rowsOf<{ size: string | number }>(
            ctx.db.execute(sql`SELECT size FROM ledger_heads WHERE agency_id = ${a.id}`),
          );
          if (!head || Number(head.size) < PARALLEL_MIN_ENTRIES) return undefined;
          count = autoWorkerCount();
        }
        // Another verification holding the workers: this one reads on its own thread.
        if (!poolTried) pool = acquireLeafWorkers(url, count as number);
        poolTried = true;
        return pool?.workers;
      };
      const w = await workers();
      // With workers, longer batches: each batch ends with the workers draining.
      const batch = Math.max(1, Math.floor(opts.batch ?? (w ? 200_000 : 50_000)));
      const r = await verifyAgency(ctx, a, batch, w, opts.segment, (n) => opts.onProgress?.(checked + n));
      checked += r.entries;
      results.push(r);
    }
  } finally {
    pool?.release();
  }
  const firstProblem = results.find((r) => r.problem)?.problem;
  return {
    ok: !firstProblem,
    entries: checked,
    checkpoints: results.reduce((n, r) => n + r.checkpoints, 0),
    agencies: results,
    firstProblem,
  };
}

async function verifyAgency(
  ctx: AppContext,
  agency: { id: string; name: string },
  batch: number,
  workers: LeafWorkers | undefined,
  segment: number | undefined,
  onProgress: (n: number) => void,
): Promise<AgencyVerification> {
  const db = ctx.db;
  const result: AgencyVerification = {
    agencyId: agency.id,
    agencyName: agency.name,
    entries: 0,
    checkpoints: 0,
  };
  const fail = (what: string, at: { seq?: number; entryId?: number | null; caseId?: string | null } = {}) => {
    result.problem = {
      agencyId: agency.id,
      agencyName: agency.name,
      seq: at.seq ?? null,
      entryId: at.entryId ?? null,
      caseId: at.caseId ?? null,
      what,
    };
    return result;
  };
  if (!UUID.test(agency.id)) return fail("机关标识格式异常");
  // Public keys, checked against their ids once and kept as KeyObjects for every checkpoint.
  const keys = new Map<string, KeyObject>();
  for (const k of await db.select().from(ledgerKeys).where(eq(ledgerKeys.agencyId, agency.id))) {
    let key: KeyObject;
    try {
      key = createPublicKey(k.publicKey);
    } catch {
      return fail(`公钥 ${k.keyId} 无法读取（公钥被替换）`);
    }
    const der = key.export({ format: "der", type: "spki" });
    if (createHash("sha256").update(der).digest("hex").slice(0, 16) !== k.keyId) {
      return fail(`公钥 ${k.keyId} 与其标识不符（公钥被替换）`);
    }
    keys.set(k.keyId, key);
  }
  const keyFile = path.join(keyDir(ctx.dataDir), `${agency.id}.ed25519.pem`);
  const localKeyId = fs.existsSync(keyFile)
    ? loadOrCreateKey(keyDir(ctx.dataDir), agency.id).keyId
    : undefined;

  // Entries that are neither in the log nor waiting for it were inserted behind the integrator's
  // back. Counting is cheap: every leaf's entry is checked below to exist and belong here, so there
  // is such an entry exactly when the agency has more entries than leaves plus queued ones; only
  // then is the anti-join run that names it. On the server the count runs on its own connection
  // while the log streams; PGlite has one connection, so it simply queues.
  const counts = rowsOf<{ entries: string | number; queued: string | number }>(
    db.execute(sql`
      SELECT (SELECT count(*) FROM ledger_entries WHERE agency_id = ${agency.id}) AS entries,
             (SELECT count(*) FROM ledger_pending p JOIN ledger_entries e ON e.id = p.entry_id
               WHERE e.agency_id = ${agency.id}
                 AND NOT EXISTS (SELECT 1 FROM ledger_leaves l WHERE l.entry_id = p.entry_id)) AS queued`),
  );
  counts.catch(() => {});
  const tree = new CompactRange();
  // Checkpoints are read per batch: those the batch can reach (tree sizes up to its end).
  let cpLoadedTo = -1;
  let cps: (typeof ledgerCheckpoints.$inferSelect)[] = [];
  let cpAt = 0;
  const loadCheckpoints = async (upTo: number) => {
    if (upTo <= cpLoadedTo) return;
    const more = await db
      .select()
      .from(ledgerCheckpoints)
      .where(
        and(
          eq(ledgerCheckpoints.agencyId, agency.id),
          gt(ledgerCheckpoints.treeSize, cpLoadedTo),
          lte(ledgerCheckpoints.treeSize, upTo),
        ),
      )
      .orderBy(asc(ledgerCheckpoints.treeSize), asc(ledgerCheckpoints.id));
    cps = [...cps.slice(cpAt), ...more];
    cpAt = 0;
    cpLoadedTo = upTo;
  };
  /** Checks a checkpoint reached when the tree was `size` long, whose root then was `root`; returns the problem, if any. */
  const checkCheckpoint = (
    cp: typeof ledgerCheckpoints.$inferSelect,
    size: number,
    root: Buffer,
  ): string | undefined => {
    if (cp.treeSize < size) return `检查点（规模 ${cp.treeSize}）顺序异常`;
    if (!root.equals(cp.rootHash))
      return `重新计算的树根与签名检查点（规模 ${cp.treeSize}）不符：记录被改动、删除、插入或重排`;
    if (cp.body !== checkpointBody(agency.id, cp.treeSize, cp.rootHash, cp.at))
      return `检查点（规模 ${cp.treeSize}）内容与签名文本不符`;
    const key = keys.get(cp.keyId);
    if (!key || !verifyBodyWith(key, cp.body, cp.signature)) return `检查点（规模 ${cp.treeSize}）签名无效`;
    if (localKeyId && cp.keyId !== localKeyId)
      return `检查点（规模 ${cp.treeSize}）不是用本机关的签名密钥签发的`;
    return undefined;
  };

  // Rows come as binary COPY (see copy-rows.ts and leaf-checker.ts): no row objects. Each batch is
  // read on this thread or, on the server, by the leaf workers segment by segment; either way the
  // leaf hashes arrive here in sequence order and the tree is built here.
  const checkTypes = Object.keys(entryChecks);
  let headSize = 0;
  for (;;) {
    const from = tree.size;
    await loadCheckpoints(from + batch);
    /** Checkpoints the batch reached, with the tree size and root then. */
    const reached: { cp: typeof ledgerCheckpoints.$inferSelect; size: number; root: Buffer }[] = [];
    const checkpointsBefore = result.checkpoints;
    const onLeaf = (leaf: Buffer) => {
      tree.append(leaf);
      result.entries++;
      while (cpAt < cps.length && cps[cpAt]!.treeSize <= tree.size)
        reached.push({ cp: cps[cpAt++]!, size: tree.size, root: tree.root() });
    };
    let read: { rows: number; problem?: RowProblem; deferred: DeferredCheck[] };
    if (workers) {
      read = await workers.read(agency.id, from, from + batch, checkTypes, onLeaf, segment);
    } else {
      // On this thread: the batch as one segment.
      const checker = new LeafRowChecker(agency.id, checkTypes, from);
      const rows = await copyRows(
        ctx,
        segmentQuery(agency.id, from, from + batch),
        LEAF_ROW_COLUMNS,
        (row) => {
          const leaf = checker.check(row);
          if (leaf) onLeaf(leaf);
        },
        SEGMENT_PLAN,
      );
      read = { rows, problem: checker.problem, deferred: checker.deferred };
    }
    let problem = read.problem;
    // The checkpoints, in order, against the roots at the sizes where they were reached. A bad one
    // comes before any problem the rows after it have (which were read on regardless).
    /** The tree size at a bad checkpoint: the rows from there on do not count. */
    let badCheckpointAt = Number.POSITIVE_INFINITY;
    for (const { cp, size, root } of reached) {
      const bad = checkCheckpoint(cp, size, root);
      if (bad) {
        problem = { what: bad, at: { seq: size - 1, entryId: null, caseId: null } };
        result.entries = size;
        badCheckpointAt = size;
        break;
      }
      result.checkpoints++;
    }
    for (const d of read.deferred) {
      if (d.seq >= badCheckpointAt) break;
      const check = entryChecks[d.type];
      const found = check ? await check(ctx, d.payload) : undefined;
      if (found) {
        // What was verified before this entry: the entries before it and the checkpoints they reached.
        result.entries = d.seq;
        result.checkpoints = checkpointsBefore + reached.filter((r) => r.size <= d.seq).length;
        return fail(
          `第 ${d.seq} 条记录（${d.type}，条目 ${d.entryId}${d.caseId ? `，案件 ${d.caseId}` : ""}）：${found}`,
          d,
        );
      }
    }
    if (problem) return fail(problem.what, problem.at);
    onProgress(result.entries);
    if (read.rows === batch) continue;
    // The range was not full. One round trip, one snapshot, for the end of the log: the next leaf
    // (rows missing up to the end of the range and more after them, or entries integrated while
    // the log was read), a checkpoint beyond the tree, and the head.
    const [end] = await rowsOf<{
      next_seq: string | number | null;
      next_entry: string | number | null;
      next_case: string | null;
      beyond: string | number | null;
      head: string | number | null;
    }>(
      db.execute(sql`
        SELECT n.seq AS next_seq, n.entry_id AS next_entry, n.case_id AS next_case,
               (SELECT max(tree_size) FROM ledger_checkpoints
                 WHERE agency_id = ${agency.id} AND tree_size > ${tree.size}) AS beyond,
               (SELECT size FROM ledger_heads WHERE agency_id = ${agency.id}) AS head
          FROM (SELECT 1) one
          LEFT JOIN LATERAL (
            SELECT l.seq, l.entry_id, e.case_id FROM ledger_leaves l LEFT JOIN ledger_entries e ON e.id = l.entry_id
             WHERE l.agency_id = ${agency.id} AND l.seq >= ${tree.size} ORDER BY l.seq LIMIT 1) n ON true`),
    );
    if (end?.next_seq != null && Number(end.next_seq) === tree.size) {
      continue; // the log grew while it was read: go on reading
    }
    if (end?.next_seq != null)
      return fail(`序号不连续：应为 ${tree.size}，实为 ${Number(end.next_seq)}（有条目被删除或插入）`, {
        seq: tree.size,
        entryId: Number(end.next_entry),
        caseId: end.next_case ?? null,
      });
    if (end?.beyond != null)
      return fail(`签名检查点显示有 ${Number(end.beyond)} 条记录，实际只有 ${tree.size} 条：记录被删除`, {
        seq: tree.size,
      });
    headSize = end?.head == null ? 0 : Number(end.head);
    break;
  }
  if (headSize !== tree.size) return fail(`记录树头部显示 ${headSize} 条，实际 ${tree.size} 条`);
  const [count] = await counts;
  if (count && Number(count.entries) > tree.size + Number(count.queued)) {
    const [orphan] = await rowsOf<{ id: string | number; case_id: string | null }>(
      db.execute(sql`
        SELECT e.id, e.case_id FROM ledger_entries e
        WHERE e.agency_id = ${agency.id}
          AND NOT EXISTS (SELECT 1 FROM ledger_leaves l WHERE l.entry_id = e.id)
          AND NOT EXISTS (SELECT 1 FROM ledger_pending p WHERE p.entry_id = e.id)
        ORDER BY e.id LIMIT 1`),
    );
    // None found: entries were appended and integrated while the log was being read.
    if (orphan)
      return fail(`条目 ${orphan.id} 不在记录树中（被插入）`, {
        entryId: Number(orphan.id),
        caseId: orphan.case_id,
      });
  }
  return result;
}

const rowsOf = async <T>(result: Promise<unknown>): Promise<T[]> => ((await result) as { rows: T[] }).rows;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

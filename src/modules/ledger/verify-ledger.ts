import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { checkEvidenceFile } from "../evidence/verify-evidence-file.ts";
import { copyRows, ORDERED_INDEX_WALK } from "./copy-rows.ts";
import { bytesEqual, LEAF_ROW_COLUMNS, LeafWriter } from "./leaf-writer.ts";
import { ledgerCheckpoints, ledgerKeys } from "./schema.ts";
import { checkpointBody, keyDir, loadOrCreateKey, verifyBodyWith } from "./signing-keys.ts";
import { acquireMerkleThread, inlineTree, type TreeBuilder } from "./tree-builder.ts";

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
 * When the trees are built on a second thread (see tree-builder.ts), in "auto" mode: for an
 * agency of at least THREAD_MIN_ENTRIES entries (below that, starting the thread costs more than
 * it saves), on a machine of at least THREAD_MIN_CORES cores. Verification keeps three threads
 * busy — the database backend producing the rows, this thread parsing them and hashing leaves,
 * and the tree builder — and on 2 cores the third one slowed verification down (bench/README.md,
 * issue 3: A/B in the same runs), since it takes its CPU from the other two.
 */
export const THREAD_MIN_ENTRIES = 16_384;
export const THREAD_MIN_CORES = 4;

/** GUIFAN_VERIFY_THREAD=auto|always|never (default auto): where the trees are built. */
const threadModeFromEnv = (): "auto" | "always" | "never" => {
  const v = process.env.GUIFAN_VERIFY_THREAD;
  return v === "always" || v === "never" ? v : "auto";
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
    /** Build the trees on a second thread: "auto" (default; see THREAD_MIN_ENTRIES), "always" or "never". */
    thread?: "auto" | "always" | "never";
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
  let thread: ReturnType<typeof acquireMerkleThread>;
  let threadTried = false;
  const threadMode = opts.thread ?? threadModeFromEnv();
  try {
    for (const a of list) {
      const tree = async (): Promise<TreeBuilder> => {
        if (threadMode === "never") return inlineTree();
        if (threadMode === "auto") {
          if (os.availableParallelism() < THREAD_MIN_CORES) return inlineTree();
          const [head] = await rowsOf<{ size: string | number }>(
            ctx.db.execute(sql`SELECT size FROM ledger_heads WHERE agency_id = ${a.id}`),
          );
          if (!head || Number(head.size) < THREAD_MIN_ENTRIES) return inlineTree();
        }
        // Another verification holding the thread: this one builds its trees here.
        if (!threadTried) thread = acquireMerkleThread();
        threadTried = true;
        return thread ? thread.thread.tree() : inlineTree();
      };
      const r = await verifyAgency(ctx, a, Math.max(1, Math.floor(opts.batch ?? 50_000)), tree, (n) =>
        opts.onProgress?.(checked + n),
      );
      checked += r.entries;
      results.push(r);
    }
  } finally {
    thread?.release();
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
  newTree: () => Promise<TreeBuilder>,
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
  const tree = await newTree();
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
  /**
   * Checks a checkpoint reached when the tree was `size` long, whose root then was `root`;
   * returns the problem, if any. The root may come from the second thread after the batch, so
   * the checkpoints a batch reaches are collected (`reached`) and checked once it is read.
   */
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

  // Rows come as binary COPY (see copy-rows.ts and leaf-writer.ts): no row objects; the time and
  // the ids are formatted here, as the leaf has them, while the database streams the next rows.
  const agencyBytes = Buffer.from(agency.id.replaceAll("-", ""), "hex");
  const writer = new LeafWriter();
  const checkTypes = Object.keys(entryChecks).map((t) => Buffer.from(t, "utf8"));
  type Deferred = { seq: number; entryId: number; caseId: string | null; type: string; payload: string };
  type Problem = { what: string; at: { seq: number; entryId: number | null; caseId: string | null } };
  let problem: Problem | undefined;
  /** Where a row is (for a problem): its sequence number, entry and case. */
  const rowAt = (buf: Buffer, off: Int32Array, len: Int32Array, seq: number) => ({
    seq,
    entryId: int8(buf, off[1]!),
    caseId: len[6] === 16 ? uuidText(buf, off[6]!) : null,
  });
  const text = (buf: Buffer, off: Int32Array, len: Int32Array, i: number) =>
    len[i]! < 0 ? null : buf.toString("utf8", off[i]!, off[i]! + len[i]!);
  let after = -1;
  let headSize = 0;
  for (;;) {
    await loadCheckpoints(tree.size + batch);
    const deferred: (Deferred & { entries: number; checkpoints: number })[] = [];
    /** Checkpoints the batch reached, with the tree size then (their roots: tree.mark()). */
    const reached: { cp: typeof ledgerCheckpoints.$inferSelect; size: number }[] = [];
    const checkpointsBefore = result.checkpoints;
    let lastSeq = after;
    const rows = await copyRows(
      ctx,
      `SELECT l.seq, l.entry_id, l.leaf_hash, e.agency_id, e.at, e.actor_id, e.case_id, e.event_type, e.payload
         FROM ledger_leaves l LEFT JOIN ledger_entries e ON e.id = l.entry_id
        WHERE l.agency_id = '${agency.id}' AND l.seq > ${after} AND l.seq <= ${after + batch}
        ORDER BY l.seq`,
      LEAF_ROW_COLUMNS,
      ({ buf, off, len }) => {
        if (problem) return;
        const seq = int8(buf, off[0]!);
        lastSeq = seq;
        if (seq !== tree.size) {
          problem = {
            what: `序号不连续：应为 ${tree.size}，实为 ${seq}（有条目被删除或插入）`,
            at: { ...rowAt(buf, off, len, seq), seq: tree.size },
          };
          return;
        }
        if (len[3]! < 0 || len[4]! < 0 || len[7]! < 0 || len[8]! < 0) {
          problem = { what: `第 ${seq} 条记录的内容缺失（条目被删除）`, at: rowAt(buf, off, len, seq) };
          return;
        }
        if (len[3] !== 16 || !bytesEqual(buf, off[3]!, agencyBytes, 16)) {
          problem = { what: `第 ${seq} 条记录属于其他机关`, at: rowAt(buf, off, len, seq) };
          return;
        }
        const leaf = writer.leafHash(buf, off, len, seq);
        if (len[2] !== 32 || !bytesEqual(buf, off[2]!, leaf, 32)) {
          problem = {
            what: `第 ${seq} 条记录（${text(buf, off, len, 7)}）的内容与其哈希不符：记录被改动或重排`,
            at: rowAt(buf, off, len, seq),
          };
          return;
        }
        // Checks outside the database (evidence files) are asynchronous: they run after the
        // batch, in order, and the first problem by sequence number is the one reported.
        for (const t of checkTypes) {
          if (t.length === len[7] && bytesEqual(buf, off[7]!, t, t.length)) {
            deferred.push({
              ...rowAt(buf, off, len, seq),
              type: text(buf, off, len, 7)!,
              payload: text(buf, off, len, 8)!,
              entries: result.entries,
              checkpoints: checkpointsBefore + reached.length,
            });
          }
        }
        tree.append(leaf);
        result.entries++;
        while (cpAt < cps.length && cps[cpAt]!.treeSize <= tree.size) {
          reached.push({ cp: cps[cpAt++]!, size: tree.size });
          tree.mark();
        }
      },
      ORDERED_INDEX_WALK,
    );
    // The checkpoints, in order, against the roots at the sizes where they were reached. A bad one
    // comes before any problem the rows after it have (which were read on regardless).
    const roots = await tree.flush();
    /** The tree size at a bad checkpoint: the rows from there on do not count. */
    let badCheckpointAt = Number.POSITIVE_INFINITY;
    for (let i = 0; i < reached.length; i++) {
      const { cp, size } = reached[i]!;
      const bad = checkCheckpoint(cp, size, roots[i]!);
      if (bad) {
        problem = { what: bad, at: { seq: size - 1, entryId: null, caseId: null } };
        result.entries = size;
        badCheckpointAt = size;
        break;
      }
      result.checkpoints++;
    }
    for (const d of deferred) {
      if (d.seq >= badCheckpointAt) break;
      const check = entryChecks[d.type];
      const found = check ? await check(ctx, d.payload) : undefined;
      if (found) {
        result.entries = d.entries;
        result.checkpoints = d.checkpoints;
        return fail(
          `第 ${d.seq} 条记录（${d.type}，条目 ${d.entryId}${d.caseId ? `，案件 ${d.caseId}` : ""}）：${found}`,
          d,
        );
      }
    }
    if (problem) {
      const p = problem as NonNullable<typeof problem>;
      return fail(p.what, p.at);
    }
    onProgress(result.entries);
    if (rows === batch) {
      after = lastSeq;
      continue;
    }
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
      after = tree.size - 1; // the log grew while it was read: go on reading
      continue;
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

const uuidText = (buf: Buffer, off: number): string => {
  const h = buf.toString("hex", off, off + 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/** A binary COPY bigint as a number (sequence numbers and ids stay far below 2^53). */
const int8 = (buf: Buffer, off: number): number =>
  buf.readInt32BE(off) * 4294967296 + buf.readUInt32BE(off + 4);

import { createHash, createPublicKey } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { checkEvidenceFile } from "../evidence/verify-evidence-file.ts";
import { entryLeafHash } from "./entry.ts";
import { CompactRange } from "./merkle.ts";
import { ledgerCheckpoints, ledgerHeads, ledgerKeys } from "./schema.ts";
import { checkpointBody, keyDir, loadOrCreateKey, verifyBody } from "./signing-keys.ts";

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
  for (const a of list) {
    const r = await verifyAgency(ctx, a, opts.batch ?? 5000, (n) => opts.onProgress?.(checked + n));
    checked += r.entries;
    results.push(r);
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
  const keys = new Map(
    (await db.select().from(ledgerKeys).where(eq(ledgerKeys.agencyId, agency.id))).map((k) => [
      k.keyId,
      k.publicKey,
    ]),
  );
  for (const [keyId, pem] of keys) {
    const der = createPublicKey(pem).export({ format: "der", type: "spki" });
    if (createHash("sha256").update(der).digest("hex").slice(0, 16) !== keyId) {
      return fail(`公钥 ${keyId} 与其标识不符（公钥被替换）`);
    }
  }
  const keyFile = path.join(keyDir(ctx.dataDir), `${agency.id}.ed25519.pem`);
  const localKeyId = fs.existsSync(keyFile)
    ? loadOrCreateKey(keyDir(ctx.dataDir), agency.id).keyId
    : undefined;

  // Checkpoints are read in pages as the tree grows past them.
  let cpAfter = -1;
  let cps: (typeof ledgerCheckpoints.$inferSelect)[] = [];
  const nextCheckpoints = async () => {
    cps = await db
      .select()
      .from(ledgerCheckpoints)
      .where(and(eq(ledgerCheckpoints.agencyId, agency.id), gt(ledgerCheckpoints.treeSize, cpAfter)))
      .orderBy(asc(ledgerCheckpoints.treeSize), asc(ledgerCheckpoints.id))
      .limit(1000);
  };
  await nextCheckpoints();
  const tree = new CompactRange();
  const checkCheckpoints = async (): Promise<AgencyVerification | undefined> => {
    while (cps.length && cps[0]!.treeSize <= tree.size) {
      const cp = cps.shift()!;
      if (cp.treeSize < tree.size) return fail(`检查点（规模 ${cp.treeSize}）顺序异常`);
      const root = tree.root();
      const at = { seq: cp.treeSize - 1 };
      if (!root.equals(cp.rootHash))
        return fail(
          `重新计算的树根与签名检查点（规模 ${cp.treeSize}）不符：记录被改动、删除、插入或重排`,
          at,
        );
      if (cp.body !== checkpointBody(agency.id, cp.treeSize, cp.rootHash, cp.at))
        return fail(`检查点（规模 ${cp.treeSize}）内容与签名文本不符`, at);
      const pem = keys.get(cp.keyId);
      if (!pem || !verifyBody(pem, cp.body, cp.signature))
        return fail(`检查点（规模 ${cp.treeSize}）签名无效`, at);
      if (localKeyId && cp.keyId !== localKeyId)
        return fail(`检查点（规模 ${cp.treeSize}）不是用本机关的签名密钥签发的`, at);
      result.checkpoints++;
      cpAfter = cp.treeSize;
      if (cps.length === 0) await nextCheckpoints();
    }
    return undefined;
  };

  type Row = {
    seq: string | number;
    entry_id: string | number;
    stored: Buffer | Uint8Array;
    agency_id: string | null;
    at: string | null;
    actor_id: string | null;
    case_id: string | null;
    event_type: string | null;
    payload: string | null;
  };
  // Raw SQL with the timestamp formatted by the database (no Date parsing), and the next batch
  // fetched while the current one is hashed.
  const fetch = (after: number) =>
    ctx.database.query<Row>(
      `SELECT l.seq, l.entry_id, l.leaf_hash AS stored, e.agency_id, e.actor_id, e.case_id, e.event_type, e.payload,
              to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
         FROM ledger_leaves l LEFT JOIN ledger_entries e ON e.id = l.entry_id
        WHERE l.agency_id = $1 AND l.seq > $2 ORDER BY l.seq LIMIT $3`,
      [agency.id, after, batch],
    );
  let next = fetch(-1);
  for (;;) {
    const rows = await next;
    if (rows.length === 0) break;
    next = fetch(Number(rows[rows.length - 1]!.seq));
    for (const r of rows) {
      const seq = Number(r.seq);
      const at = { seq, entryId: Number(r.entry_id), caseId: r.case_id };
      if (seq !== tree.size) {
        await next.catch(() => {});
        return fail(`序号不连续：应为 ${tree.size}，实为 ${seq}（有条目被删除或插入）`, {
          ...at,
          seq: tree.size,
        });
      }
      if (r.agency_id === null || r.at === null || r.event_type === null || r.payload === null) {
        await next.catch(() => {});
        return fail(`第 ${seq} 条记录的内容缺失（条目被删除）`, at);
      }
      if (r.agency_id !== agency.id) {
        await next.catch(() => {});
        return fail(`第 ${seq} 条记录属于其他机关`, at);
      }
      const leaf = entryLeafHash({
        agencyId: r.agency_id,
        seq,
        at: r.at,
        actorId: r.actor_id,
        caseId: r.case_id,
        eventType: r.event_type,
        payload: r.payload,
      });
      if (!leaf.equals(r.stored)) {
        await next.catch(() => {});
        return fail(`第 ${seq} 条记录（${r.event_type}）的内容与其哈希不符：记录被改动或重排`, at);
      }
      const check = entryChecks[r.event_type];
      const problem = check ? await check(ctx, r.payload) : undefined;
      if (problem) {
        await next.catch(() => {});
        return fail(
          `第 ${seq} 条记录（${r.event_type}，条目 ${r.entry_id}${r.case_id ? `，案件 ${r.case_id}` : ""}）：${problem}`,
          at,
        );
      }
      tree.append(leaf);
      result.entries++;
      if (cps.length && cps[0]!.treeSize <= tree.size) {
        const bad = await checkCheckpoints();
        if (bad) {
          await next.catch(() => {});
          return bad;
        }
      }
    }
    onProgress(result.entries);
  }
  if (cps.length) {
    return fail(
      `签名检查点显示有 ${cps[cps.length - 1]!.treeSize} 条记录，实际只有 ${tree.size} 条：记录被删除`,
      { seq: tree.size },
    );
  }
  const [head] = await db.select().from(ledgerHeads).where(eq(ledgerHeads.agencyId, agency.id));
  if ((head?.size ?? 0) !== tree.size)
    return fail(`记录树头部显示 ${head?.size ?? 0} 条，实际 ${tree.size} 条`);
  const [orphan] = await db
    .execute<{ id: number; case_id: string | null }>(sql`
    SELECT e.id, e.case_id FROM ledger_entries e
    WHERE e.agency_id = ${agency.id}
      AND NOT EXISTS (SELECT 1 FROM ledger_leaves l WHERE l.entry_id = e.id)
      AND NOT EXISTS (SELECT 1 FROM ledger_pending p WHERE p.entry_id = e.id)
    ORDER BY e.id LIMIT 1`)
    .then((r) => (r as unknown as { rows: { id: number; case_id: string | null }[] }).rows);
  if (orphan)
    return fail(`条目 ${orphan.id} 不在记录树中（被插入）`, {
      entryId: Number(orphan.id),
      caseId: orphan.case_id,
    });
  return result;
}

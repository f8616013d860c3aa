import { Readable } from "node:stream";
import { and, asc, eq, gt } from "drizzle-orm";
import yazl from "yazl";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry, type EntryColumns } from "../ledger/append-entry.ts";
import { leafBytes } from "../ledger/entry.ts";
import { checkpointNow } from "../ledger/integrate.ts";
import { leafHash } from "../ledger/merkle.ts";
import { type CheckpointView, inclusionProof, latestCheckpoint } from "../ledger/prove.ts";
import { blobStore } from "./blob-store.ts";
import { evidenceItems } from "./schema.ts";

const readme = (
  agencyId: string,
  caseId: string,
  cp: CheckpointView,
) => `案件全过程记录导出 / Full-process record export
机关 Agency: ${agencyId}
案件 Case:   ${caseId}
检查点 Checkpoint: 规模 tree size ${cp.treeSize}，树根 root ${cp.rootHash}，签发 signed ${cp.at.toISOString()}

文件 Files
  entries.jsonl     本案的记录条目，每行一条：seq（序号）、leafHash（十六进制）、leaf（叶子的规范 JSON 文本）
                    the case's ledger entries, one per line: seq, leafHash (hex), leaf (canonical JSON text)
  proofs.jsonl      每条记录在检查点树中的包含证明（RFC 9162，哈希为 base64）
                    an inclusion proof of every entry in the checkpoint's tree (RFC 9162, base64 hashes)
  checkpoint.json   机关最新的签名检查点 / the agency's latest signed checkpoint
  public-key.pem    检查点签名公钥（Ed25519）/ the checkpoint signing key (Ed25519)
  evidence.jsonl    证据元数据 / evidence metadata
  evidence/         证据文件，文件名以证据编号开头 / evidence files, named <evidence id>-<file name>

独立核验方法（无需本系统）
  1. 对每一行 entries.jsonl：leafHash = SHA-256(0x00 || leaf 的 UTF-8 字节)。
  2. 用 proofs.jsonl 中同一 seq 的证明，按 RFC 9162 第 2.1.3.2 节从 leafHash 计算树根
     （内部节点 = SHA-256(0x01 || 左 || 右)），结果应等于 checkpoint.json 的 rootHash。
  3. 用 public-key.pem 核验 checkpoint.json 中 signature（Ed25519，base64）是对 body 文本（UTF-8）的签名；
     body 第 2、3 行即树规模与树根。也可与机关公开的 /api/v1/ledger/keys 和检查点比对。
  4. 对每个证据文件计算 SHA-256，应等于 evidence.added 条目（leaf 中 payload.sha256）记录的值。
How to verify independently (no need for this system)
  1. For every line of entries.jsonl: leafHash = SHA-256(0x00 || UTF-8 bytes of leaf).
  2. With the proof of the same seq in proofs.jsonl, compute the root per RFC 9162 section 2.1.3.2
     (inner node = SHA-256(0x01 || left || right)); it must equal rootHash in checkpoint.json.
  3. Check with public-key.pem that signature (Ed25519, base64) in checkpoint.json signs the body
     text (UTF-8); lines 2 and 3 of the body are the tree size and root. Compare with the agency's
     published keys and checkpoints (/api/v1/ledger/keys).
  4. Hash every evidence file with SHA-256: it must equal payload.sha256 of its evidence.added entry.
`;

type Row = { seq: string | number; entry_id: string | number } & EntryColumns;

/**
 * A case's full-process record as one ZIP, streamed (C7): the export is itself recorded, a
 * checkpoint is signed so it covers every entry, then the entries, their inclusion proofs, the
 * checkpoint, the public key and the evidence files are written as the client reads.
 */
export async function exportCaseRecord(
  ctx: AppContext,
  actor: Principal,
  q: { agencyId: string; caseId: string },
): Promise<{ fileName: string; stream: Readable }> {
  const agency = await findAgency(ctx.db, q.agencyId);
  requirePermission(actor, "evidence.read", agency.path);
  await ctx.db.transaction((tx) =>
    appendEntry(tx, {
      agencyId: q.agencyId,
      actorId: actor.userId,
      caseId: q.caseId,
      type: "evidence.exported",
      payload: { caseId: q.caseId },
      at: ctx.now(),
    }),
  );
  await checkpointNow(ctx);
  const cp = await latestCheckpoint(ctx.db, q.agencyId);
  if (!cp) throw new AppError("NOT_FOUND", "该机关尚无签名检查点");

  // Metadata of the case's evidence (small rows; the files themselves are streamed one by one).
  const items: (typeof evidenceItems.$inferSelect)[] = [];
  for (let after = ""; ; ) {
    const page = await ctx.db
      .select()
      .from(evidenceItems)
      .where(
        and(
          eq(evidenceItems.agencyId, q.agencyId),
          eq(evidenceItems.caseId, q.caseId),
          after ? gt(evidenceItems.id, after) : undefined,
        ),
      )
      .orderBy(asc(evidenceItems.id))
      .limit(500);
    items.push(...page);
    if (page.length < 500) break;
    after = page[page.length - 1]!.id;
  }

  const entryPages = async function* () {
    let after = -1;
    for (;;) {
      const rows = await ctx.database.query<Row>(
        `SELECT l.seq, l.entry_id, e.agency_id, e.actor_id, e.case_id, e.event_type, e.payload,
                to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
           FROM ledger_entries e JOIN ledger_leaves l ON l.entry_id = e.id
          WHERE e.agency_id = $1 AND e.case_id = $2 AND l.seq > $3 AND l.seq < $4
          ORDER BY l.seq LIMIT 500`,
        [q.agencyId, q.caseId, after, cp.treeSize],
      );
      if (rows.length === 0) return;
      yield rows;
      after = Number(rows[rows.length - 1]!.seq);
    }
  };
  const lines = (fn: (r: Row) => Promise<string> | string) =>
    Readable.from(
      (async function* () {
        for await (const rows of entryPages()) for (const r of rows) yield `${await fn(r)}\n`;
      })(),
    );

  const zip = new yazl.ZipFile();
  const mtime = cp.at;
  zip.addBuffer(Buffer.from(readme(q.agencyId, q.caseId, cp)), "README.txt", { mtime });
  zip.addBuffer(Buffer.from(`${JSON.stringify(cp, null, 2)}\n`), "checkpoint.json", { mtime });
  zip.addBuffer(Buffer.from(cp.publicKey), "public-key.pem", { mtime });
  zip.addReadStreamLazy("entries.jsonl", { mtime }, (cb) =>
    cb(
      null,
      lines((r) => {
        const leaf = leafBytes({
          agencyId: r.agency_id,
          seq: Number(r.seq),
          at: r.at,
          actorId: r.actor_id,
          caseId: r.case_id,
          eventType: r.event_type,
          payload: r.payload,
        });
        return JSON.stringify({
          seq: Number(r.seq),
          entryId: Number(r.entry_id),
          type: r.event_type,
          leafHash: leafHash(leaf).toString("hex"),
          leaf: leaf.toString("utf8"),
        });
      }),
    ),
  );
  zip.addReadStreamLazy("proofs.jsonl", { mtime }, (cb) =>
    cb(
      null,
      lines(async (r) =>
        JSON.stringify(await inclusionProof(ctx.db, q.agencyId, Number(r.seq), cp.treeSize)),
      ),
    ),
  );
  zip.addBuffer(Buffer.from(items.map((i) => `${JSON.stringify(i)}\n`).join("")), "evidence.jsonl", {
    mtime,
  });
  const store = blobStore(ctx);
  for (const i of items) {
    zip.addReadStreamLazy(`evidence/${i.id}-${i.fileName}`, { mtime: i.uploadedAt, compress: false }, (cb) =>
      cb(null, store.get(i.sha256)),
    );
  }
  zip.end();
  return {
    fileName: `case-${q.caseId}-record.zip`,
    stream: zip.outputStream as Readable,
  };
}

import type { CopyRow } from "./copy-rows.ts";
import { bytesEqual, LeafWriter } from "./leaf-writer.ts";

/**
 * Verification's check of one row of the log (see LEAF_ROW_COLUMNS): the sequence number is the
 * next one, the entry exists and belongs to the agency, and the leaf recomputed from it equals
 * the stored leaf hash. Used on the main thread and in the leaf workers (leaf-worker.ts) alike.
 * After the first problem every later row is ignored.
 */
export type RowProblem = { what: string; at: { seq: number; entryId: number | null; caseId: string | null } };

/** An entry whose event type needs a check outside the database (evidence files), run afterwards in order. */
export type DeferredCheck = {
  seq: number;
  entryId: number;
  caseId: string | null;
  type: string;
  payload: string;
};

/**
 * A segment of the log: the rows with sequence numbers from `from` (inclusive) to `to`
 * (exclusive), each with its entry (NULL columns if the entry is gone). The rows stream as the
 * index is walked, so the reader works on the first rows while the database looks up the next.
 * (Tried: the agency's entries read as one index range and hash-joined — half the database's
 * work, but nothing streams before the join and sort are done, and verification was no faster.)
 */
export const segmentQuery = (agencyId: string, from: number, to: number): string =>
  `SELECT l.seq, l.entry_id, l.leaf_hash, e.agency_id, e.at, e.actor_id, e.case_id, e.event_type, e.payload
     FROM ledger_leaves l LEFT JOIN ledger_entries e ON e.id = l.entry_id
    WHERE l.agency_id = '${agencyId}' AND l.seq >= ${from} AND l.seq < ${to}
    ORDER BY l.seq`;

/**
 * The plan for a segment, whatever the statistics say (autovacuum may be off and the tables never
 * analysed: the planner then sorts the whole log and cuts): walk the index in order and look each
 * entry up. Set for the COPY's own read-only transaction only.
 */
export const SEGMENT_PLAN = [
  "SET LOCAL enable_sort = off",
  "SET LOCAL enable_bitmapscan = off",
  "SET LOCAL enable_seqscan = off",
  "SET LOCAL enable_hashjoin = off",
  "SET LOCAL enable_mergejoin = off",
];

/** Rows per segment. */
export const SEGMENT_ROWS = 5_000;

export class LeafRowChecker {
  /** The sequence number the next row must have. */
  expected: number;
  problem: RowProblem | undefined;
  readonly deferred: DeferredCheck[] = [];
  private readonly writer = new LeafWriter();
  private readonly agencyBytes: Buffer;
  private readonly checkTypes: Buffer[];

  constructor(agencyId: string, checkTypes: string[], from: number) {
    this.agencyBytes = Buffer.from(agencyId.replaceAll("-", ""), "hex");
    this.checkTypes = checkTypes.map((t) => Buffer.from(t, "utf8"));
    this.expected = from;
  }

  /** The row's leaf hash (valid until the next call), or undefined when it (or an earlier row) has a problem. */
  check(row: CopyRow): Buffer | undefined {
    if (this.problem) return undefined;
    const { buf, off, len } = row;
    const seq = int8(buf, off[0]!);
    if (seq !== this.expected)
      return this.fail(
        row,
        `序号不连续：应为 ${this.expected}，实为 ${seq}（有条目被删除或插入）`,
        this.expected,
      );
    if (len[3]! < 0 || len[4]! < 0 || len[7]! < 0 || len[8]! < 0)
      return this.fail(row, `第 ${seq} 条记录的内容缺失（条目被删除）`, seq);
    if (len[3] !== 16 || !bytesEqual(buf, off[3]!, this.agencyBytes, 16))
      return this.fail(row, `第 ${seq} 条记录属于其他机关`, seq);
    const leaf = this.writer.leafHash(buf, off, len, seq);
    if (len[2] !== 32 || !bytesEqual(buf, off[2]!, leaf, 32))
      return this.fail(
        row,
        `第 ${seq} 条记录（${text(buf, off[7]!, len[7]!)}）的内容与其哈希不符：记录被改动或重排`,
        seq,
      );
    for (const t of this.checkTypes) {
      if (t.length === len[7] && bytesEqual(buf, off[7]!, t, t.length)) {
        const { entryId, caseId } = whereIs(row, seq);
        this.deferred.push({
          seq,
          entryId,
          caseId,
          type: text(buf, off[7]!, len[7]!),
          payload: text(buf, off[8]!, len[8]!),
        });
      }
    }
    this.expected++;
    return leaf;
  }

  private fail(row: CopyRow, what: string, seq: number): undefined {
    this.problem = { what, at: whereIs(row, seq) };
    return undefined;
  }
}

/** Where a row is, for a problem: its sequence number, entry and case. */
const whereIs = ({ buf, off, len }: CopyRow, seq: number) => ({
  seq,
  entryId: int8(buf, off[1]!),
  caseId: len[6] === 16 ? uuidText(buf, off[6]!) : null,
});

const text = (buf: Buffer, off: number, len: number) => buf.toString("utf8", off, off + len);

/** A binary COPY bigint as a number (sequence numbers and ids stay far below 2^53). */
const int8 = (buf: Buffer, off: number): number =>
  buf.readInt32BE(off) * 4294967296 + buf.readUInt32BE(off + 4);

const uuidText = (buf: Buffer, off: number): string => {
  const h = buf.toString("hex", off, off + 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

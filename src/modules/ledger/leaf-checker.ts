import type { CopyRow } from "./copy-rows.ts";
import { bytesEqual, LeafWriter } from "./leaf-writer.ts";

/**
 * Verification's check of one row of the log (see LEAF_ROW_COLUMNS): the sequence number is the
 * next one, the entry exists and belongs to the agency, and the leaf recomputed from it equals
 * the stored leaf hash. Used on the main thread and in the leaf workers (leaf-worker.ts) alike.
 * After the first problem every later row is ignored.
 */
export type RowProblem = {
  what: string;
  at: { seq: number; entryId: number | null; caseId: string | null };
  /** The row's entry is not among the agency's entries: the caller looks it up (deleted, or in another agency's record). */
  missingEntry?: boolean;
};

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
 * (exclusive), each with its entry if the entry exists in this agency's part of the record
 * (else the entry's columns are NULL; `missingEntry` says why). The agency's entries are read as
 * one range of its index, from the segment's smallest entry id to its largest, and matched by a
 * hash join: half the database's work of looking every entry up on its own (bench/README.md,
 * issue 3). Keep segments small (SEGMENT_ROWS): the join and the sort stay in memory.
 */
export const segmentQuery = (agencyId: string, from: number, to: number): string =>
  `WITH l AS MATERIALIZED (
     SELECT seq, entry_id, leaf_hash FROM ledger_leaves
      WHERE agency_id = '${agencyId}' AND seq >= ${from} AND seq < ${to})
   SELECT l.seq, l.entry_id, l.leaf_hash, e.agency_id, e.at, e.actor_id, e.case_id, e.event_type, e.payload
     FROM l LEFT JOIN (
       SELECT * FROM ledger_entries
        WHERE agency_id = '${agencyId}'
          AND id BETWEEN (SELECT min(entry_id) FROM l) AND (SELECT max(entry_id) FROM l)) e ON e.id = l.entry_id
    ORDER BY l.seq`;

/**
 * The plan for a segment whatever the statistics say (autovacuum may be off and the tables never
 * analysed; the planner then guesses a few rows and picks nested loops): index scans, a hash join
 * and an in-memory sort. Set for the COPY's own read-only transaction only.
 */
export const SEGMENT_PLAN = [
  "SET LOCAL enable_nestloop = off",
  "SET LOCAL enable_mergejoin = off",
  "SET LOCAL enable_seqscan = off",
  "SET LOCAL enable_bitmapscan = off",
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
  check({ buf, off, len }: CopyRow): Buffer | undefined {
    if (this.problem) return undefined;
    const seq = int8(buf, off[0]!);
    const at = () => ({
      seq,
      entryId: int8(buf, off[1]!),
      caseId: len[6] === 16 ? uuidText(buf, off[6]!) : null,
    });
    const fail = (what: string, where = at(), missingEntry?: boolean) => {
      this.problem = { what, at: where, ...(missingEntry ? { missingEntry } : {}) };
      return undefined;
    };
    if (seq !== this.expected)
      return fail(`序号不连续：应为 ${this.expected}，实为 ${seq}（有条目被删除或插入）`, {
        ...at(),
        seq: this.expected,
      });
    if (len[3]! < 0 || len[4]! < 0 || len[7]! < 0 || len[8]! < 0)
      return fail(`第 ${seq} 条记录的内容缺失（条目被删除）`, at(), true);
    if (len[3] !== 16 || !bytesEqual(buf, off[3]!, this.agencyBytes, 16))
      return fail(`第 ${seq} 条记录属于其他机关`);
    const leaf = this.writer.leafHash(buf, off, len, seq);
    if (len[2] !== 32 || !bytesEqual(buf, off[2]!, leaf, 32))
      return fail(`第 ${seq} 条记录（${text(buf, off[7]!, len[7]!)}）的内容与其哈希不符：记录被改动或重排`);
    for (const t of this.checkTypes) {
      if (t.length === len[7] && bytesEqual(buf, off[7]!, t, t.length)) {
        const { entryId, caseId } = at();
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
}

const text = (buf: Buffer, off: number, len: number) => buf.toString("utf8", off, off + len);

/** A binary COPY bigint as a number (sequence numbers and ids stay far below 2^53). */
const int8 = (buf: Buffer, off: number): number =>
  buf.readInt32BE(off) * 4294967296 + buf.readUInt32BE(off + 4);

const uuidText = (buf: Buffer, off: number): string => {
  const h = buf.toString("hex", off, off + 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

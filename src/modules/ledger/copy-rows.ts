import type pg from "pg";
import type { AppContext } from "../../context.ts";

/**
 * Streams the rows of a query in PostgreSQL's binary COPY format, on the PostgreSQL server
 * (COPY … TO STDOUT over the pool's wire protocol) and on PGlite (COPY … TO '/dev/blob'). No row
 * objects: `onRow` gets the chunk and the offset and length of each column (length -1 = NULL),
 * valid only during the call. Binary COPY sends text columns as their UTF-8 bytes (no escaping),
 * bigint as 8 bytes and bytea as the raw bytes, so nothing is parsed that is not needed.
 */
export type CopyRow = { buf: Buffer; off: Int32Array; len: Int32Array };

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");

/** Incremental parser of the binary COPY format: whole tuples only, whatever the chunking. */
export class BinaryCopyParser {
  private carry: Buffer | undefined;
  private headerDone = false;
  done = false;
  rows = 0;
  private readonly row: CopyRow;

  constructor(
    private readonly columns: number,
    private readonly onRow: (row: CopyRow) => void,
  ) {
    this.row = { buf: Buffer.alloc(0), off: new Int32Array(columns), len: new Int32Array(columns) };
  }

  push(chunk: Buffer): void {
    let buf = chunk;
    if (this.carry) {
      buf = Buffer.concat([this.carry, chunk]);
      this.carry = undefined;
    }
    let pos = 0;
    const end = buf.length;
    if (!this.headerDone) {
      if (end < 19) {
        this.carry = Buffer.from(buf);
        return;
      }
      if (!buf.subarray(0, 11).equals(SIGNATURE)) throw new Error("not a binary COPY stream");
      const ext = buf.readUInt32BE(15);
      if (end < 19 + ext) {
        this.carry = Buffer.from(buf);
        return;
      }
      pos = 19 + ext;
      this.headerDone = true;
    }
    const row = this.row;
    const off = row.off;
    const len = row.len;
    row.buf = buf;
    while (pos < end && !this.done) {
      const start = pos;
      if (end - pos < 2) break;
      const n = (buf[pos]! << 8) | buf[pos + 1]!;
      pos += 2;
      if (n === 0xffff) {
        this.done = true;
        return;
      }
      if (n !== this.columns) throw new Error(`binary COPY: ${n} columns, expected ${this.columns}`);
      let complete = true;
      for (let i = 0; i < n; i++) {
        if (end - pos < 4) {
          complete = false;
          break;
        }
        // Big-endian int32 (-1 = NULL), read inline: this runs for every column of every row.
        const l = (buf[pos]! << 24) | (buf[pos + 1]! << 16) | (buf[pos + 2]! << 8) | buf[pos + 3]!;
        pos += 4;
        off[i] = pos;
        len[i] = l;
        if (l > 0) {
          if (end - pos < l) {
            complete = false;
            break;
          }
          pos += l;
        }
      }
      if (!complete) {
        pos = start;
        break;
      }
      this.rows++;
      this.onRow(row);
    }
    if (pos < end && !this.done) this.carry = Buffer.from(buf.subarray(pos));
  }
}

/** A pg "submittable" that runs COPY … TO STDOUT and hands each CopyData chunk over as it arrives. */
class CopyOut {
  private failed: unknown;
  constructor(
    readonly text: string,
    private readonly onChunk: (chunk: Buffer) => void,
    private readonly settle: (error?: unknown) => void,
  ) {}
  submit(connection: { query(text: string): void }) {
    connection.query(this.text);
  }
  handleCopyData(msg: { chunk: Buffer }) {
    if (this.failed) return;
    try {
      this.onChunk(msg.chunk);
    } catch (e) {
      this.failed = e;
    }
  }
  handleCopyInResponse(connection: { sendCopyFail(msg: string): void }) {
    connection.sendCopyFail("not a COPY TO");
  }
  handleRowDescription() {}
  handleDataRow() {}
  handlePortalSuspended() {}
  handleEmptyQuery() {}
  handleCommandComplete() {}
  handleError(error: unknown) {
    this.settle(error);
  }
  handleReadyForQuery() {
    this.settle(this.failed);
  }
}

/**
 * Runs the COPY on a connection of the PostgreSQL server: the read-only transaction, its
 * settings, the COPY and the commit in one simple query (one round trip), each chunk pushed into
 * the parser as it arrives. On an error the caller rolls back (or drops the connection).
 */
export function copyOnClient(
  client: pg.ClientBase,
  query: string,
  parser: BinaryCopyParser,
  settings: string[] = [],
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const copy = new CopyOut(
      ["BEGIN READ ONLY", ...settings, `COPY (${query}) TO STDOUT WITH (FORMAT binary)`, "COMMIT"].join(
        ";\n",
      ),
      (chunk) => parser.push(chunk),
      (error) => (error ? reject(error) : resolve()),
    );
    client.query(copy as never);
  });
}

/**
 * Runs `COPY (<query>) … (FORMAT binary)` in a read-only transaction after the given SET LOCAL
 * statements, and feeds every row to `onRow`, synchronously as the data arrives (the server
 * keeps producing while rows are processed; memory stays at a chunk). `query` must be a complete
 * SELECT with its values inlined (COPY takes no parameters).
 */
export async function copyRows(
  ctx: AppContext,
  query: string,
  columns: number,
  onRow: (row: CopyRow) => void,
  settings: string[] = [],
): Promise<number> {
  const parser = new BinaryCopyParser(columns, onRow);
  if (ctx.database.engine === "pglite") {
    type Session = {
      exec(sql: string): Promise<unknown>;
      query(sql: string): Promise<{ blob?: Blob }>;
    };
    const client = (
      ctx.db as unknown as {
        $client: { transaction<T>(fn: (tx: Session) => Promise<T>): Promise<T> };
      }
    ).$client;
    const blob = await client.transaction(async (tx) => {
      for (const s of settings) await tx.exec(s);
      return (await tx.query(`COPY (${query}) TO '/dev/blob' WITH (FORMAT binary)`)).blob;
    });
    if (!blob) throw new Error("PGlite returned no COPY data");
    parser.push(Buffer.from(await blob.arrayBuffer()));
  } else {
    const pool = (ctx.db as unknown as { $client: pg.Pool }).$client;
    const client = await pool.connect();
    let broken: unknown;
    try {
      await copyOnClient(client, query, parser, settings);
    } catch (e) {
      broken = await client.query("ROLLBACK").then(
        () => undefined,
        (r) => r,
      );
      throw e;
    } finally {
      client.release(broken instanceof Error ? broken : undefined);
    }
  }
  if (!parser.done) throw new Error("binary COPY stream ended early");
  return parser.rows;
}

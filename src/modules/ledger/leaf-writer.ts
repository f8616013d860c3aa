import { hash } from "node:crypto";

/**
 * Verification's inner loop. Builds 0x00 || leaf bytes — the bytes of leafBytes() in entry.ts,
 * byte for byte — straight from an entry row in PostgreSQL's binary format (see copy-rows.ts)
 * into one reused buffer, and hashes it in one call: no strings and no objects per entry.
 *
 * Row columns (binary COPY): 0 seq bigint, 1 entry_id bigint, 2 leaf_hash bytea, 3 agency_id
 * uuid, 4 at timestamptz, 5 actor_id uuid, 6 case_id uuid, 7 event_type text, 8 payload text.
 * Columns 3, 4, 7 and 8 must not be NULL (verification checks that first).
 */
export const LEAF_ROW_COLUMNS = 9;

const ascii = (s: string) => Buffer.from(s, "latin1");
const P_ACTOR = ascii('\0{"actor":');
const P_AGENCY = ascii(',"agency":');
const P_AT = ascii(',"at":');
const P_CASE = ascii(',"case":');
const P_PAYLOAD = ascii(',"payload":');
const P_SEQ = ascii(',"seq":');
const P_TYPE = ascii(',"type":');
const P_END = ascii(',"v":1}');
const NULL = ascii("null");
const HEX = ascii("0123456789abcdef");
/** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix milliseconds. */
const PG_EPOCH_MS = 946_684_800_000;

export class LeafWriter {
  private out = Buffer.allocUnsafe(8192);
  private pos = 0;
  /** The last second formatted ("YYYY-MM-DDTHH:MM:SS."): entries come in time order, mostly in the same second. */
  private lastSecond = Number.NaN;
  private readonly secondBytes = Buffer.alloc(32);
  private secondLen = 0;

  /** Views of the first n bytes of `out`, by n (leaves of one log have few distinct lengths). */
  private views = new Map<number, Buffer>();

  private view(n: number): Buffer {
    let v = this.views.get(n);
    if (!v) {
      if (this.views.size > 4096) this.views.clear();
      v = this.out.subarray(0, n);
      this.views.set(n, v);
    }
    return v;
  }

  private room(n: number) {
    if (this.pos + n <= this.out.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.pos + n + 1024));
    this.out.copy(bigger, 0, 0, this.pos);
    this.out = bigger;
    this.views.clear();
  }

  /** Short constant pieces: a plain loop beats Buffer#copy's call overhead. */
  private put(b: Buffer) {
    this.room(b.length);
    const out = this.out;
    let p = this.pos;
    for (let i = 0; i < b.length; i++) out[p++] = b[i]!;
    this.pos = p;
  }

  /** A uuid as canonicalJson writes its text form ("xxxxxxxx-xxxx-…", quoted), or null. */
  private putUuid(buf: Buffer, off: number, len: number) {
    if (len < 0) return this.put(NULL);
    if (len !== 16) return this.putJsonString(`<uuid of ${len} bytes>`);
    this.room(38);
    const out = this.out;
    let p = this.pos;
    out[p++] = 0x22;
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) out[p++] = 0x2d;
      const b = buf[off + i]!;
      out[p++] = HEX[b >> 4]!;
      out[p++] = HEX[b & 15]!;
    }
    out[p++] = 0x22;
    this.pos = p;
  }

  /** A timestamptz (microseconds since 2000) as the database's ISO 8601 text with milliseconds, quoted. */
  private putTime(buf: Buffer, off: number, len: number) {
    if (len !== 8) return this.putJsonString(`<timestamp of ${len} bytes>`);
    const micros = buf.readInt32BE(off) * 4294967296 + buf.readUInt32BE(off + 4);
    const ms = Math.floor(micros / 1000) + PG_EPOCH_MS;
    const second = Math.floor(ms / 1000);
    if (second !== this.lastSecond) {
      const d = new Date(second * 1000);
      const year = d.getUTCFullYear();
      if (!Number.isFinite(year) || year < 1 || year > 9999) {
        // ±infinity or a year JavaScript and to_char write differently: cannot be a real entry
        // time; write something that cannot match, so the entry is reported.
        return this.putJsonString(`<timestamp ${micros}>`);
      }
      this.lastSecond = second;
      this.secondLen = this.secondBytes.write(`"${d.toISOString().slice(0, 20)}`, 0, "latin1");
    }
    this.room(this.secondLen + 5);
    const out = this.out;
    let p = this.pos;
    for (let i = 0; i < this.secondLen; i++) out[p++] = this.secondBytes[i]!;
    const milli = ms - second * 1000;
    out[p++] = 0x30 + Math.floor(milli / 100);
    out[p++] = 0x30 + (Math.floor(milli / 10) % 10);
    out[p++] = 0x30 + (milli % 10);
    out[p++] = 0x5a; // Z
    out[p++] = 0x22;
    this.pos = p;
  }

  private putJsonString(s: string) {
    const b = Buffer.from(JSON.stringify(s), "utf8");
    this.room(b.length);
    this.pos += b.copy(this.out, this.pos);
  }

  /** A text value as canonicalJson writes it (JSON.stringify: escapes only ", \ and controls). */
  private putText(buf: Buffer, off: number, len: number) {
    if (len < 0) return this.put(NULL);
    this.room(len + 2);
    const out = this.out;
    let p = this.pos;
    out[p++] = 0x22;
    for (let i = off, end = off + len; i < end; i++) {
      const c = buf[i]!;
      if (c < 0x20 || c === 0x22 || c === 0x5c)
        return this.putJsonString(buf.toString("utf8", off, off + len));
      out[p++] = c;
    }
    out[p++] = 0x22;
    this.pos = p;
  }

  /** The leaf hash of the row at `seq` (rows: see LEAF_ROW_COLUMNS). */
  leafHash(buf: Buffer, off: Int32Array, len: Int32Array, seq: number): Buffer {
    this.pos = 0;
    this.put(P_ACTOR);
    this.putUuid(buf, off[5]!, len[5]!);
    this.put(P_AGENCY);
    this.putUuid(buf, off[3]!, len[3]!);
    this.put(P_AT);
    this.putTime(buf, off[4]!, len[4]!);
    this.put(P_CASE);
    this.putUuid(buf, off[6]!, len[6]!);
    this.put(P_PAYLOAD);
    const payloadLen = Math.max(0, len[8]!);
    this.room(payloadLen);
    this.pos += buf.copy(this.out, this.pos, off[8]!, off[8]! + payloadLen);
    this.put(P_SEQ);
    this.room(24);
    this.pos += this.out.write(String(seq), this.pos, "latin1");
    this.put(P_TYPE);
    this.putText(buf, off[7]!, len[7]!);
    this.put(P_END);
    return hash("sha256", this.view(this.pos), "buffer");
  }
}

/** Whether bytes [off, off + n) of a equal bytes [0, n) of b (short keys and hashes). */
export function bytesEqual(a: Buffer, off: number, b: Buffer, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[off + i] !== b[i]) return false;
  return true;
}

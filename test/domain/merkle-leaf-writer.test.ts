import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BinaryCopyParser, type CopyRow } from "../../src/modules/ledger/copy-rows.ts";
import { type LedgerEntry, leafBytes } from "../../src/modules/ledger/entry.ts";
import { LEAF_ROW_COLUMNS, LeafWriter } from "../../src/modules/ledger/leaf-writer.ts";
import { leafHash } from "../../src/modules/ledger/merkle.ts";

// Verification builds leaves from rows in PostgreSQL's binary COPY format; the integrator builds
// them with leafBytes(). Both must give the same bytes for every entry, or verify would report
// untouched entries (or miss changed ones).

const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const uuidBytes = (u: string) => Buffer.from(u.replaceAll("-", ""), "hex");
const int8 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n));
  return b;
};
const field = (v: Buffer | null) => {
  if (v === null) return Buffer.from([0xff, 0xff, 0xff, 0xff]);
  const len = Buffer.alloc(4);
  len.writeInt32BE(v.length);
  return Buffer.concat([len, v]);
};
/** One tuple of the verification query, as the database sends it in binary COPY. */
const tuple = (e: LedgerEntry & { at: Date }, entryId: number) => {
  const cols = [
    int8(e.seq),
    int8(entryId),
    Buffer.alloc(32, 7),
    uuidBytes(e.agencyId),
    int8((e.at.getTime() - PG_EPOCH_MS) * 1000),
    e.actorId === null ? null : uuidBytes(e.actorId),
    e.caseId === null ? null : uuidBytes(e.caseId),
    Buffer.from(e.eventType, "utf8"),
    Buffer.from(e.payload, "utf8"),
  ];
  const count = Buffer.alloc(2);
  count.writeInt16BE(cols.length);
  return Buffer.concat([count, ...cols.map(field)]);
};
const copyStream = (tuples: Buffer[]) =>
  Buffer.concat([
    Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"),
    Buffer.alloc(8),
    ...tuples,
    Buffer.from([0xff, 0xff]),
  ]);

const agency = "6f1c2a9e-0b7d-4c1e-9a3f-2d5e8b7c4a10";
const entries: (LedgerEntry & { at: Date })[] = [
  {
    agencyId: agency,
    seq: 0,
    at: new Date("2026-11-22T08:00:00.123Z"),
    actorId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    caseId: "00000000-0000-4000-8000-00000000ca5e",
    eventType: "case.record_inspection",
    payload: '{"amountFen":50000,"note":"现场检查笔录已制作，当事人签字确认"}',
  },
  {
    agencyId: agency,
    seq: 1,
    at: new Date("2026-11-22T08:00:00.999Z"),
    actorId: null,
    caseId: null,
    eventType: "bench.append",
    payload: '{"i":1}',
  },
  {
    agencyId: agency,
    seq: 2,
    at: new Date("2026-11-22T08:00:01.000Z"),
    actorId: null,
    caseId: "ffffffff-ffff-4fff-bfff-ffffffffffff",
    eventType: 'odd "type"\\ with\nescapes\u0001 和中文',
    payload: '{"s":"a\\"b\\\\c\\n","u":"\u2028 😀"}',
  },
  {
    agencyId: agency,
    seq: 123456789012,
    at: new Date("1999-12-31T23:59:59.999Z"),
    actorId: null,
    caseId: null,
    eventType: "evidence.added",
    payload: "{}",
  },
  {
    agencyId: agency,
    seq: 5,
    at: new Date("0999-03-04T05:06:07.008Z"),
    actorId: null,
    caseId: null,
    eventType: "x",
    payload: "[]",
  },
  {
    agencyId: agency,
    seq: 6,
    at: new Date("9999-12-31T23:59:59.999Z"),
    actorId: null,
    caseId: null,
    eventType: "",
    payload: '""',
  },
];

const writerHashes = (stream: Buffer, chunk: number) => {
  const writer = new LeafWriter();
  const out: Buffer[] = [];
  const parser = new BinaryCopyParser(LEAF_ROW_COLUMNS, ({ buf, off, len }: CopyRow) => {
    const seq = Number(buf.readBigInt64BE(off[0]!));
    out.push(writer.leafHash(buf, off, len, seq));
  });
  for (let i = 0; i < stream.length; i += chunk) parser.push(stream.subarray(i, i + chunk));
  assert.equal(parser.done, true);
  return out;
};

describe("leaves built from binary rows (verification) equal leafBytes (integrator)", () => {
  const stream = copyStream(entries.map((e, i) => tuple(e, 1000 + i)));
  const expected = entries.map((e) => leafHash(leafBytes(e)).toString("hex"));

  test("every entry, in one chunk", () => {
    assert.deepEqual(
      writerHashes(stream, stream.length).map((h) => h.toString("hex")),
      expected,
    );
  });

  test("whatever the chunking (rows split anywhere across CopyData messages)", () => {
    for (const chunk of [1, 2, 3, 5, 7, 19, 64, 100]) {
      assert.deepEqual(
        writerHashes(stream, chunk).map((h) => h.toString("hex")),
        expected,
        `chunks of ${chunk} bytes`,
      );
    }
  });

  test("a changed byte anywhere in the entry's columns changes the leaf", () => {
    const e = entries[0]!;
    const one = tuple(e, 1);
    const base = writerHashes(copyStream([one]), 4096)[0]!.toString("hex");
    // Skip the tuple's own framing and the seq, entry id and stored hash columns (not in the leaf).
    const firstLeafByte = 2 + (4 + 8) * 2 + (4 + 32);
    // The time is in microseconds but the column keeps milliseconds: the two lowest bytes can
    // change it by less than a millisecond, which the leaf does not hold.
    const atEnd = firstLeafByte + (4 + 16) + (4 + 8);
    for (let i = firstLeafByte; i < one.length; i++) {
      if (i >= atEnd - 2 && i < atEnd) continue;
      const t = Buffer.from(one);
      t[i] = t[i]! ^ 0x01;
      let changed: string;
      try {
        changed = writerHashes(copyStream([t]), 4096)[0]!.toString("hex");
      } catch {
        continue; // the change broke a length field: the row no longer parses, which is detected too
      }
      assert.notEqual(changed, base, `byte ${i}`);
    }
  });

  test("an entry time JavaScript cannot write as the database does never matches", () => {
    const e = { ...entries[1]!, at: new Date("+010000-01-01T00:00:00.000Z") };
    const [h] = writerHashes(copyStream([tuple(e, 1)]), 4096);
    assert.notEqual(h!.toString("hex"), leafHash(leafBytes(e)).toString("hex"));
  });
});

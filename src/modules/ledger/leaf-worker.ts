import { parentPort, workerData } from "node:worker_threads";
import pg from "pg";
import { BinaryCopyParser, copyOnClient } from "./copy-rows.ts";
import { LeafRowChecker, SEGMENT_PLAN, segmentQuery } from "./leaf-checker.ts";
import type { SegmentResult, SegmentTask } from "./leaf-workers.ts";
import { LEAF_ROW_COLUMNS } from "./leaf-writer.ts";

/**
 * A leaf worker (see leaf-workers.ts): reads a segment of an agency's log over its own connection
 * to the PostgreSQL server, checks each row and recomputes its leaf hash (LeafRowChecker, as the
 * main thread does), and sends the leaf hashes back, 32 bytes each, in one transferred buffer.
 */
let client: pg.Client | undefined;

const connect = async (): Promise<pg.Client> => {
  if (client) return client;
  const c = new pg.Client({ connectionString: (workerData as { url: string }).url });
  c.on("error", () => {
    if (client === c) client = undefined;
  });
  await c.connect();
  client = c;
  return c;
};

const run = async (task: SegmentTask): Promise<SegmentResult> => {
  const leaves = Buffer.from(new ArrayBuffer((task.to - task.from) * 32));
  let n = 0;
  const checker = new LeafRowChecker(task.agencyId, task.checkTypes, task.from);
  const parser = new BinaryCopyParser(LEAF_ROW_COLUMNS, (row) => {
    const leaf = checker.check(row);
    if (leaf) leaf.copy(leaves, 32 * n++);
  });
  const c = await connect();
  try {
    await copyOnClient(c, segmentQuery(task.agencyId, task.from, task.to), parser, SEGMENT_PLAN);
  } catch (e) {
    // The connection may be inside a failed transaction: drop it, the next task opens another.
    client = undefined;
    void c.end().catch(() => {});
    throw e;
  }
  if (!parser.done) throw new Error("binary COPY stream ended early");
  return {
    id: task.id,
    rows: parser.rows,
    n,
    leaves: leaves.buffer as ArrayBuffer,
    problem: checker.problem,
    deferred: checker.deferred,
  };
};

parentPort!.on("message", (task: SegmentTask) => {
  run(task).then(
    (result) => parentPort!.postMessage(result, [result.leaves]),
    (e: unknown) =>
      parentPort!.postMessage({ id: task.id, error: e instanceof Error ? e.message : String(e) }),
  );
});

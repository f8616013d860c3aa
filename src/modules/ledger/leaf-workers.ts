import { Worker } from "node:worker_threads";
import { type DeferredCheck, type RowProblem, SEGMENT_ROWS } from "./leaf-checker.ts";

/**
 * Verification on the PostgreSQL server with leaf workers: a batch of the log is cut into
 * segments, and worker threads, each with its own connection (and so its own database backend),
 * read the segments at the same time, check their rows and hash their leaves; this thread takes
 * the leaf hashes back in sequence order and builds the tree. Reading, checking and leaf hashing
 * are what a verification spends its time on, and on one thread they ran one row at a time;
 * this way every core works on them (bench/README.md, issue 3).
 */
export type SegmentTask = { id: number; agencyId: string; from: number; to: number; checkTypes: string[] };

export type SegmentResult = {
  id: number;
  /** Rows read (including any after a problem). */
  rows: number;
  /** Leaf hashes in `leaves` (32 bytes each): the rows before the first problem. */
  n: number;
  leaves: ArrayBuffer;
  problem?: RowProblem;
  deferred: DeferredCheck[];
};

export class LeafWorkers {
  private readonly workers: { worker: Worker; load: number }[] = [];
  private readonly waiting = new Map<
    number,
    { resolve: (r: SegmentResult) => void; reject: (e: unknown) => void }
  >();
  private nextId = 0;
  private failed: unknown;

  constructor(url: string, count: number) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(new URL("./leaf-worker-boot.mjs", import.meta.url), {
        workerData: { url },
        // Not the process's flags (its loader is registered by the boot file), except a profiler's.
        execArgv: process.execArgv.filter((a) => a.startsWith("--cpu-prof")),
      });
      const slot = { worker, load: 0 };
      worker.on("message", (m: SegmentResult | { id: number; error: string }) => {
        slot.load--;
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if ("error" in m) w?.reject(new Error(m.error));
        else w?.resolve(m);
      });
      const fail = (e: unknown) => {
        this.failed ??= e;
        for (const w of this.waiting.values()) w.reject(e);
        this.waiting.clear();
      };
      worker.on("error", fail);
      worker.on("exit", (code) => fail(new Error(`leaf worker exited (${code})`)));
      this.workers.push(slot);
    }
    this.inUse(false);
  }

  get size(): number {
    return this.workers.length;
  }

  get broken(): boolean {
    return this.failed !== undefined;
  }

  /** Reads one segment on the least busy worker. */
  run(task: Omit<SegmentTask, "id">): Promise<SegmentResult> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    const slot = this.workers.reduce((a, b) => (b.load < a.load ? b : a));
    slot.load++;
    const done = new Promise<SegmentResult>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    slot.worker.postMessage({ ...task, id });
    return done;
  }

  /**
   * Reads rows [from, to) of an agency's log segment by segment, at most two segments a worker in
   * flight, and hands each leaf hash to `onLeaf` in sequence order. Stops at the first problem or
   * at the first short segment (the log ends there, or has a gap that the caller's end-of-log
   * check names), and waits for the segments still in flight before returning.
   */
  async read(
    agencyId: string,
    from: number,
    to: number,
    checkTypes: string[],
    onLeaf: (leaf: Buffer) => void,
    segment = SEGMENT_ROWS,
  ): Promise<{ rows: number; problem?: RowProblem; deferred: DeferredCheck[] }> {
    const started: Promise<SegmentResult>[] = [];
    const sizes: number[] = [];
    let next = from;
    let stopped = false;
    const launch = () => {
      if (stopped || next >= to) return;
      const end = Math.min(to, next + segment);
      const p = this.run({ agencyId, from: next, to: end, checkTypes });
      p.catch(() => {}); // awaited below
      started.push(p);
      sizes.push(end - next);
      next = end;
    };
    for (let i = 0; i < 2 * this.size; i++) launch();
    const deferred: DeferredCheck[] = [];
    let rows = 0;
    let problem: RowProblem | undefined;
    try {
      for (let i = 0; i < started.length; i++) {
        const r = await started[i]!;
        launch();
        const leaves = Buffer.from(r.leaves);
        for (let j = 0; j < r.n; j++) onLeaf(leaves.subarray(32 * j, 32 * j + 32));
        for (const d of r.deferred) deferred.push(d);
        rows += r.rows;
        if (r.problem) {
          problem = r.problem;
          break;
        }
        if (r.rows < sizes[i]!) break;
      }
    } finally {
      stopped = true;
      await Promise.allSettled(started);
    }
    return { rows, problem, deferred };
  }

  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(({ worker }) => {
        worker.removeAllListeners("exit");
        return worker.terminate();
      }),
    );
  }

  /** While in use, the workers keep the process alive; idle, they do not. */
  inUse(yes: boolean): void {
    for (const { worker } of this.workers) {
      if (yes) worker.ref();
      else worker.unref();
    }
  }
}

/**
 * The process keeps one set of leaf workers between verifications (starting them costs a few
 * hundred milliseconds: each loads the TypeScript loader and connects), for one verification at
 * a time: `acquire` returns undefined while they are in use (the caller verifies on its own
 * thread), and they end after a minute unused.
 */
let shared: LeafWorkers | undefined;
let sharedKey = "";
let sharedBusy = false;
let idleTimer: NodeJS.Timeout | undefined;
const IDLE_MS = 60_000;

export function acquireLeafWorkers(
  url: string,
  count: number,
): { workers: LeafWorkers; release(): void } | undefined {
  if (sharedBusy) return undefined;
  const key = `${count} ${url}`;
  if (!shared || shared.broken || sharedKey !== key) {
    void shared?.close();
    shared = new LeafWorkers(url, count);
    sharedKey = key;
  }
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
  sharedBusy = true;
  const workers = shared;
  workers.inUse(true);
  let released = false;
  return {
    workers,
    release() {
      if (released) return;
      released = true;
      sharedBusy = false;
      workers.inUse(false);
      idleTimer = setTimeout(() => {
        if (shared === workers && !sharedBusy) {
          shared = undefined;
          void workers.close();
        }
      }, IDLE_MS);
      idleTimer.unref();
    },
  };
}

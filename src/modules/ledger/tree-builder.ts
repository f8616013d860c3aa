import { Worker } from "node:worker_threads";
import { CompactRange } from "./merkle.ts";

/**
 * Verification's Merkle tree, fed leaf hashes in order; `mark()` asks for the root at the current
 * size, and `flush()` gives the roots asked for since the last flush, in order.
 *
 * Two ways, same results: on this thread (CompactRange), or on a second thread
 * (merkle-worker.mjs), so that on a large log the interior nodes (about one SHA-256 per leaf) are
 * hashed on another core while this thread parses rows and hashes leaves. The leaf hashes go over
 * in chunks of transferred ArrayBuffers (no copies); memory is bounded because the verifier
 * flushes after every batch (at most a batch of leaf hashes, 32 bytes each, is in flight).
 */
export type TreeBuilder = {
  readonly size: number;
  append(leaf: Buffer): void;
  mark(): void;
  flush(): Promise<Buffer[]>;
};

export function inlineTree(): TreeBuilder {
  const tree = new CompactRange();
  let roots: Buffer[] = [];
  return {
    get size() {
      return tree.size;
    },
    append: (leaf) => tree.append(leaf),
    mark: () => {
      roots.push(tree.root());
    },
    flush: async () => {
      const out = roots;
      roots = [];
      return out;
    },
  };
}

/** Leaf hashes per message (32 KiB): the second thread lags the rows by at most about one message. */
const CHUNK = 1024;

/** The second thread; one per verification run, shared by its agencies (`tree()` starts an empty tree). */
export class MerkleThread {
  private readonly worker: Worker;
  private readonly waiting: { resolve: (roots: Buffer) => void; reject: (e: unknown) => void }[] = [];
  private readonly spare: ArrayBuffer[] = [];
  private failed: unknown;
  private nextId = 0;

  constructor() {
    // Plain JavaScript: no TypeScript loader (the process's --import tsx) in the thread.
    this.worker = new Worker(new URL("./merkle-worker.mjs", import.meta.url), { execArgv: [] });
    this.worker.on("message", (m: { roots: ArrayBuffer; leaves: ArrayBuffer }) => {
      if (this.spare.length < 4) this.spare.push(m.leaves);
      this.waiting.shift()?.resolve(Buffer.from(m.roots));
    });
    const fail = (e: unknown) => {
      this.failed ??= e;
      for (const w of this.waiting.splice(0)) w.reject(e);
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => fail(new Error(`Merkle worker exited (${code})`)));
    // After the listeners (adding a message listener refs the thread again).
    this.worker.unref();
  }

  private post(leaves: ArrayBuffer, n: number, marks: number[]): Promise<Buffer> {
    if (this.failed) return Promise.reject(this.failed);
    const done = new Promise<Buffer>((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.worker.postMessage({ id: this.nextId++, leaves, n, marks }, [leaves]);
    return done;
  }

  tree(): TreeBuilder {
    this.worker.postMessage({ reset: true, size: 0, frontier: new ArrayBuffer(0) });
    let size = 0;
    let chunk = Buffer.from(this.spare.pop() ?? new ArrayBuffer(CHUNK * 32));
    let n = 0;
    let marks: number[] = [];
    let sent: Promise<Buffer>[] = [];
    let counts: number[] = [];
    const send = () => {
      const reply = this.post(chunk.buffer as ArrayBuffer, n, marks);
      reply.catch(() => {}); // awaited in flush()
      sent.push(reply);
      counts.push(marks.length);
      chunk = Buffer.from(this.spare.pop() ?? new ArrayBuffer(CHUNK * 32));
      n = 0;
      marks = [];
    };
    return {
      get size() {
        return size;
      },
      append(leaf) {
        leaf.copy(chunk, n * 32, 0, 32);
        n++;
        size++;
        if (n === CHUNK) send();
      },
      mark() {
        marks.push(size);
      },
      async flush() {
        if (n > 0 || marks.length > 0) send();
        const replies = await Promise.all(sent);
        const out: Buffer[] = [];
        replies.forEach((roots, i) => {
          for (let j = 0; j < counts[i]!; j++) out.push(roots.subarray(32 * j, 32 * j + 32));
        });
        sent = [];
        counts = [];
        return out;
      },
    };
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }

  /** While in use, the thread keeps the process alive (a verification waiting for it has nothing else pending on PGlite); idle, it does not. */
  inUse(yes: boolean): void {
    if (yes) this.worker.ref();
    else this.worker.unref();
  }

  get broken(): boolean {
    return this.failed !== undefined;
  }
}

/**
 * The process keeps one second thread between verifications (starting one costs tens of
 * milliseconds), for one verification at a time: `acquire` returns undefined while it is in use
 * (the caller builds its trees inline), and it ends after a minute unused. Unused, it does not
 * keep the process alive.
 */
let shared: MerkleThread | undefined;
let sharedBusy = false;
let idleTimer: NodeJS.Timeout | undefined;
const IDLE_MS = 60_000;

export function acquireMerkleThread(): { thread: MerkleThread; release(): void } | undefined {
  if (sharedBusy) return undefined;
  if (!shared || shared.broken) shared = new MerkleThread();
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
  sharedBusy = true;
  const thread = shared;
  thread.inUse(true);
  let released = false;
  return {
    thread,
    release() {
      if (released) return;
      released = true;
      sharedBusy = false;
      thread.inUse(false);
      idleTimer = setTimeout(() => {
        if (shared === thread && !sharedBusy) {
          shared = undefined;
          void thread.close();
        }
      }, IDLE_MS);
      idleTimer.unref();
    },
  };
}

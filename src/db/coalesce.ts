/**
 * Calls that arrive while earlier ones are still running are run together, as one call of `run`
 * (one statement, one round trip; bench/README.md, case steps): under load a few batches are in
 * flight and the rest wait in a queue, which the next free batch takes whole; under no load a call
 * runs at once, alone. Items with the same `key` are never in one batch (a later one waits for
 * the next), so a batch may treat its keys as distinct.
 *
 * `run` answers one outcome per item, in order. When it throws for a batch of several items, each
 * item is run again alone, so one bad item never fails the others (and gets its own error).
 */
export type CoalesceOptions<I> = {
  /** Batches running at once (the rest of the items wait). */
  maxInFlight: number;
  /** Items in one batch at most. */
  maxBatch: number;
  /** Items with the same key are never in the same batch. */
  key?: (item: I) => string;
};

type Waiting<I, O> = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };

export function coalesce<I, O>(
  run: (items: I[]) => Promise<O[]>,
  opts: CoalesceOptions<I>,
): (item: I) => Promise<O> {
  const queue: Waiting<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const take = (): Waiting<I, O>[] => {
    if (!opts.key) return queue.splice(0, opts.maxBatch);
    const keys = new Set<string>();
    const batch: Waiting<I, O>[] = [];
    for (let i = 0; i < queue.length && batch.length < opts.maxBatch; ) {
      const k = opts.key(queue[i]!.item);
      if (keys.has(k)) i++;
      else {
        keys.add(k);
        batch.push(...queue.splice(i, 1));
      }
    }
    return batch;
  };

  const runAlone = (w: Waiting<I, O>) =>
    run([w.item]).then(
      (outs) => w.resolve(outs[0] as O),
      (e) => w.reject(e),
    );

  const runBatch = async (batch: Waiting<I, O>[]) => {
    let outs: O[];
    try {
      outs = await run(batch.map((w) => w.item));
    } catch (e) {
      if (batch.length === 1) batch[0]!.reject(e);
      else await Promise.all(batch.map(runAlone));
      return;
    }
    if (outs.length !== batch.length) {
      const e = new Error(`coalesce: ${outs.length} outcomes for ${batch.length} items`);
      for (const w of batch) w.reject(e);
    } else for (const [i, w] of batch.entries()) w.resolve(outs[i] as O);
  };

  const flush = () => {
    scheduled = false;
    while (inFlight < opts.maxInFlight && queue.length > 0) {
      inFlight++;
      void runBatch(take()).finally(() => {
        inFlight--;
        flush();
      });
    }
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // Items that arrive in the same turn of the event loop go together.
      if (!scheduled && inFlight < opts.maxInFlight) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}

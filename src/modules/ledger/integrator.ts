import type { AppContext } from "../../context.ts";
import { integrate } from "./integrate.ts";

const BATCH = 2000;

/**
 * Runs the integrator in the background of a server: soon after a write (kick) and every
 * `intervalMs` (entries written by other processes, and time-based checkpoints).
 */
export function startIntegrator(
  ctx: AppContext,
  opts: { intervalMs?: number; kickDelayMs?: number; onError?: (e: unknown) => void } = {},
) {
  const kickDelayMs = opts.kickDelayMs ?? 50;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  /** The wait between partial batches (stop() ends it at once). */
  let pause: { timer: NodeJS.Timeout; resolve: () => void } | undefined;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          // A full batch means more is waiting: go on at once. A partial one means the queue was
          // drained: wait the kick delay before looking again, so that under a steady stream of
          // writes the integrator commits a batch every few tens of milliseconds instead of
          // spinning through transactions of a handful of entries each.
          for (let n = await integrate(ctx, { batch: BATCH }); n > 0 && !stopped; ) {
            if (n < BATCH)
              await new Promise<void>((resolve) => {
                pause = { timer: setTimeout(resolve, kickDelayMs), resolve };
              });
            pause = undefined;
            if (stopped) break;
            n = await integrate(ctx, { batch: BATCH });
          }
        } while (again && !stopped);
      } catch (e) {
        opts.onError?.(e);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  let soon: NodeJS.Timeout | undefined;
  const timer = setInterval(run, opts.intervalMs ?? 1000);
  timer.unref();
  return {
    /** Schedule a run shortly (coalesces bursts of writes). */
    kick() {
      if (!soon && !stopped) {
        soon = setTimeout(() => {
          soon = undefined;
          void run();
        }, kickDelayMs);
        soon.unref();
      }
    },
    /** Run now and wait until nothing is pending. */
    flush: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (pause) {
        clearTimeout(pause.timer);
        pause.resolve();
      }
      if (soon) clearTimeout(soon);
      await running;
    },
  };
}
export type Integrator = ReturnType<typeof startIntegrator>;

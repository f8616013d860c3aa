import type { AppContext } from "../../context.ts";
import { integrate } from "./integrate.ts";

/**
 * Runs the integrator in the background of a server: soon after a write (kick) and every
 * `intervalMs` (entries written by other processes, and time-based checkpoints).
 */
export function startIntegrator(
  ctx: AppContext,
  opts: { intervalMs?: number; kickDelayMs?: number; onError?: (e: unknown) => void } = {},
) {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          while ((await integrate(ctx)) > 0 && !stopped) {}
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
        }, opts.kickDelayMs ?? 50);
        soon.unref();
      }
    },
    /** Run now and wait until nothing is pending. */
    flush: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (soon) clearTimeout(soon);
      await running;
    },
  };
}
export type Integrator = ReturnType<typeof startIntegrator>;

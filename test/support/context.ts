import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type AppContext, createContext } from "../../src/context.ts";
import type { Database } from "../../src/db/client.ts";
import { seedCalendar } from "../../src/modules/calendar/seed-calendar.ts";
import { testDatabase } from "./database.ts";

/**
 * A clock the tests move by hand (no sleeping): it starts at `testEpoch` and follows real time
 * plus an offset, so timestamps stay increasing, and `advance` jumps ahead (lockouts, expiry).
 */
export type TestClock = { now: () => Date; advance: (ms: number) => void };

/**
 * Tests run on a fixed day inside the packaged working-day calendar (2026-06-15, China time), so
 * deadlines never fall in a year that is not loaded (rule D4) whatever the real date is.
 */
export const testEpoch = Date.parse("2026-06-15T01:00:00Z");

export function testClock(): TestClock {
  let offset = 0;
  const started = Date.now();
  return {
    now: () => new Date(testEpoch + (Date.now() - started) + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}

export type TestContext = AppContext & { clock: TestClock; close: () => Promise<void> };

/** A use-case context over a fresh migrated database, with the packaged working-day calendar loaded. */
export async function testContext(
  opts: { database?: Database; calendar?: boolean } = {},
): Promise<TestContext> {
  const database = opts.database ?? (await testDatabase());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "guifan-test-data-"));
  const clock = testClock();
  const ctx = createContext(database, dataDir, clock.now);
  try {
    if (opts.calendar !== false) await seedCalendar(ctx);
  } catch (e) {
    await database.close().catch(() => {});
    throw e;
  }
  return {
    ...ctx,
    clock,
    async close() {
      try {
        await database.close();
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

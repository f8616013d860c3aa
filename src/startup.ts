import { type AppContext, createContext } from "./context.ts";
import type { Config } from "./core/config.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { seedCalendar } from "./modules/calendar/seed-calendar.ts";

/** Opens the configured database, brings its schema up to date and loads the packaged calendar. */
export async function openApp(
  config: Pick<Config, "databaseUrl" | "dataDir">,
  log: (line: string) => void = () => {},
): Promise<AppContext> {
  const database: Database = await openDatabase(config);
  try {
    const { applied, version } = await migrate(database);
    log(
      `Database: ${database.describe}, schema version ${version}${applied.length ? ` (applied ${applied.join(", ")})` : ""}`,
    );
    const ctx = createContext(database, config.dataDir);
    const years = await seedCalendar(ctx);
    if (years.length) log(`Working-day calendar loaded for ${years[0]}–${years.at(-1)}`);
    return ctx;
  } catch (e) {
    await database.close().catch(() => {});
    throw e;
  }
}

import type { Database, Db } from "./db/client.ts";

/** What a use case needs from the outside world. Tests build one over a throwaway database. */
export type AppContext = {
  database: Database;
  db: Db;
  now: () => Date;
  dataDir: string;
};

export const createContext = (database: Database, dataDir: string, now = () => new Date()): AppContext => ({
  database,
  db: database.db,
  now,
  dataDir,
});

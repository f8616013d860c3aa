import path from "node:path";

export type Config = {
  /** PostgreSQL server URL; when absent the embedded PGlite database in DATA_DIR is used. */
  databaseUrl?: string;
  dataDir: string;
  port: number;
  host: string;
  /** Print the demo logins and create the demo city on first start. */
  demo: boolean;
  logLevel: string;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a number between 0 and 65535, got "${env.PORT}"`);
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR || "data"),
    port,
    host: env.HOST || "0.0.0.0",
    demo: env.GUIFAN_DEMO !== "0",
    logLevel: env.LOG_LEVEL || "info",
  };
}

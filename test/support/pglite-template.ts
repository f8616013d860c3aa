import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";

/**
 * Creating an empty PGlite cluster runs initdb inside WebAssembly (about 5 s on a slow machine),
 * while opening an existing data folder takes a fraction of a second. So the tests initialise one
 * pristine (un-migrated) cluster per PGlite version, keep it under node_modules/.cache, and give
 * every test database a fresh copy of it. Migrations still run on every copy.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve("@electric-sql/pglite");
  let dir = path.dirname(main);
  while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
}

export const templateRoot = (): string =>
  path.join(repoRoot, "node_modules/.cache/guifan-test", `pglite-${pgliteVersion()}`);

/** Path of the pristine cluster's data folder, creating it when missing (safe across processes). */
export async function ensurePgliteTemplate(): Promise<string> {
  const target = path.join(templateRoot(), "pg");
  if (fs.existsSync(path.join(target, "PG_VERSION"))) return target;
  fs.mkdirSync(templateRoot(), { recursive: true });
  const building = fs.mkdtempSync(path.join(templateRoot(), "building-"));
  try {
    const pg = await PGlite.create(path.join(building, "pg"));
    await pg.close();
    try {
      // Atomic publish: if another process won the race, keep theirs.
      fs.renameSync(path.join(building, "pg"), target);
    } catch (e) {
      if (!fs.existsSync(path.join(target, "PG_VERSION"))) throw e;
    }
  } finally {
    fs.rmSync(building, { recursive: true, force: true });
  }
  return target;
}

// `node --import tsx test/support/pglite-template.ts` warms the cache (the test runner does this).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await ensurePgliteTemplate();
}

#!/usr/bin/env node
// Builds the web front-end (web/) into web/dist with Vite, but only when the sources are newer
// than the last build. Usage: node scripts/build-web.mjs [--force]
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const webDir = join(repoRoot, "web");
const configFile = join(webDir, "vite.config.ts");
const outIndex = join(webDir, "dist", "index.html");

/** Newest modification time (ms) of a file, or of any file below a directory. */
const newestMtime = (path) => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
};

const needsBuild = () => {
  if (!existsSync(outIndex)) return true;
  const built = statSync(outIndex).mtimeMs;
  const sources = Math.max(
    newestMtime(join(webDir, "src")),
    newestMtime(join(webDir, "index.html")),
    newestMtime(configFile),
  );
  return sources > built;
};

const force = process.argv.includes("--force");
if (!force && !needsBuild()) {
  console.log("web: up to date");
} else {
  const started = Date.now();
  const { build } = await import("vite");
  try {
    await build({ configFile, root: webDir, logLevel: "warn" });
  } catch (err) {
    console.error("web: build failed");
    console.error(err);
    process.exit(1);
  }
  console.log(`web: built into web/dist in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

#!/usr/bin/env node
// The runner behind `npm test`.
//
//   node scripts/test.mjs [--suites domain,db,http] [--no-static] [test files…]
//
// 1. Static checks (unless --no-static), failing fast with their output:
//    biome check . ; tsc -p . ; tsc -p web
// 2. The test files of the chosen suites (test/<suite>/**/*.test.ts, sorted) with Node's test
//    runner (node --import tsx --test), two files at a time.
// 3. The runner's summary (# tests / # pass / # fail …) and a last line "N passed, N failed".
// Exits with the test runner's exit code. Set TEST_DATABASE_URL to run the database suites on a
// PostgreSQL server instead of PGlite.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const defaultSuites = ["domain", "db", "http"];

function parseArgs(argv) {
  const opts = { suites: defaultSuites, static: true, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--no-static") opts.static = false;
    else if (a === "--suites") opts.suites = splitList(argv[++i]);
    else if (a.startsWith("--suites=")) opts.suites = splitList(a.slice("--suites=".length));
    else if (a === "--help" || a === "-h") {
      process.stdout.write("usage: node scripts/test.mjs [--suites domain,db,http] [--no-static] [files…]\n");
      process.exit(0);
    } else if (a.startsWith("--")) {
      process.stderr.write(`test: unknown option ${a}\n`);
      process.exit(2);
    } else opts.files.push(a);
  }
  return opts;
}

const splitList = (s) =>
  (s ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

/** Runs a command; resolves with its exit code and combined output (or streams it when `inherit`). */
function run(cmd, args, { inherit = false, env = process.env } = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, {
      cwd: root,
      env,
      stdio: inherit ? "inherit" : ["ignore", "pipe", "pipe"],
      shell: process.platform === "win32",
    });
    let output = "";
    child.stdout?.on("data", (d) => {
      output += d;
    });
    child.stderr?.on("data", (d) => {
      output += d;
    });
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("error", (e) => {
      output += String(e);
    });
    child.on("close", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolvePromise({ code: code ?? (signal ? 1 : 0), output });
    });
  });
}

/** npm's "Unknown user config" warnings are noise here. */
const clean = (output) =>
  output
    .split("\n")
    .filter((l) => !/^npm warn Unknown (user|project) config/.test(l))
    .join("\n");

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

async function staticChecks(warm) {
  const check = async (label, args) => {
    const started = Date.now();
    const r = await run("npx", args);
    return { label, ...r, ms: Date.now() - started };
  };
  const report = (r) => {
    if (r.code === 0) {
      process.stdout.write(`✔ ${r.label} (${seconds(r.ms)})\n`);
      return true;
    }
    process.stdout.write(`✖ ${r.label} failed (exit ${r.code}):\n${clean(r.output).trimEnd()}\n`);
    return false;
  };
  // Biome is fast: run it alone first; then both type checks side by side.
  if (!report(await check("biome check .", ["biome", "check", "."]))) return false;
  const checks = [check("tsc -p .", ["tsc", "-p", "."])];
  if (existsSync(join(root, "web/tsconfig.json"))) checks.push(check("tsc -p web", ["tsc", "-p", "web"]));
  else process.stdout.write("- tsc -p web skipped (web/tsconfig.json not found)\n");
  const results = await Promise.all([...checks, warm]);
  let ok = true;
  for (const r of results.slice(0, checks.length)) ok = report(r) && ok;
  return ok;
}

function collect(suites) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && entry.name.endsWith(".test.ts")) files.push(relative(root, p));
    }
  };
  for (const suite of suites) {
    const dir = join(root, "test", suite);
    if (existsSync(dir)) walk(dir);
    else process.stdout.write(`- suite "${suite}" has no folder test/${suite}\n`);
  }
  return files.sort();
}

/** The closing "# name N" lines of a TAP stream. */
function tapSummary(tap) {
  const summary = {};
  for (const line of tap.split("\n")) {
    const m = /^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ([\d.]+)\s*$/.exec(line);
    if (m) summary[m[1]] = Number(m[2]);
  }
  return summary;
}

const opts = parseArgs(process.argv.slice(2));
const started = Date.now();
const files = opts.files.length ? opts.files : collect(opts.suites);
const needsPglite =
  !process.env.TEST_DATABASE_URL &&
  files.some((f) => /^test[\\/](db|http)[\\/]/.test(f.replace(/^\.\//, "")));
// Initialising the PGlite cluster template is slow; do it once, alongside the type checks.
const warmPglite = () =>
  needsPglite
    ? run(process.execPath, ["--import", "tsx", "test/support/pglite-template.ts"])
    : Promise.resolve({ code: 0, output: "" });

if (opts.static) {
  const warm = warmPglite();
  if (!(await staticChecks(warm))) {
    process.stdout.write("\nStatic checks failed; tests not run.\n0 passed, 1 failed\n");
    process.exit(1);
  }
} else {
  const w = await warmPglite();
  if (w.code !== 0) process.stdout.write(`warning: could not prepare the PGlite template:\n${w.output}\n`);
}

if (files.length === 0) {
  process.stdout.write(`No test files found for suites: ${opts.suites.join(", ")}\n0 passed, 0 failed\n`);
  process.exit(1);
}

process.stdout.write(
  `Running ${files.length} test files (${opts.files.length ? "as given" : opts.suites.join(", ")}) on ${process.env.TEST_DATABASE_URL ? "PostgreSQL (TEST_DATABASE_URL)" : "PGlite"}\n`,
);
const tapDir = mkdtempSync(join(tmpdir(), "guifan-test-"));
const tapFile = join(tapDir, "report.tap");
const result = await run(
  process.execPath,
  [
    "--import",
    "tsx",
    "--test",
    "--test-concurrency=2",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=tap",
    `--test-reporter-destination=${tapFile}`,
    ...files,
  ],
  { inherit: true },
);
const tap = existsSync(tapFile) ? readFileSync(tapFile, "utf8") : "";
rmSync(tapDir, { recursive: true, force: true });
const s = tapSummary(tap);
const passed = s.pass ?? 0;
let failed = (s.fail ?? 0) + (s.cancelled ?? 0);
// A suite that fails outside its tests (a throwing describe, a failing hook) is "not ok" without
// counting as a failed test: never report "0 failed" for a failed run.
if (result.code !== 0 && failed === 0) failed = Math.max(1, (tap.match(/^\s*not ok /gm) ?? []).length);
process.stdout.write("\n");
for (const key of ["tests", "suites", "pass", "fail", "cancelled", "skipped", "todo", "duration_ms"]) {
  if (s[key] !== undefined) process.stdout.write(`# ${key} ${s[key]}\n`);
}
process.stdout.write(`Total time ${seconds(Date.now() - started)}\n`);
if (s.pass === undefined) {
  process.stdout.write(`The test runner produced no summary (exit ${result.code}).\n0 passed, 1 failed\n`);
  process.exit(result.code || 1);
}
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(result.code !== 0 ? result.code : failed > 0 ? 1 : 0);

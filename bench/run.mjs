#!/usr/bin/env node
// Benchmark harness. Runs every bench/*.bench.mjs module (in `order`, then file name), each of
// which exports `default async (ctx) => BenchResult[]`, and writes bench/results/latest.json
// and bench/results/latest.md. Machines are shared and noisy, so every figure is reported next
// to a baseline measured in the same run on the same machine; compare the ratios.
//
// Usage: node bench/run.mjs [name-filter ...] [--seconds=10] [--connections=10] [--pgbench-seconds=10]
//
// BenchResult: { id, benchmark, figure?, unit?, baseline?: { label, figure, unit }, ratio?,
//                notes?, skipped?: true, error?: string, details?: object }
// ctx: { options, baselines (shared, e.g. pgbenchTps set by pgbench), log(line), repoRoot }
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot, runAllCleanups } from "./lib/harness.mjs";

const benchDir = join(repoRoot, "bench");
const resultsDir = join(benchDir, "results");

const parseArgs = (argv) => {
  const options = { seconds: 10, connections: 10, pgbenchSeconds: 10 };
  const filters = [];
  for (const arg of argv) {
    const m = arg.match(/^--([\w-]+)=(\d+)$/);
    if (m) {
      const key = m[1].replace(/-(\w)/g, (_, c) => c.toUpperCase());
      if (!(key in options)) throw new Error(`unknown option ${arg}`);
      options[key] = Number(m[2]);
    } else if (arg.startsWith("-")) {
      throw new Error(`unknown option ${arg}`);
    } else {
      filters.push(arg);
    }
  }
  return { options, filters };
};

const gitInfo = () => {
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim();
    const dirty =
      execFileSync("git", ["status", "--porcelain"], { cwd: repoRoot, encoding: "utf8" }).trim() !== "";
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
};

const fmt = (v) => {
  if (v === undefined || v === null || !Number.isFinite(v)) return "—";
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString("en-US");
  return String(Math.round(v * 100) / 100);
};

const cell = (s) =>
  String(s ?? "")
    .replace(/\|/g, "\\|")
    .replace(/\n/g, " ");

const markdownTable = (results) => {
  const lines = [
    "| benchmark | figure | unit | baseline figure | ratio | notes |",
    "| --- | ---: | --- | ---: | ---: | --- |",
  ];
  for (const r of results) {
    const status = r.error ? `**FAILED**: ${r.error}` : r.skipped ? `skipped: ${r.notes ?? ""}` : r.notes;
    const baseline = r.baseline ? `${fmt(r.baseline.figure)} (${r.baseline.label})` : "—";
    const ratio = Number.isFinite(r.ratio) ? r.ratio.toFixed(3) : "—";
    lines.push(
      `| ${cell(r.benchmark)} | ${fmt(r.figure)} | ${cell(r.unit ?? "")} | ${cell(baseline)} | ${ratio} | ${cell(status)} |`,
    );
  }
  return lines.join("\n");
};

const main = async () => {
  const { options, filters } = parseArgs(process.argv.slice(2));
  const log = (line) => console.log(`[bench] ${line}`);

  const modules = [];
  for (const file of readdirSync(benchDir).filter((f) => f.endsWith(".bench.mjs"))) {
    const mod = await import(pathToFileURL(join(benchDir, file)).href);
    if (typeof mod.default !== "function") throw new Error(`${file}: no default export function`);
    modules.push({ file, name: mod.name ?? file.replace(/\.bench\.mjs$/, ""), order: mod.order ?? 100, mod });
  }
  modules.sort((a, b) => a.order - b.order || a.file.localeCompare(b.file));
  const selected = filters.length
    ? modules.filter((m) => filters.some((f) => m.name.includes(f) || m.file.includes(f)))
    : modules;
  if (selected.length === 0) throw new Error(`no benchmark matches ${filters.join(", ")}`);

  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const ctx = { options, baselines: {}, log, repoRoot };
  const results = [];
  for (const m of selected) {
    log(`── ${m.name} (${m.file})`);
    const t0 = Date.now();
    try {
      const rows = await m.mod.default(ctx);
      for (const row of rows) {
        if (row.ratio === undefined && Number.isFinite(row.figure) && Number.isFinite(row.baseline?.figure)) {
          row.ratio = row.figure / row.baseline.figure;
        }
        results.push({ module: m.name, ...row });
      }
    } catch (err) {
      console.error(err);
      results.push({ module: m.name, id: m.name, benchmark: m.name, error: String(err?.message ?? err) });
    } finally {
      await runAllCleanups();
    }
    log(`   ${m.name} took ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  }
  const finishedAt = new Date();

  const cpus = os.cpus();
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSeconds: (finishedAt - startedAt) / 1000,
    machine: {
      platform: `${os.platform()} ${os.release()}`,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? null,
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      loadavgBefore: loadBefore,
      loadavgAfter: os.loadavg(),
      node: process.version,
    },
    git: gitInfo(),
    options,
    baselines: ctx.baselines,
    results,
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);

  const table = markdownTable(results);
  const la = (l) => l.map((x) => x.toFixed(2)).join(" ");
  const md = [
    `# Guifan benchmarks — ${report.startedAt}`,
    "",
    `Commit ${report.git.commit ?? "?"}${report.git.dirty ? " (dirty)" : ""}; ${report.machine.cpus}× ${report.machine.cpuModel}, ` +
      `${report.machine.memoryGiB} GiB, Node ${report.machine.node}; load avg ${la(loadBefore)} → ${la(report.machine.loadavgAfter)}; ` +
      `${report.durationSeconds.toFixed(0)} s.`,
    "",
    "Ratios (figure ÷ baseline, both measured in this run on this machine) are what to compare across runs.",
    "",
    table,
    "",
  ].join("\n");
  writeFileSync(join(resultsDir, "latest.md"), md);

  console.log(`\n${table}\n`);
  console.log(`Results: bench/results/latest.json, bench/results/latest.md`);
  return results.some((r) => r.error) ? 1 : 0;
};

const onSignal = (signal) => {
  console.error(`\nbench: ${signal}, cleaning up…`);
  runAllCleanups().finally(() => process.exit(130));
};
process.once("SIGINT", onSignal);
process.once("SIGTERM", onSignal);

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (err) => {
    console.error(err);
    await runAllCleanups();
    process.exitCode = 1;
  },
);

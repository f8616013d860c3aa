import { asc } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { agencies } from "../agencies/schema.ts";
import type { Principal } from "../identity/principal.ts";
import { citationTexts, resolveCitationCell } from "../powers/citations.ts";
import { codeOfLabel, validDate, writeSheet, yesNo } from "../powers/excel.ts";
import {
  type ExcelImportResult,
  importCatalogue,
  readPowerItemCode,
  readYesNo,
} from "../powers/excel-import.ts";
import { violationByCode } from "../violations/find-violation.ts";
import { yuan } from "./assess.ts";
import {
  benchmarkFields,
  harmLevels,
  partyTypes,
  penaltyKinds,
  type Tier,
  tierLevels,
  tierSchema,
} from "./benchmark.ts";
import { type BenchmarkFilter, benchmarkQuery, benchmarkWhere } from "./list-benchmarks.ts";
import { type insertBenchmark, saveBenchmarkByCode } from "./save-benchmark.ts";
import { benchmarks } from "./schema.ts";

export const benchmarkHeaders = [
  "基准编码",
  "违法行为",
  "权责事项编码",
  "违反条款",
  "处罚依据",
  "计量名称",
  "计量单位",
  "生效日期",
  "失效日期",
  "是否公开",
  "档次",
  "情形描述",
  "危害程度",
  "处罚种类",
  "当事人类型",
  "计量下限（不含）",
  "计量上限（含）",
  "罚款下限（元）",
  "罚款上限（元）",
  "违法行为编码",
] as const;
const widths = [12, 30, 14, 36, 36, 10, 8, 12, 12, 8, 12, 40, 24, 20, 10, 10, 10, 12, 12, 14];
/** Column of the violation code (C03), after the range columns so older sheets keep their letters. */
const VIOLATION_COL = 19;
const BENCH_COLS = 10;
const TIER_COLS = 14;

const labelsOf = <T extends string>(table: Record<T, string>, codes: readonly T[]) =>
  codes.map((c) => table[c]).join("、");

/** Benchmarks as an .xlsx sheet: one row per fine range (or per tier without a fine). */
export async function exportBenchmarks(ctx: AppContext, actor: Principal, filter: BenchmarkFilter) {
  const rows = await benchmarkQuery(ctx)
    .where(benchmarkWhere(actor, filter))
    .orderBy(asc(agencies.path), asc(benchmarks.code));
  const cites = await citationTexts(
    ctx.db,
    rows.flatMap((r) => [...r.b.violatedArticleIds, ...r.b.penaltyArticleIds]),
  );
  const cite = (ids: string[]) => ids.map((id) => cites.get(id) ?? "").join("；");
  const out: (string | number)[][] = [];
  for (const { b, powerItemCode, violationCode } of rows) {
    const head = [
      b.code,
      b.violationName,
      powerItemCode ?? "",
      cite(b.violatedArticleIds),
      cite(b.penaltyArticleIds),
      b.quantityName ?? "",
      b.quantityUnit ?? "",
      b.effectiveFrom ?? "",
      b.effectiveTo ?? "",
      yesNo(b.published),
    ];
    for (const t of b.tiers as Tier[]) {
      const tierCells = [
        tierLevels[t.level],
        t.conditions,
        labelsOf(harmLevels, t.harm),
        labelsOf(penaltyKinds, t.penalties),
      ];
      const v = violationCode ?? "";
      if (t.ranges.length === 0) out.push([...head, ...tierCells, "", "", "", "", "", v]);
      for (const r of t.ranges) {
        out.push([
          ...head,
          ...tierCells,
          partyTypes[r.partyType],
          r.above === null ? "" : String(r.above),
          r.upTo === null ? "" : String(r.upTo),
          yuan(r.minFen),
          yuan(r.maxFen),
          v,
        ]);
      }
    }
  }
  return writeSheet("裁量基准", benchmarkHeaders, out, widths);
}

const splitLabels = (s: string) =>
  s
    .split(/[、,，;；]/)
    .map((x) => x.trim())
    .filter(Boolean);
const parseYuan = (s: string): number | undefined =>
  /^\d{1,10}(\.\d{1,2})?$/.test(s) ? Math.round(Number(s) * 100) : undefined;
const parseQuantity = (s: string): number | null | undefined =>
  s === "" ? null : /^\d{1,12}(\.\d{1,4})?$/.test(s) ? Number(s) : undefined;

/** Imports benchmarks into one agency (matched by code): all or nothing, errors by row and column. */
export function importBenchmarks(
  ctx: AppContext,
  actor: Principal,
  input: { agencyId: string; fileBase64: string },
): Promise<ExcelImportResult> {
  return importCatalogue(ctx, actor, input, {
    headers: benchmarkHeaders,
    type: "benchmark.imported",
    save: saveBenchmarkByCode,
    read: async (sheet, { tx, agency, errors, cache }) => {
      type Draft = {
        firstRow: number;
        head: string[];
        violationCode?: string;
        fields: Record<string, unknown>;
        tiers: Map<
          string,
          { row: number; cells: string[]; tier: Record<string, unknown>; ranges: unknown[] }
        >;
      };
      const drafts = new Map<string, Draft>();
      for (const { row, cells } of sheet) {
        const code = cells[0]!;
        if (!code) {
          errors.add(row, 0, "不能为空");
          continue;
        }
        let d = drafts.get(code);
        const head = cells.slice(0, BENCH_COLS);
        if (!d) {
          d = {
            firstRow: row,
            head,
            violationCode: cells[VIOLATION_COL] ?? "",
            fields: {},
            tiers: new Map(),
          };
          drafts.set(code, d);
          const codeCheck = benchmarkFields.code.safeParse(code);
          if (!codeCheck.success) errors.add(row, 0, codeCheck.error.issues[0]!.message);
          const [, name, itemCode, violated, penalty, qName, qUnit, effFrom, effTo, pub] = head as string[];
          if (!name || name.length < 2) errors.add(row, 1, "不能为空");
          const powerItemId = await readPowerItemCode(tx, errors, row, 2, agency.path, itemCode!);
          const v = await resolveCitationCell(tx, violated!, cache);
          if (v.missing.length) errors.add(row, 3, `找不到条款 ${v.missing.join("、")}`);
          const p = await resolveCitationCell(tx, penalty!, cache);
          if (p.missing.length) errors.add(row, 4, `找不到条款 ${p.missing.join("、")}`);
          if (effFrom && !validDate(effFrom)) errors.add(row, 7, "日期格式应为 YYYY-MM-DD");
          if (effTo && !validDate(effTo)) errors.add(row, 8, "日期格式应为 YYYY-MM-DD");
          const published = readYesNo(errors, row, 9, pub!);
          const violationCode = cells[VIOLATION_COL] ?? "";
          let violationId: string | null = null;
          if (violationCode) {
            violationId = (await violationByCode(tx, agency.path, violationCode)) ?? null;
            if (!violationId)
              errors.add(row, VIOLATION_COL, `本机关及上级机关没有编码为 ${violationCode} 的违法行为`);
          }
          d.fields = {
            violationId,
            code,
            violationName: name,
            powerItemId,
            violatedArticleIds: [...new Set(v.ids)],
            penaltyArticleIds: [...new Set(p.ids)],
            quantityName: qName || null,
            quantityUnit: qUnit || null,
            effectiveFrom: effFrom || null,
            effectiveTo: effTo || null,
            published,
          };
        } else {
          const col = head.findIndex((c, i) => c !== d!.head[i]);
          if (col >= 0) errors.add(row, col, `与第 ${d.firstRow} 行（同一基准）不一致`);
          else if ((cells[VIOLATION_COL] ?? "") !== (d.violationCode ?? ""))
            errors.add(row, VIOLATION_COL, `与第 ${d.firstRow} 行（同一基准）不一致`);
        }
        const [levelLabel, conditions, harmText, penaltyText, partyLabel, above, upTo, minYuan, maxYuan] =
          cells.slice(BENCH_COLS) as string[];
        const level = codeOfLabel(tierLevels, levelLabel!);
        if (!level) {
          errors.add(row, 10, `应为：${Object.values(tierLevels).join("、")}`);
          continue;
        }
        let t = d.tiers.get(level);
        if (!t) {
          const harm = splitLabels(harmText!).map((l) => codeOfLabel(harmLevels, l));
          if (harm.some((h) => !h))
            errors.add(row, 12, `应为：${Object.values(harmLevels).join("、")}（多个用“、”分隔）`);
          const penalties = splitLabels(penaltyText!).map((l) => codeOfLabel(penaltyKinds, l));
          if (penalties.some((x) => !x))
            errors.add(row, 13, `应为：${Object.values(penaltyKinds).join("、")}`);
          if (!conditions) errors.add(row, 11, "不能为空");
          t = {
            row,
            cells: cells.slice(BENCH_COLS, TIER_COLS),
            tier: { level, conditions, harm, penalties },
            ranges: [],
          };
          d.tiers.set(level, t);
        } else {
          const cur = cells.slice(BENCH_COLS, TIER_COLS);
          const col = cur.findIndex((c, i) => c !== t!.cells[i]);
          if (col >= 0) errors.add(row, BENCH_COLS + col, `与第 ${t.row} 行（同一档次）不一致`);
        }
        if ([partyLabel, above, upTo, minYuan, maxYuan].every((c) => !c)) continue;
        const partyType = partyLabel ? codeOfLabel(partyTypes, partyLabel) : "any";
        if (!partyType) errors.add(row, 14, "应为：个人、单位、不区分");
        const a = parseQuantity(above!);
        if (a === undefined) errors.add(row, 15, "应为数字");
        const u = parseQuantity(upTo!);
        if (u === undefined) errors.add(row, 16, "应为数字");
        else if (typeof a === "number" && typeof u === "number" && a >= u)
          errors.add(row, 16, "应大于计量下限");
        const min = parseYuan(minYuan!);
        if (min === undefined) errors.add(row, 17, "应为金额（元，最多两位小数）");
        const max = parseYuan(maxYuan!);
        if (max === undefined) errors.add(row, 18, "应为金额（元，最多两位小数）");
        else if (min !== undefined && min > max) errors.add(row, 18, "不能低于罚款下限");
        t.ranges.push({ partyType, above: a ?? null, upTo: u ?? null, minFen: min ?? 0, maxFen: max ?? 0 });
      }
      // Built as they are saved, once no row has an error.
      return (function* () {
        for (const d of drafts.values()) {
          const tiers = [...d.tiers.values()].map((t) => tierSchema.parse({ ...t.tier, ranges: t.ranges }));
          yield { ...d.fields, tiers } as Parameters<typeof insertBenchmark>[2];
        }
      })();
    },
  });
}

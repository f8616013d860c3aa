import { asc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { agencies } from "../agencies/schema.ts";
import type { Principal } from "../identity/principal.ts";
import { citationTexts } from "./citations.ts";
import { codeOfLabel, validDate, writeSheet, yesNo } from "./excel.ts";
import {
  type ExcelImportResult,
  importCatalogue,
  readCitations,
  readCode,
  readPowerField,
  readRequired,
  readValid,
  readYesNo,
} from "./excel-import.ts";
import { type PowerFilter, powerWhere } from "./list-power-items.ts";
import { powerItemFields, powerKinds, powerStatuses } from "./power.ts";
import { savePowerItemByCode } from "./save-power-item.ts";
import { powerItems } from "./schema.ts";

export const powerHeaders = [
  "事项编码",
  "事项名称",
  "事项类别",
  "执法领域",
  "法律依据（条款）",
  "依据说明",
  "划转来源部门",
  "状态",
  "生效日期",
  "失效日期",
  "是否公开",
] as const;
const widths = [14, 40, 12, 14, 50, 40, 18, 8, 12, 12, 8];

/** The readable power items (filtered as the list) as an .xlsx workbook; the import reads it back. */
export async function exportPowerItems(
  ctx: AppContext,
  actor: Principal,
  filter: PowerFilter & { q?: string },
) {
  const rows = await ctx.db
    .select({ item: powerItems })
    .from(powerItems)
    .innerJoin(agencies, eq(agencies.id, powerItems.agencyId))
    .where(powerWhere(actor, filter))
    .orderBy(asc(agencies.path), asc(powerItems.code));
  const cites = await citationTexts(
    ctx.db,
    rows.flatMap((r) => r.item.basisArticleIds),
  );
  return writeSheet(
    "权责清单",
    powerHeaders,
    rows.map(({ item: i }) => [
      i.code,
      i.name,
      powerKinds[i.kind as keyof typeof powerKinds] ?? i.kind,
      i.field,
      i.basisArticleIds.map((id) => cites.get(id) ?? "").join("；"),
      i.basisText,
      i.transferredFrom,
      powerStatuses[i.status as keyof typeof powerStatuses] ?? i.status,
      i.effectiveFrom ?? "",
      i.effectiveTo ?? "",
      yesNo(i.published),
    ]),
    widths,
  );
}

/**
 * Imports power items into one agency (matched by code): all rows or none. Every error names its
 * row and column; an unchanged row creates no new version.
 */
export function importPowerItems(
  ctx: AppContext,
  actor: Principal,
  input: { agencyId: string; fileBase64: string },
): Promise<ExcelImportResult> {
  return importCatalogue(ctx, actor, input, {
    headers: powerHeaders,
    type: "power.imported",
    save: savePowerItemByCode,
    read: async (sheet, { tx, errors, cache, seen }) => {
      const parsed: Parameters<typeof savePowerItemByCode>[2][] = [];
      for (const { row, cells } of sheet) {
        const [code, name, kindLabel, field, basis, basisText, from, statusLabel, effFrom, effTo, pub] =
          cells as [string, ...string[]];
        readCode(errors, row, code, powerItemFields.code, seen);
        readRequired(errors, row, 1, name!, powerItemFields.name);
        const kind = codeOfLabel(powerKinds, kindLabel!);
        if (!kind) errors.add(row, 2, `应为：${Object.values(powerKinds).join("、")}`);
        readPowerField(errors, row, 3, field!);
        const basisArticleIds = await readCitations(tx, errors, row, 4, basis!, cache);
        readValid(errors, row, 5, basisText, powerItemFields.basisText);
        readValid(errors, row, 6, from, powerItemFields.transferredFrom);
        const status = statusLabel ? codeOfLabel(powerStatuses, statusLabel) : "active";
        if (!status) errors.add(row, 7, `应为：${Object.values(powerStatuses).join("、")}`);
        if (effFrom && !validDate(effFrom)) errors.add(row, 8, "日期格式应为 YYYY-MM-DD");
        if (effTo && !validDate(effTo)) errors.add(row, 9, "日期格式应为 YYYY-MM-DD");
        else if (effFrom && effTo && effFrom > effTo) errors.add(row, 9, "失效日期不能早于生效日期");
        const published = readYesNo(errors, row, 10, pub!);
        parsed.push({
          code,
          name,
          kind,
          field,
          basisArticleIds,
          basisText: basisText ?? "",
          transferredFrom: from ?? "",
          status,
          effectiveFrom: effFrom || null,
          effectiveTo: effTo || null,
          published,
        } as Parameters<typeof savePowerItemByCode>[2]);
      }
      return parsed;
    },
  });
}

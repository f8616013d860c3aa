import { and, asc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { agencies } from "../agencies/schema.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { citationTexts, resolveCitationCell } from "./citations.ts";
import { codeOfLabel, parseYesNo, RowErrors, readSheet, validDate, writeSheet, yesNo } from "./excel.ts";
import { type PowerFilter, powerWhere } from "./list-power-items.ts";
import { powerFields, powerItemFields, powerKinds, powerStatuses } from "./power.ts";
import { changePowerItem, insertPowerItem } from "./save-power-item.ts";
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

export type ExcelImportResult = { rows: number; created: number; updated: number; unchanged: number };

/**
 * Imports power items into one agency (matched by code): all rows or none. Every error names its
 * row and column; an unchanged row creates no new version.
 */
export async function importPowerItems(
  ctx: AppContext,
  actor: Principal,
  input: { agencyId: string; fileBase64: string },
): Promise<ExcelImportResult> {
  const agency = await findAgency(ctx.db, input.agencyId);
  requirePermission(actor, "power.manage", agency.path);
  const sheet = await readSheet(input.fileBase64, powerHeaders);
  return ctx.db.transaction(async (tx) => {
    const errors = new RowErrors(powerHeaders);
    const cache = new Map<string, string | undefined>();
    const seen = new Map<string, number>();
    const parsed: { row: number; fields: Record<string, unknown> }[] = [];
    for (const { row, cells } of sheet) {
      const [code, name, kindLabel, field, basis, basisText, from, statusLabel, effFrom, effTo, pub] =
        cells as [string, ...string[]];
      const check = (
        col: number,
        value: unknown,
        schema: {
          safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } };
        },
      ) => {
        const r = schema.safeParse(value);
        if (!r.success) errors.add(row, col, r.error?.issues[0]?.message ?? "不合法");
      };
      if (!code) errors.add(row, 0, "不能为空");
      else {
        check(0, code, powerItemFields.code);
        if (seen.has(code)) errors.add(row, 0, `与第 ${seen.get(code)} 行编码重复`);
        seen.set(code, row);
      }
      if (!name) errors.add(row, 1, "不能为空");
      else check(1, name, powerItemFields.name);
      const kind = codeOfLabel(powerKinds, kindLabel!);
      if (!kind) errors.add(row, 2, `应为：${Object.values(powerKinds).join("、")}`);
      if (!(powerFields as readonly string[]).includes(field!))
        errors.add(row, 3, `应为：${powerFields.join("、")}`);
      const cited = await resolveCitationCell(tx, basis!, cache);
      if (cited.missing.length) {
        errors.add(
          row,
          4,
          `找不到条款 ${cited.missing.join("、")}（格式：《法律名称》第X条，多个用“；”分隔）`,
        );
      }
      check(5, basisText, powerItemFields.basisText);
      check(6, from, powerItemFields.transferredFrom);
      const status = statusLabel ? codeOfLabel(powerStatuses, statusLabel) : "active";
      if (!status) errors.add(row, 7, `应为：${Object.values(powerStatuses).join("、")}`);
      if (effFrom && !validDate(effFrom)) errors.add(row, 8, "日期格式应为 YYYY-MM-DD");
      if (effTo && !validDate(effTo)) errors.add(row, 9, "日期格式应为 YYYY-MM-DD");
      else if (effFrom && effTo && effFrom > effTo) errors.add(row, 9, "失效日期不能早于生效日期");
      const published = parseYesNo(pub!);
      if (published === undefined) errors.add(row, 10, "应为“是”或“否”");
      parsed.push({
        row,
        fields: {
          code,
          name,
          kind,
          field,
          basisArticleIds: [...new Set(cited.ids)],
          basisText: basisText ?? "",
          transferredFrom: from ?? "",
          status,
          effectiveFrom: effFrom || null,
          effectiveTo: effTo || null,
          published,
        },
      });
    }
    errors.throwIfAny();
    const at = ctx.now();
    const result: ExcelImportResult = { rows: parsed.length, created: 0, updated: 0, unchanged: 0 };
    for (const { fields } of parsed) {
      const f = fields as Parameters<typeof insertPowerItem>[2];
      const [current] = await tx
        .select()
        .from(powerItems)
        .where(and(eq(powerItems.agencyId, agency.id), eq(powerItems.code, f.code)));
      if (!current) {
        await insertPowerItem(tx, agency.id, f, at, actor.userId);
        result.created++;
      } else {
        const after = await changePowerItem(tx, current, f, at, actor.userId);
        if (after.version === current.version) result.unchanged++;
        else result.updated++;
      }
    }
    await appendEntry(tx, {
      agencyId: agency.id,
      actorId: actor.userId,
      type: "power.imported",
      payload: result,
      at,
    });
    return result;
  });
}

import { and, asc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { agencies } from "../agencies/schema.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { citationTexts, resolveCitationCell } from "../powers/citations.ts";
import { parseYesNo, RowErrors, readSheet, writeSheet, yesNo } from "../powers/excel.ts";
import { powerItemByCode } from "../powers/find-power-item.ts";
import { powerFields } from "../powers/power.ts";
import type { ExcelImportResult } from "../powers/power-excel.ts";
import { violationQuery } from "./find-violation.ts";
import { type ViolationFilter, violationWhere } from "./list-violations.ts";
import { changeViolation, insertViolation, type ViolationFields } from "./save-violation.ts";
import { violations } from "./schema.ts";
import { violationFields } from "./violation.ts";

export const violationHeaders = [
  "违法行为编码",
  "违法行为名称",
  "执法领域",
  "权责事项编码",
  "违反条款",
  "处罚依据",
  "是否公开",
] as const;
const widths = [14, 40, 14, 14, 40, 40, 8];

/** The readable violations (filtered as the list) as an .xlsx sheet; the import reads it back. */
export async function exportViolations(ctx: AppContext, actor: Principal, filter: ViolationFilter) {
  const rows = await violationQuery(ctx.db)
    .where(violationWhere(actor, filter))
    .orderBy(asc(agencies.path), asc(violations.code));
  const cites = await citationTexts(
    ctx.db,
    rows.flatMap((r) => [...r.v.violatedArticleIds, ...r.v.penaltyArticleIds]),
  );
  const cite = (ids: string[]) => ids.map((id) => cites.get(id) ?? "").join("；");
  return writeSheet(
    "违法行为",
    violationHeaders,
    rows.map(({ v, powerItemCode }) => [
      v.code,
      v.name,
      v.field,
      powerItemCode ?? "",
      cite(v.violatedArticleIds),
      cite(v.penaltyArticleIds),
      yesNo(v.published),
    ]),
    widths,
  );
}

/**
 * Imports violations into one agency (matched by code): all rows or none; every error names its
 * row and column (C03); an unchanged row makes no new version.
 */
export async function importViolations(
  ctx: AppContext,
  actor: Principal,
  input: { agencyId: string; fileBase64: string },
): Promise<ExcelImportResult> {
  const agency = await findAgency(ctx.db, input.agencyId);
  requirePermission(actor, "power.manage", agency.path);
  const sheet = await readSheet(input.fileBase64, violationHeaders);
  return ctx.db.transaction(async (tx) => {
    const errors = new RowErrors(violationHeaders);
    const cache = new Map<string, string | undefined>();
    const seen = new Map<string, number>();
    const parsed: ViolationFields[] = [];
    for (const { row, cells } of sheet) {
      const [code, name, field, itemCode, violated, penalty, pub] = cells as string[];
      if (!code) errors.add(row, 0, "不能为空");
      else {
        const c = violationFields.code.safeParse(code);
        if (!c.success) errors.add(row, 0, c.error.issues[0]!.message);
        if (seen.has(code)) errors.add(row, 0, `与第 ${seen.get(code)} 行编码重复`);
        seen.set(code, row);
      }
      const n = violationFields.name.safeParse(name);
      if (!n.success) errors.add(row, 1, name ? n.error.issues[0]!.message : "不能为空");
      if (!(powerFields as readonly string[]).includes(field!))
        errors.add(row, 2, `应为：${powerFields.join("、")}`);
      let powerItemId: string | null = null;
      if (itemCode) {
        powerItemId = (await powerItemByCode(tx, agency.path, itemCode)) ?? null;
        if (!powerItemId) errors.add(row, 3, `本机关及上级机关没有编码为 ${itemCode} 的权责事项`);
      }
      const v = await resolveCitationCell(tx, violated!, cache);
      if (v.missing.length)
        errors.add(row, 4, `找不到条款 ${v.missing.join("、")}（格式：《法律名称》第X条，多个用“；”分隔）`);
      const p = await resolveCitationCell(tx, penalty!, cache);
      if (p.missing.length)
        errors.add(row, 5, `找不到条款 ${p.missing.join("、")}（格式：《法律名称》第X条，多个用“；”分隔）`);
      const published = parseYesNo(pub!);
      if (published === undefined) errors.add(row, 6, "应为“是”或“否”");
      parsed.push({
        code: code!,
        name: name!,
        field: field as ViolationFields["field"],
        powerItemId,
        violatedArticleIds: [...new Set(v.ids)],
        penaltyArticleIds: [...new Set(p.ids)],
        published: published ?? false,
      });
    }
    errors.throwIfAny();
    const at = ctx.now();
    const result: ExcelImportResult = { rows: parsed.length, created: 0, updated: 0, unchanged: 0 };
    for (const f of parsed) {
      const [current] = await tx
        .select()
        .from(violations)
        .where(and(eq(violations.agencyId, agency.id), eq(violations.code, f.code)));
      if (!current) {
        await insertViolation(tx, agency.id, f, at, actor.userId);
        result.created++;
      } else {
        const after = await changeViolation(tx, current, f, at, actor.userId);
        if (after.version === current.version) result.unchanged++;
        else result.updated++;
      }
    }
    await appendEntry(tx, {
      agencyId: agency.id,
      actorId: actor.userId,
      type: "violation.imported",
      payload: result,
      at,
    });
    return result;
  });
}

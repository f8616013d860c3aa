import { asc } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { agencies } from "../agencies/schema.ts";
import type { Principal } from "../identity/principal.ts";
import { citationTexts } from "../powers/citations.ts";
import { writeSheet, yesNo } from "../powers/excel.ts";
import {
  type ExcelImportResult,
  importCatalogue,
  readCitations,
  readCode,
  readPowerField,
  readPowerItemCode,
  readRequired,
  readYesNo,
} from "../powers/excel-import.ts";
import { violationQuery } from "./find-violation.ts";
import { type ViolationFilter, violationWhere } from "./list-violations.ts";
import { saveViolationByCode, type ViolationFields } from "./save-violation.ts";
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
export function importViolations(
  ctx: AppContext,
  actor: Principal,
  input: { agencyId: string; fileBase64: string },
): Promise<ExcelImportResult> {
  return importCatalogue(ctx, actor, input, {
    headers: violationHeaders,
    type: "violation.imported",
    save: saveViolationByCode,
    read: async (sheet, { tx, agency, errors, cache, seen }) => {
      const parsed: ViolationFields[] = [];
      for (const { row, cells } of sheet) {
        const [code, name, field, itemCode, violated, penalty, pub] = cells as [string, ...string[]];
        readCode(errors, row, code, violationFields.code, seen);
        readRequired(errors, row, 1, name!, violationFields.name);
        readPowerField(errors, row, 2, field!);
        const powerItemId = await readPowerItemCode(tx, errors, row, 3, agency.path, itemCode!);
        const violatedArticleIds = await readCitations(tx, errors, row, 4, violated!, cache);
        const penaltyArticleIds = await readCitations(tx, errors, row, 5, penalty!, cache);
        const published = readYesNo(errors, row, 6, pub!);
        parsed.push({
          code,
          name: name!,
          field: field as ViolationFields["field"],
          powerItemId,
          violatedArticleIds,
          penaltyArticleIds,
          published: published ?? false,
        });
      }
      return parsed;
    },
  });
}

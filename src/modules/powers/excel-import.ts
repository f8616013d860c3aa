import type { z } from "zod";
import type { AppContext } from "../../context.ts";
import type { Tx } from "../../db/client.ts";
import { type AgencyRow, findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import type { LedgerEventType } from "../ledger/entry.ts";
import { resolveCitationCell } from "./citations.ts";
import { parseYesNo, RowErrors, readSheet, type SheetRow } from "./excel.ts";
import { powerItemByCode } from "./find-power-item.ts";
import { powerFields } from "./power.ts";

/**
 * The Excel import shared by the catalogues (power items, violations, benchmarks) and its column
 * readers: each reader checks one cell of a row, adds what is wrong to the row errors (nothing is
 * imported while there is any) and returns the value read.
 */

export type ExcelImportResult = { rows: number; created: number; updated: number; unchanged: number };
/** What saving an imported entry did. */
export type SaveOutcome = "created" | "updated" | "unchanged";

/** A cell checked against its field schema, when it is filled in or not required. */
export function readValid(errors: RowErrors, row: number, col: number, value: unknown, schema: z.ZodType) {
  const r = schema.safeParse(value);
  if (!r.success) errors.add(row, col, r.error.issues[0]?.message ?? "不合法");
}

/** A cell that must be filled in, checked against its field schema. */
export function readRequired(errors: RowErrors, row: number, col: number, value: string, schema: z.ZodType) {
  if (!value) errors.add(row, col, "不能为空");
  else readValid(errors, row, col, value, schema);
}

/** The code (column 0): filled in, valid, and on one row only (seen: code → the first row). */
export function readCode(
  errors: RowErrors,
  row: number,
  code: string,
  schema: z.ZodType,
  seen: Map<string, number>,
) {
  readRequired(errors, row, 0, code, schema);
  if (!code) return;
  if (seen.has(code)) errors.add(row, 0, `与第 ${seen.get(code)} 行编码重复`);
  seen.set(code, row);
}

/** 执法领域: one of the power fields. */
export function readPowerField(errors: RowErrors, row: number, col: number, field: string) {
  if (!(powerFields as readonly string[]).includes(field))
    errors.add(row, col, `应为：${powerFields.join("、")}`);
}

/** 是 / 否 (empty: 否). */
export function readYesNo(errors: RowErrors, row: number, col: number, text: string): boolean | undefined {
  const b = parseYesNo(text);
  if (b === undefined) errors.add(row, col, "应为“是”或“否”");
  return b;
}

/** The articles cited in a cell (《法律名称》第X条；…): their ids, once each. */
export async function readCitations(
  tx: Tx,
  errors: RowErrors,
  row: number,
  col: number,
  text: string,
  cache: Map<string, string | undefined>,
): Promise<string[]> {
  const cited = await resolveCitationCell(tx, text, cache);
  if (cited.missing.length)
    errors.add(row, col, `找不到条款 ${cited.missing.join("、")}（格式：《法律名称》第X条，多个用“；”分隔）`);
  return [...new Set(cited.ids)];
}

/** The code of a power item of the agency (agencyPath) or one above it: its id; empty: null. */
export async function readPowerItemCode(
  tx: Tx,
  errors: RowErrors,
  row: number,
  col: number,
  agencyPath: string,
  itemCode: string,
): Promise<string | null> {
  if (!itemCode) return null;
  const id = (await powerItemByCode(tx, agencyPath, itemCode)) ?? null;
  if (!id) errors.add(row, col, `本机关及上级机关没有编码为 ${itemCode} 的权责事项`);
  return id;
}

/** What the row readers of an import share. */
export type ImportRows = {
  tx: Tx;
  /** The agency imported into. */
  agency: AgencyRow;
  errors: RowErrors;
  /** Citations already resolved. */
  cache: Map<string, string | undefined>;
  /** The codes read so far, with their first row. */
  seen: Map<string, number>;
};

/**
 * Imports a catalogue's sheet (headers) into one agency where the actor holds power.manage, all
 * rows or none: `read` checks the rows (every error names its row and column) and gives the
 * entries; once no row has an error they are saved (`save`: matched by code; an unchanged one makes
 * no new version) and the ledger gets the counts (`type`).
 */
export async function importCatalogue<F>(
  ctx: AppContext,
  actor: Principal,
  input: { agencyId: string; fileBase64: string },
  spec: {
    headers: readonly string[];
    read: (sheet: SheetRow[], r: ImportRows) => Promise<Iterable<F>>;
    save: (tx: Tx, agencyId: string, f: F, at: Date, actorId: string | null) => Promise<SaveOutcome>;
    type: LedgerEventType;
  },
): Promise<ExcelImportResult> {
  const agency = await findAgency(ctx.db, input.agencyId);
  requirePermission(actor, "power.manage", agency.path);
  const sheet = await readSheet(input.fileBase64, spec.headers);
  return ctx.db.transaction(async (tx) => {
    const errors = new RowErrors(spec.headers);
    const entries = await spec.read(sheet, { tx, agency, errors, cache: new Map(), seen: new Map() });
    errors.throwIfAny();
    const at = ctx.now();
    const result: ExcelImportResult = { rows: sheet.length, created: 0, updated: 0, unchanged: 0 };
    for (const f of entries) result[await spec.save(tx, agency.id, f, at, actor.userId)]++;
    await appendEntry(tx, {
      agencyId: agency.id,
      actorId: actor.userId,
      type: spec.type,
      payload: result,
      at,
    });
    return result;
  });
}

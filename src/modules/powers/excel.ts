import ExcelJS from "exceljs";
import { AppError, type ErrorDetail } from "../../core/errors.ts";

/** Shared pieces of the Excel (exceljs) import and export of power items and benchmarks. */

export const columnLetter = (index: number): string => {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

const pad = (n: number) => String(n).padStart(2, "0");

/** A cell as trimmed text (dates as YYYY-MM-DD, numbers as written, rich text joined). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (typeof v === "object") {
    if ("richText" in v)
      return v.richText
        .map((t) => t.text)
        .join("")
        .trim();
    if ("text" in v) return String(v.text).trim();
    if ("result" in v) return cellText(v.result as ExcelJS.CellValue);
    return "";
  }
  return String(v).trim();
}

export type SheetRow = { row: number; cells: string[] };

/** Collects row/column errors; nothing is imported while there is any. */
export class RowErrors {
  readonly details: ErrorDetail[] = [];
  constructor(private readonly headers: readonly string[]) {}
  add(row: number, column: number, message: string): void {
    this.details.push({
      path: `${columnLetter(column)}${row}`,
      message: `第 ${row} 行第 ${columnLetter(column)} 列（${this.headers[column]}）：${message}`,
    });
  }
  throwIfAny(): void {
    if (this.details.length === 0) return;
    const shown = this.details.slice(0, 20).map((d) => d.message);
    throw new AppError(
      "EXCEL_IMPORT_INVALID",
      `Excel 文件有 ${this.details.length} 处错误，未导入任何数据：${shown.join("；")}${this.details.length > 20 ? "；……" : ""}`,
      this.details.slice(0, 200),
    );
  }
}

/** Reads the first worksheet: checks the header row, returns the non-empty data rows. */
export async function readSheet(base64: string, headers: readonly string[]): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(base64, "base64") as unknown as ArrayBuffer);
  } catch {
    throw new AppError("EXCEL_IMPORT_INVALID", "文件不是有效的 Excel（.xlsx）文件");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError("EXCEL_IMPORT_INVALID", "Excel 文件中没有工作表");
  const head = sheet.getRow(1);
  headers.forEach((h, i) => {
    const got = cellText(head.getCell(i + 1).value);
    if (got !== h) {
      throw new AppError(
        "EXCEL_IMPORT_INVALID",
        `第 1 行第 ${columnLetter(i)} 列（表头）应为“${h}”，实为“${got}”；请使用导出的模板`,
        [{ path: `${columnLetter(i)}1`, message: `表头应为“${h}”` }],
      );
    }
  });
  const rows: SheetRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells = headers.map((_, i) => cellText(row.getCell(i + 1).value));
    if (cells.every((c) => c === "")) continue;
    rows.push({ row: r, cells });
  }
  if (rows.length > 5000) throw new AppError("EXCEL_IMPORT_INVALID", "一次最多导入 5000 行");
  return rows;
}

/** Writes one worksheet with a bold header row; every cell is text so nothing is reinterpreted. */
export async function writeSheet(
  name: string,
  headers: readonly string[],
  rows: (string | number)[][],
  widths: number[] = [],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Guifan 规范";
  const sheet = workbook.addWorksheet(name);
  sheet.columns = headers.map((h, i) => ({ header: h, width: widths[i] ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const yesNo = (b: boolean) => (b ? "是" : "否");
export function parseYesNo(s: string): boolean | undefined {
  if (s === "是") return true;
  if (s === "否" || s === "") return false;
  return undefined;
}

/** Reverse lookup of a Chinese label in a code → label table. */
export function codeOfLabel<T extends string>(table: Record<T, string>, label: string): T | undefined {
  return (Object.keys(table) as T[]).find((k) => table[k] === label || k === label);
}

export const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;
export function validDate(s: string): boolean {
  if (!isoDatePattern.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

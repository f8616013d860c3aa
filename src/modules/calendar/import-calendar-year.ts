import { eq } from "drizzle-orm";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import { ancestorIds } from "../agencies/agency.ts";
import { can, type Principal } from "../identity/principal.ts";
import { calendarDays, calendarYears } from "./schema.ts";
import { parseDay } from "./working-days.ts";

const entry = z.strictObject({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  name: z.string().trim().max(50).default(""),
});

/** The file an administrator loads for a new year, from the State Council's holiday notice (D4). */
export const calendarYearFile = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  source: z.string().trim().min(4, "请注明依据的通知（文号）").max(300),
  holidays: z.array(entry).max(366),
  workdays: z.array(entry).max(366),
});
export type CalendarYearFile = z.infer<typeof calendarYearFile>;

export function checkCalendarYear(file: CalendarYearFile): void {
  const seen = new Set<string>();
  for (const [kind, list] of [
    ["holidays", file.holidays],
    ["workdays", file.workdays],
  ] as const) {
    for (const d of list) {
      try {
        parseDay(d.date);
      } catch {
        throw new AppError("CALENDAR_IMPORT_INVALID", `${kind} 中的日期不合法：${d.date}`);
      }
      if (!d.date.startsWith(`${file.year}-`)) {
        throw new AppError("CALENDAR_IMPORT_INVALID", `${kind} 中的日期 ${d.date} 不属于 ${file.year} 年`);
      }
      if (seen.has(d.date)) throw new AppError("CALENDAR_IMPORT_INVALID", `日期 ${d.date} 重复出现`);
      seen.add(d.date);
    }
  }
}

/** Writes one year inside the caller's transaction. Replacing a loaded year needs `replace`. */
export async function writeCalendarYear(
  tx: Executor,
  file: CalendarYearFile,
  opts: { replace?: boolean; importedBy?: string | null; now: Date },
): Promise<void> {
  checkCalendarYear(file);
  const [existing] = await tx.select().from(calendarYears).where(eq(calendarYears.year, file.year));
  if (existing && !opts.replace)
    throw new AppError("DUPLICATE", `${file.year} 年的工作日历已导入；如需更正请使用替换`);
  if (existing) {
    await tx.delete(calendarDays).where(eq(calendarDays.year, file.year));
    await tx
      .update(calendarYears)
      .set({ source: file.source, importedAt: opts.now, importedBy: opts.importedBy ?? null })
      .where(eq(calendarYears.year, file.year));
  } else {
    await tx.insert(calendarYears).values({
      year: file.year,
      source: file.source,
      importedAt: opts.now,
      importedBy: opts.importedBy ?? null,
    });
  }
  const rows = [
    ...file.holidays.map((d) => ({ day: d.date, year: file.year, kind: "holiday", name: d.name })),
    ...file.workdays.map((d) => ({ day: d.date, year: file.year, kind: "workday", name: d.name })),
  ];
  if (rows.length) await tx.insert(calendarDays).values(rows);
}

export async function importCalendarYear(
  ctx: AppContext,
  actor: Principal | null,
  file: CalendarYearFile,
  opts: { replace?: boolean } = {},
) {
  // The calendar is shared by every agency: only an administrator of a root agency may change it,
  // so a county cannot alter another county's deadlines.
  const atRoot = (m: Principal["memberships"][number]) =>
    ancestorIds(m.agencyPath).length === 1 && can(actor!, "calendar.manage", m.agencyPath);
  if (actor && !actor.memberships.some(atRoot)) {
    throw new AppError("FORBIDDEN", "只有上级（市级）机关的系统管理员可以导入工作日历");
  }
  await ctx.db.transaction((tx) =>
    writeCalendarYear(tx, file, { ...opts, importedBy: actor?.userId, now: ctx.now() }),
  );
  return { year: file.year, holidays: file.holidays.length, workdays: file.workdays.length };
}

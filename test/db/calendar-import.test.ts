import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AppError } from "../../src/core/errors.ts";
import {
  type CalendarYearFile,
  importCalendarYear,
} from "../../src/modules/calendar/import-calendar-year.ts";
import { listCalendarDays, listCalendarYears } from "../../src/modules/calendar/list-calendar.ts";
import { loadCalendar } from "../../src/modules/calendar/load-calendar.ts";
import { seedCalendar } from "../../src/modules/calendar/seed-calendar.ts";
import { dueDate } from "../../src/modules/calendar/working-days.ts";
import { principal, type TestContext, testContext, testEngine } from "../support/index.ts";

/** An invented 2027 notice (the real one is not published yet): New Year and Spring Festival. */
const sample2027: CalendarYearFile = {
  year: 2027,
  source: "国务院办公厅关于2027年部分节假日安排的通知（测试样例）",
  holidays: [
    { date: "2027-01-01", name: "元旦" },
    { date: "2027-02-05", name: "春节" },
    { date: "2027-02-06", name: "春节" },
    { date: "2027-02-07", name: "春节" },
    { date: "2027-02-08", name: "春节" },
    { date: "2027-02-09", name: "春节" },
    { date: "2027-02-10", name: "春节" },
    { date: "2027-02-11", name: "春节" },
  ],
  workdays: [
    { date: "2027-02-13", name: "春节" },
    { date: "2027-02-14", name: "春节" },
  ],
};

const code = (c: string) => (e: unknown) => {
  assert.ok(e instanceof AppError, String(e));
  assert.equal(e.code, c);
  return true;
};

describe(`calendar import on ${testEngine()} (D4)`, () => {
  let ctx: TestContext;

  before(async () => {
    ctx = await testContext();
  });
  after(async () => ctx?.close());

  test("D4: the packaged years are loaded once; seeding again adds nothing", async () => {
    const years = (await listCalendarYears(ctx)).map((y) => y.year);
    assert.ok(years.includes(2025) && years.includes(2026));
    assert.ok(!years.includes(2027));
    assert.deepEqual(await seedCalendar(ctx), []);
    const y2025 = (await listCalendarYears(ctx)).find((y) => y.year === 2025)!;
    assert.ok(y2025.holidays > 0 && y2025.workdays > 0);
  });

  test("D1: the deadline from the database calendar matches the rule example", async () => {
    assert.equal(dueDate(await loadCalendar(ctx.db), "2025-09-30", 5, "workday").due, "2025-10-14");
  });

  test("D4: a deadline running into 2027 is refused before 2027 is imported", async () => {
    const cal = await loadCalendar(ctx.db);
    assert.throws(() => dueDate(cal, "2026-12-28", 5, "workday"), code("CALENDAR_YEAR_NOT_LOADED"));
  });

  test("D4: importing 2027 makes deadlines across the new year computable", async () => {
    const r = await importCalendarYear(ctx, null, sample2027);
    assert.deepEqual(r, { year: 2027, holidays: 8, workdays: 2 });
    const cal = await loadCalendar(ctx.db);
    // Mon 2026-12-28: 29, 30, 31 (3), 2027-01-01 holiday, Mon 01-04 (4), Tue 01-05 (5).
    assert.equal(dueDate(cal, "2026-12-28", 5, "workday").due, "2027-01-05");
    // Across the invented Spring Festival with a make-up Saturday and Sunday.
    // Thu 2027-02-04 → 02-12 Fri (1), 02-13 Sat (2), 02-14 Sun (3), 02-15 Mon (4).
    assert.equal(dueDate(cal, "2027-02-04", 4, "workday").due, "2027-02-15");
    // A calendar period ending in the holiday rolls to the first working day after it.
    assert.deepEqual(dueDate(cal, "2027-01-08", 1, "month"), {
      due: "2027-02-12",
      end: "2027-02-08",
      rolledOver: true,
    });
    const days = await listCalendarDays(ctx, 2027);
    assert.equal(days.length, 10);
    assert.deepEqual(days[0], { day: "2027-01-01", kind: "holiday", name: "元旦" });
  });

  test("D4: a year already loaded is refused unless replace is asked for", async () => {
    await assert.rejects(importCalendarYear(ctx, null, sample2027), code("DUPLICATE"));
    const corrected: CalendarYearFile = {
      ...sample2027,
      source: "国务院办公厅关于2027年部分节假日安排的通知（更正）",
      holidays: [...sample2027.holidays, { date: "2027-02-12", name: "春节" }],
    };
    const r = await importCalendarYear(ctx, null, corrected, { replace: true });
    assert.equal(r.holidays, 9);
    const cal = await loadCalendar(ctx.db);
    assert.equal(dueDate(cal, "2027-02-04", 4, "workday").due, "2027-02-16");
    const y = (await listCalendarYears(ctx)).find((x) => x.year === 2027)!;
    assert.match(y.source, /更正/);
    assert.equal(y.holidays, 9);
  });

  test("an invalid file is refused and writes nothing", async () => {
    const before = await listCalendarYears(ctx);
    const bad = (patch: Partial<CalendarYearFile>): CalendarYearFile => ({
      ...sample2027,
      year: 2028,
      ...patch,
    });
    await assert.rejects(
      importCalendarYear(ctx, null, bad({ holidays: [{ date: "2027-12-31", name: "x" }] })),
      code("CALENDAR_IMPORT_INVALID"),
    );
    await assert.rejects(
      importCalendarYear(ctx, null, bad({ holidays: [{ date: "2028-02-30", name: "x" }], workdays: [] })),
      code("CALENDAR_IMPORT_INVALID"),
    );
    await assert.rejects(
      importCalendarYear(
        ctx,
        null,
        bad({
          holidays: [{ date: "2028-01-01", name: "元旦" }],
          workdays: [{ date: "2028-01-01", name: "x" }],
        }),
      ),
      code("CALENDAR_IMPORT_INVALID"),
    );
    assert.deepEqual(await listCalendarYears(ctx), before);
  });

  test("D4: only an administrator of a root agency may import (the calendar is shared by all)", async () => {
    const officer = principal([{ agencyPath: "/x/", roles: ["officer"] }]);
    const countyAdmin = principal([{ agencyPath: "/x/y/", roles: ["sysadmin"] }]);
    const rootAdmin = principal([{ agencyPath: "/x/", roles: ["sysadmin"] }]);
    await assert.rejects(importCalendarYear(ctx, officer, { ...sample2027, year: 2029 }), code("FORBIDDEN"));
    await assert.rejects(
      importCalendarYear(ctx, countyAdmin, { ...sample2027, year: 2029 }),
      code("FORBIDDEN"),
    );
    await assert.rejects(
      importCalendarYear(ctx, countyAdmin, { ...sample2027, holidays: [], workdays: [] }, { replace: true }),
      code("FORBIDDEN"),
    );
    assert.ok(!(await listCalendarYears(ctx)).some((y) => y.year === 2029));
    assert.equal((await listCalendarDays(ctx, 2027)).length, 11, "2027 untouched");
    const file = {
      ...sample2027,
      year: 2029,
      holidays: [{ date: "2029-01-01", name: "元旦" }],
      workdays: [],
    };
    await importCalendarYear(ctx, rootAdmin, file);
    assert.ok((await listCalendarYears(ctx)).some((y) => y.year === 2029));
  });
});

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AppError } from "../../src/core/errors.ts";
import {
  addCalendarDays,
  addMonths,
  addWorkingDays,
  countWorkingDays,
  dueDate,
  isWorkingDay,
  parseDay,
} from "../../src/modules/calendar/working-days.ts";
import { packageCalendar } from "../support/calendar.ts";

const cal = packageCalendar();

const appError = (code: string) => (e: unknown) => {
  assert.ok(e instanceof AppError, `expected AppError, got ${e}`);
  assert.equal(e.code, code);
  return true;
};

describe("working-day calendar (package data)", () => {
  test("the package calendar covers 2025 and 2026 and knows the 2025 National Day make-up days", () => {
    assert.ok(cal.years.has(2025) && cal.years.has(2026));
    assert.equal(cal.holidays.get("2025-10-01"), "国庆节");
    assert.ok(cal.workdays.has("2025-09-28"));
    assert.ok(cal.workdays.has("2025-10-11"));
  });

  test("D4: a make-up Sunday is a working day, a holiday weekday and an ordinary Saturday are not", () => {
    assert.equal(isWorkingDay(cal, "2025-09-28"), true); // Sunday, 调休
    assert.equal(isWorkingDay(cal, "2025-10-11"), true); // Saturday, 调休
    assert.equal(isWorkingDay(cal, "2025-10-01"), false); // Wednesday, 国庆节
    assert.equal(isWorkingDay(cal, "2025-10-06"), false); // Monday, 中秋
    assert.equal(isWorkingDay(cal, "2025-09-27"), false); // ordinary Saturday
    assert.equal(isWorkingDay(cal, "2025-09-30"), true); // ordinary Tuesday
  });
});

describe("D1/D2: working-day periods", () => {
  test("D1: 5 working days from 2025-09-30 end on 2025-10-14 (National Day, make-up 2025-10-11)", () => {
    assert.equal(addWorkingDays(cal, "2025-09-30", 5), "2025-10-14");
    assert.deepEqual(dueDate(cal, "2025-09-30", 5, "workday"), {
      due: "2025-10-14",
      end: "2025-10-14",
      rolledOver: false,
    });
  });

  test("D1: the start day is not counted", () => {
    // Monday 2025-09-15: one working day later is Tuesday, not Monday itself.
    assert.equal(addWorkingDays(cal, "2025-09-15", 1), "2025-09-16");
    // Starting on a holiday changes nothing about the rule: the next working day is day 1.
    assert.equal(addWorkingDays(cal, "2025-10-01", 1), "2025-10-09");
  });

  test("D1: 0 working days is the start day itself", () => {
    assert.equal(addWorkingDays(cal, "2025-09-30", 0), "2025-09-30");
    assert.equal(dueDate(cal, "2025-06-10", 0, "workday").due, "2025-06-10");
  });

  test("D4: a make-up Saturday (and Sunday) counts as a working day", () => {
    assert.equal(addWorkingDays(cal, "2025-10-10", 1), "2025-10-11"); // Fri → make-up Sat
    assert.equal(addWorkingDays(cal, "2025-09-26", 1), "2025-09-28"); // Fri → make-up Sun, Sat skipped
  });

  test("D1: an ordinary weekend is skipped", () => {
    assert.equal(addWorkingDays(cal, "2025-06-13", 1), "2025-06-16"); // Fri → Mon
    assert.equal(addWorkingDays(cal, "2025-06-13", 5), "2025-06-20");
  });

  test("D2: 10 working days across the 2025/2026 New Year holiday and make-up day", () => {
    // 2026-01-01..03 holidays, 2026-01-04 (Sunday) a make-up working day.
    // From Wed 2025-12-24: 25,26,29,30,31 (5), 01-04 Sun (6), 05..08 (10).
    assert.equal(addWorkingDays(cal, "2025-12-24", 10), "2026-01-08");
  });

  test("D1: countWorkingDays counts (from, to] and is the inverse of addWorkingDays", () => {
    assert.equal(countWorkingDays(cal, "2025-09-30", "2025-10-14"), 5);
    assert.equal(countWorkingDays(cal, "2025-10-14", "2025-09-30"), -5);
    assert.equal(countWorkingDays(cal, "2025-09-30", "2025-09-30"), 0);
    assert.equal(countWorkingDays(cal, "2025-10-01", "2025-10-08"), 0); // the whole holiday
    for (const start of ["2025-01-20", "2025-04-28", "2025-09-26", "2025-12-29"]) {
      for (let n = 0; n <= 25; n++) {
        assert.equal(countWorkingDays(cal, start, addWorkingDays(cal, start, n)), n, `${start} + ${n}`);
      }
    }
  });
});

describe("D3: calendar-day and month periods", () => {
  test("D3: month-end clamping: 2025-01-31 + 1 month = 2025-02-28", () => {
    assert.equal(addMonths("2025-01-31", 1), "2025-02-28");
    assert.equal(addMonths("2025-03-31", 1), "2025-04-30");
    assert.equal(addMonths("2025-08-31", 6), "2026-02-28");
  });

  test("D3: month-end clamping in a leap year", () => {
    assert.equal(addMonths("2024-01-31", 1), "2024-02-29");
    assert.equal(addMonths("2024-02-29", 12), "2025-02-28");
    assert.equal(addMonths("2023-02-28", 12), "2024-02-28");
    assert.equal(addMonths("2025-11-30", 3), "2026-02-28");
  });

  test("D3: a month period ending on a working day does not roll", () => {
    assert.deepEqual(dueDate(cal, "2025-01-31", 1, "month"), {
      due: "2025-02-28",
      end: "2025-02-28",
      rolledOver: false,
    });
  });

  test("D3: a calendar period ending on a statutory holiday rolls to the next working day", () => {
    // 2025-09-21 + 10 days = 2025-10-01 (国庆节) → first working day after the holiday, 2025-10-09.
    assert.deepEqual(dueDate(cal, "2025-09-21", 10, "day"), {
      due: "2025-10-09",
      end: "2025-10-01",
      rolledOver: true,
    });
  });

  test("D3: a calendar period ending on an ordinary Saturday rolls to Monday", () => {
    // 2025-02-01 + 1 month = Saturday 2025-03-01.
    assert.deepEqual(dueDate(cal, "2025-02-01", 1, "month"), {
      due: "2025-03-03",
      end: "2025-03-01",
      rolledOver: true,
    });
  });

  test("D4: a calendar period ending on a make-up working Sunday does not roll", () => {
    assert.deepEqual(dueDate(cal, "2025-09-18", 10, "day"), {
      due: "2025-09-28",
      end: "2025-09-28",
      rolledOver: false,
    });
  });

  test("D3: 15-day period (X4) and 60-day period (X2)", () => {
    assert.equal(addCalendarDays("2025-06-01", 15), "2025-06-16");
    assert.equal(dueDate(cal, "2025-06-01", 15, "day").due, "2025-06-16"); // Monday
    // 2025-08-02 + 60 days = Wednesday 2025-10-01 → rolls past the National Day holiday.
    assert.equal(dueDate(cal, "2025-08-02", 60, "day").due, "2025-10-09");
  });
});

describe("D4: years that are not loaded are refused", () => {
  const only2025 = packageCalendar([2025]);

  test("D4: a start date in a year that is not loaded → CALENDAR_YEAR_NOT_LOADED", () => {
    assert.throws(() => dueDate(cal, "2099-03-01", 5, "workday"), appError("CALENDAR_YEAR_NOT_LOADED"));
    assert.throws(() => isWorkingDay(cal, "2099-03-01"), appError("CALENDAR_YEAR_NOT_LOADED"));
    assert.throws(() => dueDate(cal, "2099-03-01", 1, "month"), appError("CALENDAR_YEAR_NOT_LOADED"));
  });

  test("D4: a working-day period running from a covered year into an uncovered one is refused", () => {
    assert.equal(addWorkingDays(only2025, "2025-12-24", 5), "2025-12-31");
    assert.throws(() => addWorkingDays(only2025, "2025-12-24", 6), appError("CALENDAR_YEAR_NOT_LOADED"));
    assert.throws(() => dueDate(only2025, "2025-12-24", 10, "workday"), appError("CALENDAR_YEAR_NOT_LOADED"));
  });

  test("D4: a calendar period ending in an uncovered year is refused", () => {
    assert.throws(() => dueDate(only2025, "2025-12-15", 30, "day"), appError("CALENDAR_YEAR_NOT_LOADED"));
    assert.throws(() => dueDate(only2025, "2025-11-15", 2, "month"), appError("CALENDAR_YEAR_NOT_LOADED"));
    assert.throws(
      () => countWorkingDays(only2025, "2025-12-30", "2026-01-05"),
      appError("CALENDAR_YEAR_NOT_LOADED"),
    );
  });

  test("D4: the error message names the year and the rule", () => {
    assert.throws(
      () => dueDate(only2025, "2025-12-24", 10, "workday"),
      (e: unknown) => e instanceof AppError && /2026/.test(e.message) && /D4/.test(e.message),
    );
  });
});

describe("invalid input is refused", () => {
  test("impossible or malformed dates → VALIDATION_FAILED", () => {
    for (const bad of [
      "2025-02-29",
      "2024-02-30",
      "2025-13-01",
      "2025-00-10",
      "2025-1-5",
      "abc",
      "",
      "2025-10-01T00:00",
    ]) {
      assert.throws(() => parseDay(bad), appError("VALIDATION_FAILED"), bad);
      assert.throws(() => dueDate(cal, bad, 1, "workday"), appError("VALIDATION_FAILED"), bad);
    }
    assert.throws(() => countWorkingDays(cal, "2025-01-01", "2025-02-30"), appError("VALIDATION_FAILED"));
    assert.throws(() => addMonths("2025-02-30", 1), appError("VALIDATION_FAILED"));
    assert.equal(parseDay("2024-02-29"), Date.UTC(2024, 1, 29));
  });

  test("amounts must be integers from 0 to 3660", () => {
    for (const bad of [-1, 1.5, 3661, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => dueDate(cal, "2025-06-10", bad, "day"), appError("VALIDATION_FAILED"), String(bad));
    }
  });
});

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { itemInventory } from "../../src/modules/cases/items.ts";
import { amountOwed, owedOn, paymentSchedule } from "../../src/modules/cases/rules/execution.ts";
import { packageCalendar } from "../support/calendar.ts";

const cal = packageCalendar();
const step = (event: string, onDate: string, data: Record<string, unknown> = {}) => ({ event, onDate, data });

describe("execution money (X4, X5, X6)", () => {
  test("X5: 3% a day on an unpaid fine after its due date, capped at the fine", () => {
    const schedule = [{ dueOn: "2026-07-01", amountFen: 100_000 }];
    const on = (asOf: string) => amountOwed({ fineFen: 100_000, schedule, payments: [], asOf });
    assert.equal(on("2026-07-01").lateFeeFen, 0);
    assert.equal(on("2026-07-02").lateFeeFen, 3_000);
    assert.equal(on("2026-07-11").lateFeeFen, 30_000);
    assert.equal(on("2026-07-11").totalFen, 130_000);
    // 34 days would be 102%: the late fee stops at the fine (ACL art. 45).
    assert.equal(on("2026-08-04").lateFeeFen, 100_000);
    assert.equal(on("2026-12-31").totalFen, 200_000);
  });

  test("X5: a part paid late carries the fee for the days it was late; the rest keeps accruing", () => {
    const o = amountOwed({
      fineFen: 100_000,
      schedule: [{ dueOn: "2026-07-01", amountFen: 100_000 }],
      payments: [{ on: "2026-07-03", amountFen: 50_000 }],
      asOf: "2026-07-05",
    });
    // 50,000 × 2 days + 50,000 × 4 days = 300,000 fen-days × 3% = 9,000.
    assert.equal(o.lateFeeFen, 9_000);
    assert.equal(o.fineOutstandingFen, 50_000);
    assert.equal(o.totalFen, 59_000);
  });

  test("X6: instalments are due one by one; payments settle the earliest first; only late parts pay a fee", () => {
    const schedule = [
      { dueOn: "2026-07-01", amountFen: 40_000 },
      { dueOn: "2026-08-01", amountFen: 30_000 },
      { dueOn: "2026-09-01", amountFen: 30_000 },
    ];
    const o = amountOwed({
      fineFen: 100_000,
      schedule,
      payments: [
        { on: "2026-06-30", amountFen: 40_000 },
        { on: "2026-08-03", amountFen: 30_000 },
      ],
      asOf: "2026-08-20",
    });
    assert.equal(o.lateFeeFen, 1_800); // second instalment 2 days late: 30,000 × 2 × 3%
    assert.equal(o.fineOutstandingFen, 30_000);
    assert.equal(o.nextDueOn, "2026-09-01");
    assert.equal(o.totalFen, 31_800);
    const paid = amountOwed({
      fineFen: 100_000,
      schedule,
      payments: [
        { on: "2026-06-30", amountFen: 40_000 },
        { on: "2026-08-03", amountFen: 30_000 },
        { on: "2026-09-01", amountFen: 31_800 },
      ],
      asOf: "2026-09-01",
    });
    assert.equal(paid.totalFen, 0);
    assert.equal(paid.nextDueOn, null);
  });

  test("X4/X6: the schedule follows service (15 days), then the latest approved deferral or plan", () => {
    const decided = step("decide", "2026-06-01", { outcome: "penalty", penalty: { fineFen: 90_000 } });
    const served = step("serve", "2026-06-02");
    // 2026-06-17 is a Wednesday: 15 days after service.
    assert.deepEqual(paymentSchedule(cal, [decided, served]), [{ dueOn: "2026-06-17", amountFen: 90_000 }]);
    const deferred = step("approve_deferral", "2026-06-10", { dueOn: "2026-07-31" });
    assert.deepEqual(paymentSchedule(cal, [decided, served, deferred]), [
      { dueOn: "2026-07-31", amountFen: 90_000 },
    ]);
    const plan = step("approve_instalments", "2026-06-11", {
      count: 3,
      firstDueOn: "2026-07-15",
      intervalMonths: 1,
    });
    assert.deepEqual(
      paymentSchedule(cal, [decided, served, deferred, plan]).map((i) => i.dueOn),
      ["2026-07-15", "2026-08-15", "2026-09-15"],
    );
    // No fine (a warning or no penalty): nothing to pay.
    const warning = step("decide", "2026-06-01", { outcome: "penalty", penalty: { warning: true } });
    assert.equal(owedOn(cal, [warning, served], "2026-12-01").totalFen, 0);
  });
});

describe("seized and preserved items (C14, C4, K3, X7)", () => {
  test("the inventory follows the steps: taken, decided on, disposed of", () => {
    const items = [
      { name: "三轮车", quantity: 1, unit: "辆", note: "" },
      { name: "水果", quantity: 20, unit: "千克", note: "" },
    ];
    const steps = [
      step("preserve_evidence", "2026-05-01", { items }),
      step("seal_seize", "2026-05-02", { items: [{ name: "货架", quantity: 2, unit: "个", note: "" }] }),
      step("decide_preserved", "2026-05-08", { decision: "confiscate" }),
    ];
    const inv = itemInventory(steps);
    assert.deepEqual(
      inv.map((i) => [i.no, i.name, i.status]),
      [
        [1, "三轮车", "confiscated"],
        [2, "水果", "confiscated"],
        [3, "货架", "sealed"],
      ],
    );
    const later = itemInventory([
      ...steps,
      step("decide_seized", "2026-05-20", { decision: "release" }),
      step("dispose_items", "2026-06-01", { itemNos: [1], disposal: "auction", proceedsFen: 50_000 }),
      // Item 3 was released: disposing of it changes nothing.
      step("dispose_items", "2026-06-02", { itemNos: [3], disposal: "destroy" }),
    ]);
    assert.deepEqual(
      later.map((i) => [i.no, i.status, i.statusName]),
      [
        [1, "auctioned", "已拍卖（款项上缴国库）"],
        [2, "confiscated", "已没收"],
        [3, "released", "已解除（退还）"],
      ],
    );
  });
});

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { applyTransition } from "../../src/modules/cases/apply-transition.ts";
import { createCase } from "../../src/modules/cases/create-case.ts";
import { principalForUser } from "../../src/modules/identity/load-principal.ts";
import type { Principal } from "../../src/modules/identity/principal.ts";
import { addDays, dateOf } from "../../src/modules/officers/officer.ts";
import { type TestApp, testApp, testEngine } from "../support/index.ts";

describe(`case records in the database on ${testEngine()} (C7)`, () => {
  let t: TestApp;
  let officer: Principal;
  let leader: Principal;
  let caseId: string;

  before(async () => {
    t = await testApp();
    officer = (await principalForUser(t.ctx.db, t.user["dh.hb.01"]!))!;
    leader = (await principalForUser(t.ctx.db, t.user["dh.hb.lead"]!))!;
    const day = (n: number) => addDays(dateOf(t.ctx.now()), n);
    const c = await createCase(t.ctx, officer, {
      agencyId: t.agency["donghu-1"],
      field: "市容环境卫生",
      summary: "乱堆物料",
      place: { address: "新城大道 1 号" },
      party: { type: "organisation", name: "某建筑公司", creditCode: "91330702MA0000000X" },
      actOn: day(-70),
      discoveredOn: day(-65),
      officerIds: [t.user["dh.hb.01"]!, t.user["dh.hb.lead"]!],
    });
    caseId = c.id;
    await applyTransition(t.ctx, leader, caseId, "file", { version: 1, on: day(-60) });
  });
  after(async () => t?.close());

  const count = async (table: string) =>
    (await t.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  const statements: Record<string, Record<string, string>> = {
    case_events: {
      UPDATE: "UPDATE case_events SET to_state = 'archived'",
      DELETE: "DELETE FROM case_events",
      TRUNCATE: "TRUNCATE case_events",
    },
    case_officers: {
      UPDATE: "UPDATE case_officers SET added_by = user_id",
      DELETE: "DELETE FROM case_officers",
      TRUNCATE: "TRUNCATE case_officers",
    },
    case_deadlines: {
      UPDATE: "UPDATE case_deadlines SET status = 'closed'",
      DELETE: "DELETE FROM case_deadlines",
      TRUNCATE: "TRUNCATE case_deadlines",
    },
  };
  for (const [table, ops] of Object.entries(statements)) {
    for (const [op, statement] of Object.entries(ops)) {
      test(`${table}: ${op} is refused by the database (append-only)`, async () => {
        const n = await count(table);
        assert.ok(n > 0, "the table has rows to protect");
        await assert.rejects(t.ctx.database.query(statement), /append-only/);
        assert.equal(await count(table), n);
      });
    }
  }

  test("the case row holds the current state and version; the steps are numbered by version", async () => {
    const [row] = await t.ctx.database.query<{ state: string; version: number; number: string }>(
      `SELECT state, version, number FROM cases WHERE id = '${caseId}'`,
    );
    assert.equal(row!.state, "filed");
    assert.equal(row!.version, 2);
    assert.match(row!.number, /^东湖综执罚〔\d{4}〕1号$/);
    const events = await t.ctx.database.query<{ seq: number; event: string }>(
      `SELECT seq, event FROM case_events WHERE case_id = '${caseId}' ORDER BY seq`,
    );
    assert.deepEqual(events, [
      { seq: 1, event: "create" },
      { seq: 2, event: "file" },
    ]);
    // Numbers are counted per bureau and year (the demo city also has sample cases in 西山县).
    const [counter] = await t.ctx.database.query<{ last: number }>(
      `SELECT last FROM case_number_counters WHERE agency_id = '${t.agency.donghu}'`,
    );
    assert.equal(counter!.last, 1);
  });
});

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import {
  assertError,
  businessRowCounts,
  type Session,
  type TestApp,
  testApp,
  testEngine,
} from "../support/index.ts";

type Officer = Record<string, unknown> & { id: string; username: string; staffNo: string; version: number };

describe(`officer profiles: Excel export and import (C04) on ${testEngine()}`, () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const officers = async () =>
    (
      (
        await t.call({ as: s["dh.admin"], url: `/api/v1/officers?agencyId=${t.agency.donghu}&pageSize=200` })
      ).json() as { items: Officer[] }
    ).items;
  const exportFile = async () => {
    const res = await t.call({
      as: s["dh.admin"],
      url: `/api/v1/officers/export?agencyId=${t.agency.donghu}`,
    });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb;
  };
  const upload = async (wb: ExcelJS.Workbook, as = "dh.admin") =>
    t.call({
      as: s[as],
      method: "POST",
      url: "/api/v1/officers/import",
      payload: {
        agencyId: t.agency.donghu,
        fileBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString("base64"),
      },
    });
  const rowOf = (wb: ExcelJS.Workbook, username: string) => {
    const sheet = wb.worksheets[0]!;
    for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getCell(`A${r}`).value === username) return r;
    throw new Error(`no row for ${username}`);
  };

  before(async () => {
    t = await testApp();
    for (const u of ["dh.admin", "xs.admin", "admin"]) s[u] = await t.login(u);
  });
  after(async () => t?.close());

  test("export then import leaves every profile unchanged", async () => {
    const list = await officers();
    assert.ok(list.length >= 7);
    const before = await businessRowCounts(t.ctx.database);
    const res = await upload(await exportFile());
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { rows: list.length, created: 0, updated: 0, unchanged: list.length });
    assert.deepEqual(await officers(), list);
    assert.deepEqual(await businessRowCounts(t.ctx.database), before);
  });

  test("a file with one bad row imports nothing and names the row and column", async () => {
    const list = await officers();
    const before = await businessRowCounts(t.ctx.database);
    const wb = await exportFile();
    const sheet = wb.worksheets[0]!;
    const good = rowOf(wb, "dh.hb.01");
    sheet.getCell(`F${good}`).value = "DH-9001";
    const bad = rowOf(wb, "dh.hb.02");
    sheet.getCell(`G${bad}`).value = "未知";
    const res = await upload(wb);
    assertError(res, 400, "EXCEL_IMPORT_INVALID");
    const err = (res.json() as { error: { message: string; details: { path: string }[] } }).error;
    assert.match(err.message, new RegExp(`第 ${bad} 行第 G 列（性别）`));
    assert.deepEqual(
      err.details.map((d) => d.path),
      [`G${bad}`],
    );
    assert.deepEqual(await officers(), list);
    assert.deepEqual(await businessRowCounts(t.ctx.database), before);

    // A change of post is a rotation, not an import; an unknown account and half a qualification (P10) are named too.
    const wb2 = await exportFile();
    const sh2 = wb2.worksheets[0]!;
    sh2.getCell(`D${good}`).value = "大队长";
    sh2.addRow(["no.such.user", "某某", "示范市东湖区综合行政执法局", "科员", "否", "", "", "", "A123", ""]);
    const res2 = await upload(wb2);
    assertError(res2, 400, "EXCEL_IMPORT_INVALID");
    const paths = (res2.json() as { error: { details: { path: string }[] } }).error.details.map(
      (d) => d.path,
    );
    const added = sh2.rowCount;
    assert.deepEqual(paths, [`D${good}`, `A${added}`, `J${added}`]);
    assert.deepEqual(await businessRowCounts(t.ctx.database), before);
  });

  test("import creates a profile for an account of the bureau and updates descriptive fields", async () => {
    const wb = await exportFile();
    const sheet = wb.worksheets[0]!;
    const good = rowOf(wb, "dh.hb.01");
    const agencyName = (await officers()).find((o) => o.username === "dh.hb.01")!;
    sheet.getCell(`F${good}`).value = "DH-9001";
    sheet.getCell(`I${good}`).value = "A20260001";
    sheet.getCell(`J${good}`).value = "2026-03-01";
    sheet.addRow([
      "dh.leader",
      "陈志强",
      "示范市东湖区综合行政执法局",
      "局长",
      "否",
      "DH-0001",
      "男",
      "行政编制",
      "",
      "",
    ]);
    const res = await upload(wb);
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json() as { created: number; updated: number; unchanged: number };
    assert.deepEqual([r.created, r.updated], [1, 1]);
    const after = await officers();
    const hb01 = after.find((o) => o.username === "dh.hb.01")!;
    assert.deepEqual(
      [hb01.staffNo, hb01.legalQualificationNo, hb01.legalQualificationDate, hb01.version],
      ["DH-9001", "A20260001", "2026-03-01", (agencyName.version as number) + 1],
    );
    const leader = after.find((o) => o.username === "dh.leader")!;
    assert.deepEqual([leader.post, leader.enforcementPost, leader.staffKind], ["局长", false, "行政编制"]);
    // Round trip again: nothing changes.
    const again = await upload(await exportFile());
    assert.equal((again.json() as { unchanged: number }).unchanged, after.length);
  });

  test("only the bureau that manages the officers imports them", async () => {
    const wb = await exportFile();
    assertError(await upload(wb, "xs.admin"), 403, ["FORBIDDEN", "FORBIDDEN_AGENCY"]);
  });
});

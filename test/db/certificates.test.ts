import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { AppError } from "../../src/core/errors.ts";
import { createUser } from "../../src/modules/identity/create-user.ts";
import { principalForUser } from "../../src/modules/identity/load-principal.ts";
import type { Principal } from "../../src/modules/identity/principal.ts";
import { createOfficer } from "../../src/modules/officers/create-officer.ts";
import { issueCertificate } from "../../src/modules/officers/issue-certificate.ts";
import { assertMayEnforce, checkMayEnforce } from "../../src/modules/officers/may-enforce.ts";
import { addDays, createOfficerInput, dateOf, expiryFor } from "../../src/modules/officers/officer.ts";
import { reviewCertificate } from "../../src/modules/officers/review-certificate.ts";
import { rotateOfficer } from "../../src/modules/officers/rotate-officer.ts";
import { changeSetting } from "../../src/modules/settings/change-setting.ts";
import {
  businessRowCounts,
  type SmallTree,
  smallTree,
  type TestContext,
  testContext,
  testEngine,
} from "../support/index.ts";

describe(`certificates in the database (${testEngine()})`, () => {
  let ctx: TestContext;
  let tree: SmallTree;
  let adminA: Principal;
  let adminB: Principal;
  let officerA: { officerId: string; userId: string };

  const account = async (username: string, agencyId: string, role: "officer" | "sysadmin") =>
    (
      await createUser(ctx, null, {
        username: `${username}.${process.pid}`,
        displayName: username,
        phone: "",
        password: "Officer2026pass",
        memberships: [{ agencyId, role }],
      })
    ).id;

  before(async () => {
    ctx = await testContext({ calendar: false });
    tree = await smallTree(ctx);
    adminA = (await principalForUser(ctx.db, await account("admin.a", tree.countyA, "sysadmin")))!;
    adminB = (await principalForUser(ctx.db, await account("admin.b", tree.countyB, "sysadmin")))!;
    const userId = await account("officer.a", tree.squadA, "officer");
    const officer = await createOfficer(
      ctx,
      adminA,
      createOfficerInput.parse({ userId, agencyId: tree.squadA, post: "执法队员", enforcementPost: true }),
    );
    officerA = { officerId: officer.id, userId };
  });
  after(async () => ctx?.close());

  const today = () => dateOf(ctx.now());

  test("O2: the default validity comes from the setting certificate.validityYears of the bureau", async () => {
    await changeSetting(ctx, tree.admin, tree.countyA, "certificate.validityYears", {
      value: 3,
      reason: "省级规定",
    });
    const cert = await issueCertificate(ctx, adminA, officerA.officerId, {
      number: `T${process.pid}-0001`,
      issuingBody: "测试省人民政府",
      fields: ["市容环境卫生"],
      issuedOn: addDays(today(), -10),
    });
    assert.equal(cert.expiresOn, expiryFor(addDays(today(), -10), 3));
    assert.equal(expiryFor("2026-03-01", 3), "2029-02-28");
    const reviewedOn = addDays(today(), -5);
    await reviewCertificate(ctx, adminA, cert.id, {
      year: Number(cert.issuedOn.slice(0, 4)),
      reviewedOn,
      outcome: "passed",
      note: "",
    });
  });

  test("another county's administrator and the city administrator cannot issue (officer.manage is own)", async () => {
    const before = await businessRowCounts(ctx.database);
    for (const actor of [adminB, tree.admin]) {
      await assert.rejects(
        issueCertificate(ctx, actor, officerA.officerId, {
          number: `T${process.pid}-0002`,
          issuingBody: "测试省人民政府",
          fields: ["市容环境卫生"],
          issuedOn: today(),
        }),
        (e: AppError) => e.code === "FORBIDDEN_AGENCY",
      );
    }
    assert.deepEqual(await businessRowCounts(ctx.database), before);
  });

  test("O1: assertMayEnforce passes for a covered field, refuses another field with CERTIFICATE_INVALID", async () => {
    const act = { userId: officerA.userId, agencyId: tree.countyA, field: "市容环境卫生", date: today() };
    await assertMayEnforce(ctx.db, act);
    await assert.rejects(
      assertMayEnforce(ctx.db, { ...act, field: "林业" }),
      (e: AppError) => e.code === "CERTIFICATE_INVALID",
    );
    // A sibling county cannot use this officer.
    const other = await checkMayEnforce(ctx.db, { ...act, agencyId: tree.countyB });
    assert.equal(other.ok, false);
  });

  test("O2: leaving the enforcement post revokes at once, in the same transaction as the rotation", async () => {
    const res = await rotateOfficer(ctx, adminA, officerA.officerId, {
      agencyId: tree.countyA,
      post: "办公室",
      enforcementPost: false,
      effectiveOn: today(),
      reason: "调岗",
    });
    assert.equal(res.revokedCertificates.length, 1);
    const act = { userId: officerA.userId, agencyId: tree.countyA, field: "市容环境卫生", date: today() };
    await assert.rejects(assertMayEnforce(ctx.db, act), (e: AppError) => /已被收回/.test(e.message));
    await assertMayEnforce(ctx.db, { ...act, date: addDays(today(), -1) });
    // Not in an enforcement post any more: no new certificate.
    await assert.rejects(
      issueCertificate(ctx, adminA, officerA.officerId, {
        number: `T${process.pid}-0003`,
        issuingBody: "测试省人民政府",
        fields: ["市容环境卫生"],
        issuedOn: today(),
      }),
      (e: AppError) => e.code === "VALIDATION_FAILED",
    );
  });

  for (const table of ["certificates", "certificate_events", "officer_rotations", "annual_reviews"]) {
    test(`${table} is append-only (UPDATE, DELETE, TRUNCATE refused)`, async () => {
      for (const sql of [
        `UPDATE ${table} SET id = id`,
        `DELETE FROM ${table}`,
        `TRUNCATE ${table} CASCADE`,
      ]) {
        await assert.rejects(ctx.database.query(sql), /append-only/);
      }
    });
  }
});

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  type CertificateRecord,
  certificateStatusOn,
  currentCertificate,
  dateOf,
  expiryFor,
  isCalendarDate,
  mayEnforce,
  type OfficerRecord,
} from "../../src/modules/officers/officer.ts";
import { examFigures, percent } from "../../src/modules/training/training.ts";

const cert = (over: Partial<CertificateRecord> = {}): CertificateRecord => ({
  id: "c1",
  number: "33070000001",
  fields: ["市容环境卫生", "城乡规划"],
  issuedOn: "2024-01-10",
  expiresOn: "2029-01-09",
  events: [],
  ...over,
});
const officer = (...certificates: CertificateRecord[]): OfficerRecord => ({
  displayName: "张伟",
  enforcementPost: true,
  certificates,
});
const refused = (r: ReturnType<typeof mayEnforce>, pattern: RegExp) => {
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.reason, pattern);
};

describe("mayEnforce (O1, C2)", () => {
  test("O1: a valid certificate covering the field on the action date: ok", () => {
    const r = mayEnforce(officer(cert()), { field: "市容环境卫生", date: "2026-11-22" });
    assert.equal(r.ok, true);
  });

  test("O1: refuses a person without a profile or without any certificate", () => {
    refused(mayEnforce(null, { field: "市容环境卫生", date: "2026-11-22" }), /没有执法人员档案/);
    refused(mayEnforce(officer(), { field: "市容环境卫生", date: "2026-11-22" }), /未持有行政执法证件/);
  });

  test("O1: refuses an expired certificate on the action date (the expiry day itself is still valid)", () => {
    const o = officer(cert());
    assert.equal(mayEnforce(o, { field: "市容环境卫生", date: "2029-01-09" }).ok, true);
    refused(mayEnforce(o, { field: "市容环境卫生", date: "2029-01-10" }), /已于 2029-01-09 到期/);
  });

  test("O1: refuses a suspended certificate from the suspension date until reinstated", () => {
    const o = officer(
      cert({
        events: [
          { kind: "suspended", effectiveOn: "2026-03-01" },
          { kind: "reinstated", effectiveOn: "2026-06-01" },
        ],
      }),
    );
    assert.equal(mayEnforce(o, { field: "城乡规划", date: "2026-02-28" }).ok, true);
    refused(mayEnforce(o, { field: "城乡规划", date: "2026-03-01" }), /已被暂扣/);
    refused(mayEnforce(o, { field: "城乡规划", date: "2026-05-31" }), /已被暂扣/);
    assert.equal(mayEnforce(o, { field: "城乡规划", date: "2026-06-01" }).ok, true);
  });

  test("O1, O2: refuses a revoked certificate from the revocation date; acts before it stay lawful", () => {
    const o = officer(cert({ events: [{ kind: "revoked", effectiveOn: "2026-11-22" }] }));
    assert.equal(mayEnforce(o, { field: "市容环境卫生", date: "2026-11-21" }).ok, true);
    refused(mayEnforce(o, { field: "市容环境卫生", date: "2026-11-22" }), /已被收回/);
  });

  test("O1: refuses a field the certificate does not cover", () => {
    refused(mayEnforce(officer(cert()), { field: "林业", date: "2026-11-22" }), /不包括「林业」/);
  });

  test("O1: refuses before the issue date; a renewed certificate replaces the old one", () => {
    refused(mayEnforce(officer(cert()), { field: "市容环境卫生", date: "2024-01-09" }), /尚未取得执法证/);
    const old = cert({ id: "old", events: [{ kind: "replaced", effectiveOn: "2026-01-01" }] });
    const renewed = cert({
      id: "new",
      number: "33070000002",
      fields: ["林业"],
      issuedOn: "2026-01-01",
      expiresOn: "2030-12-31",
    });
    const o = officer(old, renewed);
    // The old one covered 城乡规划 but no longer counts; the new one covers only 林业.
    refused(mayEnforce(o, { field: "城乡规划", date: "2026-02-01" }), /不包括「城乡规划」/);
    assert.equal(mayEnforce(o, { field: "城乡规划", date: "2025-12-31" }).ok, true);
    const ok = mayEnforce(o, { field: "林业", date: "2026-02-01" });
    assert.ok(ok.ok && ok.certificate.id === "new");
    assert.equal(currentCertificate([old, renewed], "2026-02-01")?.id, "new");
    assert.equal(certificateStatusOn(old, "2026-02-01"), "replaced");
  });

  test("revocation is final even if a reinstatement follows", () => {
    const c = cert({
      events: [
        { kind: "suspended", effectiveOn: "2026-01-01" },
        { kind: "revoked", effectiveOn: "2026-02-01" },
        { kind: "reinstated", effectiveOn: "2026-03-01" },
      ],
    });
    assert.equal(certificateStatusOn(c, "2026-04-01"), "revoked");
  });
});

describe("dates and figures", () => {
  test("O2: validity in years ends the day before the anniversary", () => {
    assert.equal(expiryFor("2026-03-01", 5), "2031-02-28");
    assert.equal(expiryFor("2024-02-29", 1), "2025-02-27");
    assert.equal(expiryFor("2026-01-10", 5), "2031-01-09");
  });
  test("calendar dates and China's calendar day of an instant", () => {
    assert.equal(isCalendarDate("2026-02-30"), false);
    assert.equal(isCalendarDate("2026-02-28"), true);
    assert.equal(dateOf(new Date("2026-11-21T16:30:00Z")), "2026-11-22");
  });
  test("exam participation and pass rate; percent with one decimal", () => {
    const f = examFigures([
      { score: 85, passMark: 60 },
      { score: 60, passMark: 60 },
      { score: 59, passMark: 60 },
      { score: null, passMark: 60 },
    ]);
    assert.deepEqual(f, { candidates: 4, sat: 3, passed: 2, participationPercent: 75, passPercent: 66.7 });
    assert.equal(percent(86, 88), 97.7);
    assert.equal(percent(1, 0), null);
  });
});

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  answerMessage,
  cleanTrackingCode,
  complaintSteps,
  distanceMetres,
  identityCommitment,
  maskIdentity,
  newTrackingCode,
  normaliseAddress,
  proposeAgency,
  publicComplaintInput,
  samePlace,
  trackingAlphabet,
  transferLetter,
  transferNotice,
} from "../../src/modules/complaints/complaint.ts";
import { maskAddress } from "../../src/modules/complaints/notifier.ts";
import { sniffImage } from "../../src/modules/complaints/photos.ts";

describe("complaints (domain)", () => {
  test("tracking codes: 10 symbols of an alphabet without 0/O/1/I, no repeats in 10,000", () => {
    assert.equal(trackingAlphabet.length, 32);
    for (const ch of "01OI") assert.ok(!trackingAlphabet.includes(ch));
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const c = newTrackingCode();
      assert.match(c, /^[23456789A-HJ-NP-Z]{10}$/);
      seen.add(c);
    }
    assert.equal(seen.size, 10_000);
    assert.equal(cleanTrackingCode("abcde-23456"), "ABCDE23456");
    assert.equal(cleanTrackingCode("ABCDE2345O"), undefined, "O is not in the alphabet");
    assert.equal(cleanTrackingCode("ABC"), undefined);
  });

  test("issue 8 item 5: same place = within N metres with coordinates, else the same normalised address", () => {
    assert.equal(normaliseAddress("湖滨路 18 号门前"), normaliseAddress("湖滨路18号"));
    assert.equal(normaliseAddress("湖滨路（18号）"), "湖滨路18号");
    const d = distanceMetres({ lat: 29.1, lng: 119.6 }, { lat: 29.1009, lng: 119.6 });
    assert.ok(d > 99 && d < 101, String(d));
    const a = { normalisedAddress: "x", latitude: 29.1, longitude: 119.6 };
    assert.equal(samePlace(a, { normalisedAddress: "y", latitude: 29.1008, longitude: 119.6 }, 100), true);
    assert.equal(samePlace(a, { normalisedAddress: "x", latitude: 29.102, longitude: 119.6 }, 100), false);
    assert.equal(
      samePlace({ ...a, latitude: null }, { normalisedAddress: "x", latitude: 29.5, longitude: 119 }, 100),
      true,
    );
    assert.equal(
      samePlace(
        { ...a, latitude: null, normalisedAddress: "" },
        { normalisedAddress: "", latitude: null, longitude: null },
        100,
      ),
      false,
    );
  });

  test("dispatch: the most specific rule wins; else the one unit whose area is in the address and holds the field", () => {
    const c = {
      placeAddress: "东湖区湖滨街道湖滨路 1 号",
      category: "street_vending",
      field: "市容环境卫生",
    };
    const units = [
      { id: "hb", areas: ["湖滨街道"], fields: ["市容环境卫生"] },
      { id: "xc", areas: ["新城街道"], fields: ["市容环境卫生", "城乡规划"] },
    ];
    assert.deepEqual(proposeAgency(c, [], units), { agencyId: "hb", by: "area" });
    assert.equal(
      proposeAgency({ ...c, field: "城乡规划" }, [], units),
      undefined,
      "湖滨中队 lacks the field",
    );
    const rules = [
      { keyword: "", category: "street_vending", agencyId: "cat" },
      { keyword: "湖滨路", category: "", agencyId: "kw" },
      { keyword: "湖滨路", category: "street_vending", agencyId: "both" },
      { keyword: "新城", category: "street_vending", agencyId: "no" },
    ];
    assert.deepEqual(proposeAgency(c, rules, units), { agencyId: "both", by: "rule" });
    assert.deepEqual(proposeAgency(c, rules.slice(0, 2), units), { agencyId: "kw", by: "rule" });
    assert.deepEqual(proposeAgency(c, rules.slice(0, 1), units), { agencyId: "cat", by: "rule" });
  });

  test("seed 001 item 25: the public form is anonymous or named with a valid phone", () => {
    const base = {
      bureauId: "00000000-0000-4000-8000-000000000001",
      category: "litter",
      address: "某路 1 号",
      description: "垃圾堆放很久了",
    };
    assert.equal(publicComplaintInput.safeParse({ ...base, anonymous: true }).success, true);
    assert.equal(publicComplaintInput.safeParse({ ...base, anonymous: "true" }).success, true);
    assert.equal(publicComplaintInput.safeParse({ ...base, anonymous: false }).success, false);
    assert.equal(
      publicComplaintInput.safeParse({
        ...base,
        anonymous: false,
        reporter: { name: "甲", phone: "13812345678" },
      }).success,
      true,
    );
    assert.equal(
      publicComplaintInput.safeParse({
        ...base,
        anonymous: false,
        reporter: { name: "甲", phone: "0579-22345678" },
      }).success,
      true,
    );
    assert.equal(
      publicComplaintInput.safeParse({ ...base, anonymous: false, reporter: { name: "甲", phone: "12" } })
        .success,
      false,
    );
  });

  test("seed 001 item 25 confidentiality: notices, letters and messages carry the code, never the reporter; the ledger a commitment", () => {
    const v = {
      agencyName: "示范市东湖区综合行政执法局",
      trackingCode: "ABCDE23456",
      receivedOn: "2026-06-15",
      categoryName: "其他",
      department: "区卫生健康局",
      on: "2026-06-16",
    };
    const notice = transferNotice(v);
    assert.match(notice, /2026年6月15日/);
    assert.match(notice, /ABCDE23456/);
    const letter = transferLetter({
      ...v,
      placeAddress: "某小区",
      description: "无证行医",
      reason: "不属本局职责",
    });
    assert.match(letter, /举报人信息依法保密/);
    assert.match(
      answerMessage({ agencyName: "x", trackingCode: "ABCDE23456", answer: "已处理" }),
      /ABCDE23456/,
    );
    const r = { name: "赵举报", phone: "13812345678", email: "" };
    const h = identityCommitment(r, "salt1");
    assert.match(h, /^[0-9a-f]{64}$/);
    assert.notEqual(h, identityCommitment(r, "salt2"));
    assert.equal(maskAddress({ kind: "sms", address: "13812345678" }), "138****5678");
    assert.equal(maskAddress({ kind: "email", address: "zhao@example.cn" }), "z***@example.cn");
  });

  test("seed 001 item 25: the reporter's own name, phone and e-mail are masked in free text", () => {
    const r = { name: "赵举报", phone: "0579-22345678", email: "zhao@example.cn" };
    assert.equal(
      maskIdentity("我是赵举报，电话0579-22345678或057922345678，邮箱zhao@example.cn", r),
      "我是***，电话***或***，邮箱***",
    );
    assert.equal(maskIdentity("赵举报", undefined), "赵举报");
  });

  test("photos are recognised by their first bytes", () => {
    assert.equal(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0])), "image/jpeg");
    assert.equal(sniffImage(Buffer.from("RIFF\0\0\0\0WEBPVP8 ")), "image/webp");
    assert.equal(sniffImage(Buffer.from("GIF89a........")), undefined);
  });

  test("the step table: every step names its permission and the unit acting", () => {
    for (const [code, s] of Object.entries(complaintSteps)) {
      assert.ok(s.from.length > 0, code);
      assert.ok(["complaint.dispatch", "complaint.handle"].includes(s.permission), code);
    }
    assert.equal(
      complaintSteps.accept.at,
      "pending",
      "first responder: the receiving unit owns it until the unit accepts",
    );
  });
});

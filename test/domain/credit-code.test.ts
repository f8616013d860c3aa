import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { demoAgencies } from "../../src/demo/demo-city.ts";
import { agencyFields, isValidCreditCode, withCreditCheckDigit } from "../../src/modules/agencies/agency.ts";

// GB 32100-2015 unified social credit codes. 91350100M000100Y43 is the standard's worked example.
describe("unified social credit code check digit (agency.ts)", () => {
  test("a published valid code passes", () => {
    assert.equal(isValidCreditCode("91350100M000100Y43"), true);
  });

  test("changing any single character breaks the check digit", () => {
    const good = "91350100M000100Y43";
    const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    for (let i = 0; i < good.length; i++) {
      for (const c of alphabet) {
        if (c === good[i]) continue;
        const bad = good.slice(0, i) + c + good.slice(i + 1);
        assert.equal(isValidCreditCode(bad), false, bad);
      }
    }
  });

  test("wrong length, lowercase and excluded letters (I O Z S V) are refused", () => {
    for (const bad of [
      "",
      "91350100M000100Y4",
      "91350100M000100Y433",
      "91350100m000100y43",
      "91350100M000100I43",
      "91350100M000100O43",
      "91350100M000100Z43",
      "91350100M000100S43",
      "91350100M000100V43",
      "9135010AM000100Y43", // region code must be digits
    ]) {
      assert.equal(isValidCreditCode(bad), false, bad);
    }
  });

  test("withCreditCheckDigit produces valid codes (demo agencies)", () => {
    assert.equal(withCreditCheckDigit("91350100M000100Y4"), "91350100M000100Y43");
    for (const a of demoAgencies)
      if (a.creditCode) assert.equal(isValidCreditCode(a.creditCode), true, a.name);
  });

  test("the agency schema upper-cases and checks the code", () => {
    assert.equal(agencyFields.creditCode.parse(" 91350100m000100y43 "), "91350100M000100Y43");
    assert.equal(agencyFields.creditCode.safeParse("91350100M000100Y44").success, false);
    assert.equal(agencyFields.creditCode.parse(null), null);
  });
});

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  checkSettingValue,
  isSettingKey,
  resolveSetting,
  type SettingKey,
  settingDefinitions,
} from "../../src/modules/settings/registry.ts";

const keys = Object.keys(settingDefinitions) as SettingKey[];

describe("settings registry", () => {
  test("every default passes its own check, and every setting names a rule", () => {
    for (const key of keys) {
      const d = settingDefinitions[key];
      assert.equal(checkSettingValue(key, d.default), undefined, key);
      assert.ok(d.ruleId.length > 0, key);
      assert.match(d.label, /[\u4e00-\u9fff]/, key);
    }
  });

  test("SEC: security.lockoutThreshold defaults to 5", () => {
    assert.equal(settingDefinitions["security.lockoutThreshold"].default, 5);
  });

  test("numeric settings refuse non-integers, strings and out-of-range values", () => {
    assert.match(checkSettingValue("security.lockoutThreshold", 0) ?? "", /不能小于 1/);
    assert.match(checkSettingValue("security.lockoutThreshold", 101) ?? "", /不能大于 100/);
    assert.match(checkSettingValue("security.lockoutThreshold", 5.5) ?? "", /整数/);
    assert.match(checkSettingValue("security.lockoutThreshold", "5") ?? "", /整数/);
    assert.match(checkSettingValue("security.lockoutThreshold", null) ?? "", /整数/);
    assert.match(checkSettingValue("security.lockoutThreshold", Number.NaN) ?? "", /整数/);
    assert.match(checkSettingValue("hearing.fineThresholdIndividual", 2 ** 60) ?? "", /整数/);
    assert.equal(checkSettingValue("security.lockoutThreshold", 1), undefined);
    assert.equal(checkSettingValue("security.lockoutThreshold", 100), undefined);
  });

  test("money settings without a maximum accept large amounts in fen (P6)", () => {
    assert.equal(checkSettingValue("hearing.fineThresholdOrganisation", 100_000_000), undefined);
    assert.match(checkSettingValue("hearing.fineThresholdOrganisation", 0) ?? "", /不能小于/);
  });

  test("G5: the annual report date must be MM-DD", () => {
    assert.equal(checkSettingValue("publicity.annualReportDue", "01-31"), undefined);
    for (const bad of ["13-01", "1-31", "01-32", "00-10", "2025-01-31", ""]) {
      assert.ok(checkSettingValue("publicity.annualReportDue", bad), bad);
    }
    assert.ok(checkSettingValue("publicity.annualReportDue", 131));
  });

  test("isSettingKey accepts only registered keys (not inherited object properties)", () => {
    assert.equal(isSettingKey("security.lockoutThreshold"), true);
    for (const bad of ["toString", "__proto__", "constructor", "hasOwnProperty", "security", ""]) {
      assert.equal(isSettingKey(bad), false, bad);
    }
  });
});

describe("resolveSetting: inheritance down the agency tree", () => {
  const key = "review.deadlineWorkdays" as const;

  test("no override anywhere → the default, with no source agency", () => {
    assert.deepEqual(
      resolveSetting(key, [
        { agencyId: "squad", value: undefined },
        { agencyId: "county", value: null },
        { agencyId: "city", value: undefined },
      ]),
      { value: 7, sourceAgencyId: null },
    );
  });

  test("an override on the city is inherited by county and squad", () => {
    assert.deepEqual(
      resolveSetting(key, [
        { agencyId: "squad", value: undefined },
        { agencyId: "county", value: undefined },
        { agencyId: "city", value: 10 },
      ]),
      { value: 10, sourceAgencyId: "city" },
    );
  });

  test("the nearest override wins (county over city, own over county)", () => {
    assert.deepEqual(
      resolveSetting(key, [
        { agencyId: "squad", value: null },
        { agencyId: "county", value: 5 },
        { agencyId: "city", value: 10 },
      ]),
      { value: 5, sourceAgencyId: "county" },
    );
    assert.deepEqual(
      resolveSetting(key, [
        { agencyId: "squad", value: 3 },
        { agencyId: "county", value: 5 },
        { agencyId: "city", value: 10 },
      ]),
      { value: 3, sourceAgencyId: "squad" },
    );
  });

  test("zero is a real value, not 'inherit'", () => {
    assert.deepEqual(
      resolveSetting("review.extensionWorkdays", [
        { agencyId: "county", value: 0 },
        { agencyId: "city", value: 9 },
      ]),
      { value: 0, sourceAgencyId: "county" },
    );
  });
});

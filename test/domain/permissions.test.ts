import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AppError } from "../../src/core/errors.ts";
import {
  can,
  holdsAnywhere,
  requirePermission,
  scopePrefixes,
} from "../../src/modules/identity/principal.ts";
import {
  type Permission,
  permissionCodes,
  permissions,
  roleCodes,
  roles,
} from "../../src/modules/identity/roles.ts";
import { principal } from "../support/fixtures.ts";

// A small agency tree by materialised path: city → donghu (→ squad d1), xishan (→ qingshi).
const city = "/c/";
const donghu = "/c/d/";
const d1 = "/c/d/d1/";
const xishan = "/c/x/";
const qingshi = "/c/x/q/";
// An agency whose id begins with donghu's id: a naive prefix test without "/" would leak.
const lookalike = "/c/dd/";

describe("permission scopes (principal.ts)", () => {
  test("subtree scope: a county sysadmin manages its county and the squads below it", () => {
    const p = principal([{ agencyPath: donghu, roles: ["sysadmin"] }]);
    assert.equal(can(p, "agency.manage", donghu), true);
    assert.equal(can(p, "agency.manage", d1), true);
    assert.equal(can(p, "user.manage", d1), true);
    assert.equal(can(p, "settings.manage", d1), true);
  });

  test("subtree scope does not reach the parent, a sibling county, or its subordinates", () => {
    const p = principal([{ agencyPath: donghu, roles: ["sysadmin"] }]);
    for (const other of [city, xishan, qingshi]) {
      for (const perm of [
        "agency.read",
        "agency.manage",
        "user.read",
        "user.manage",
        "settings.read",
      ] as const) {
        assert.equal(can(p, perm, other), false, `${perm} on ${other}`);
      }
    }
  });

  test("subtree matching respects path boundaries (/c/d/ does not cover /c/dd/)", () => {
    const p = principal([{ agencyPath: donghu, roles: ["sysadmin"] }]);
    assert.equal(can(p, "agency.read", lookalike), false);
  });

  test("own scope: workbench.read applies only in the agency where the role is held", () => {
    const p = principal([{ agencyPath: donghu, roles: ["officer"] }]);
    assert.equal(permissions["workbench.read"].scope, "own");
    assert.equal(can(p, "workbench.read", donghu), true);
    assert.equal(can(p, "workbench.read", d1), false);
    assert.equal(can(p, "workbench.read", city), false);
  });

  test("a city agency leader reads both counties but manages nothing", () => {
    const p = principal([{ agencyPath: city, roles: ["agency_leader"] }]);
    for (const path of [city, donghu, d1, xishan, qingshi]) {
      assert.equal(can(p, "agency.read", path), true);
      assert.equal(can(p, "user.read", path), true);
      assert.equal(can(p, "settings.read", path), true);
      assert.equal(can(p, "audit.read", path), true);
      for (const perm of ["agency.manage", "user.manage", "settings.manage", "calendar.manage"] as const) {
        assert.equal(can(p, perm, path), false, `${perm} on ${path}`);
      }
    }
    assert.equal(holdsAnywhere(p, "user.manage"), false);
  });

  test("a permission needs a role granting it in an agency covering the target", () => {
    // Officer in donghu and sysadmin in qingshi: manage qingshi only, read both.
    const p = principal([
      { agencyPath: donghu, roles: ["officer"] },
      { agencyPath: qingshi, roles: ["sysadmin"] },
    ]);
    assert.equal(can(p, "user.manage", qingshi), true);
    assert.equal(can(p, "user.manage", donghu), false);
    assert.equal(can(p, "user.read", d1), true);
    assert.equal(can(p, "user.read", xishan), false);
  });

  test("assistants and social supervisors cannot read staff or settings", () => {
    for (const role of ["assistant", "social_supervisor"] as const) {
      const p = principal([{ agencyPath: donghu, roles: [role] }]);
      assert.equal(holdsAnywhere(p, "user.read"), false, role);
      assert.equal(holdsAnywhere(p, "settings.read"), false, role);
      assert.equal(holdsAnywhere(p, "agency.read"), true, role);
    }
  });

  test("holdsAnywhere: the route-level check", () => {
    assert.equal(holdsAnywhere(principal([{ agencyPath: d1, roles: ["officer"] }]), "user.manage"), false);
    assert.equal(holdsAnywhere(principal([{ agencyPath: d1, roles: ["sysadmin"] }]), "user.manage"), true);
    assert.equal(holdsAnywhere(principal([]), "agency.read"), false);
  });

  test("requirePermission throws FORBIDDEN_AGENCY outside the scope", () => {
    const p = principal([{ agencyPath: donghu, roles: ["sysadmin"] }]);
    assert.doesNotThrow(() => requirePermission(p, "agency.manage", d1));
    assert.throws(
      () => requirePermission(p, "agency.manage", xishan),
      (e: unknown) => e instanceof AppError && e.code === "FORBIDDEN_AGENCY",
    );
  });

  test("only the system administrator holds management permissions", () => {
    const manage: Permission[] = ["agency.manage", "user.manage", "settings.manage", "calendar.manage"];
    for (const role of roleCodes) {
      const granted = roles[role].permissions as readonly Permission[];
      for (const perm of manage) {
        assert.equal(granted.includes(perm), role === "sysadmin", `${role} ${perm}`);
      }
      for (const perm of granted) assert.ok(permissionCodes.includes(perm), `${role}: unknown ${perm}`);
    }
  });
});

describe("scopePrefixes (list filters)", () => {
  test("subtree prefixes: nested memberships collapse to the outermost", () => {
    const p = principal([
      { agencyPath: d1, roles: ["officer"] },
      { agencyPath: donghu, roles: ["agency_leader"] },
      { agencyPath: qingshi, roles: ["officer"] },
    ]);
    assert.deepEqual(scopePrefixes(p, "user.read").sort(), [donghu, qingshi]);
  });

  test("memberships without the permission contribute nothing", () => {
    const p = principal([
      { agencyPath: donghu, roles: ["assistant"] },
      { agencyPath: xishan, roles: ["officer"] },
    ]);
    assert.deepEqual(scopePrefixes(p, "user.read"), [xishan]);
    assert.deepEqual(scopePrefixes(p, "user.manage"), []);
    assert.deepEqual(scopePrefixes(p, "agency.read").sort(), [donghu, xishan]);
  });

  test("a lookalike sibling path is not swallowed by a shorter prefix", () => {
    const p = principal([
      { agencyPath: donghu, roles: ["officer"] },
      { agencyPath: lookalike, roles: ["officer"] },
    ]);
    assert.deepEqual(scopePrefixes(p, "user.read").sort(), [donghu, lookalike]);
  });

  test("own-scope prefixes keep every agency (matched exactly)", () => {
    const p = principal([
      { agencyPath: donghu, roles: ["officer"] },
      { agencyPath: d1, roles: ["officer"] },
    ]);
    assert.deepEqual(scopePrefixes(p, "workbench.read").sort(), [donghu, d1]);
  });
});

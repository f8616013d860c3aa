import type { AppContext } from "../../src/context.ts";
import { createAgencyInput } from "../../src/modules/agencies/agency.ts";
import { createAgency } from "../../src/modules/agencies/create-agency.ts";
import { createUser } from "../../src/modules/identity/create-user.ts";
import { principalForUser } from "../../src/modules/identity/load-principal.ts";
import type { Principal } from "../../src/modules/identity/principal.ts";
import type { Role } from "../../src/modules/identity/roles.ts";

/** A principal built in memory (domain tests: no database). */
export function principal(
  memberships: { agencyPath: string; roles: Role[]; agencyId?: string }[],
): Principal {
  return {
    userId: "00000000-0000-4000-8000-000000000001",
    username: "tester",
    displayName: "测试",
    memberships: memberships.map((m, i) => ({
      agencyId: m.agencyId ?? `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      agencyPath: m.agencyPath,
      roles: m.roles,
    })),
  };
}

export type SmallTree = {
  city: string;
  countyA: string;
  countyB: string;
  squadA: string;
  /** A city system administrator (a real account). */
  admin: Principal;
};

let n = 0;

/** city → county A (→ squad A), county B, plus a city sysadmin: enough for the database tests. */
export async function smallTree(ctx: AppContext, password = "Tree2025pass"): Promise<SmallTree> {
  const tag = `${process.pid}-${++n}`;
  const make = async (kind: string, name: string, parentId: string | null) =>
    (
      await createAgency(
        ctx,
        null,
        createAgencyInput.parse({ parentId, kind, name, shortName: name.slice(0, 20), sealName: name }),
      )
    ).id;
  const city = await make("city_bureau", `测试市执法局${tag}`, null);
  const countyA = await make("county_bureau", `甲县执法局${tag}`, city);
  const countyB = await make("county_bureau", `乙县执法局${tag}`, city);
  const squadA = await make("squad", `甲县一中队${tag}`, countyA);
  const created = await createUser(ctx, null, {
    username: `tree.admin.${tag}`,
    displayName: "树管理员",
    phone: "",
    password,
    memberships: [{ agencyId: city, role: "sysadmin" }],
  });
  const admin = (await principalForUser(ctx.db, created.id))!;
  return { city, countyA, countyB, squadA, admin };
}

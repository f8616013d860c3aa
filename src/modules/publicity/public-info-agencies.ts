import { asc } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { agencies } from "../agencies/schema.ts";

export const agencyKindNames: Record<string, string> = {
  city_bureau: "市级综合行政执法局",
  county_bureau: "县（区）综合行政执法局",
  squad: "执法中队",
  township_office: "乡镇（街道）综合行政执法办公室",
};

/**
 * The enforcement bodies (执法主体) for the public site (C13): name, kind, address, phone, areas and
 * fields of enforcement, place in the tree. Only what an agency publishes about itself.
 */
export async function listPublicAgencies(ctx: AppContext) {
  const rows = await ctx.db
    .select({
      id: agencies.id,
      parentId: agencies.parentId,
      name: agencies.name,
      shortName: agencies.shortName,
      kind: agencies.kind,
      creditCode: agencies.creditCode,
      address: agencies.address,
      phone: agencies.phone,
      areas: agencies.areas,
      fields: agencies.fields,
      path: agencies.path,
    })
    .from(agencies)
    .orderBy(asc(agencies.path));
  return rows.map(({ path, ...a }) => ({
    ...a,
    kindName: agencyKindNames[a.kind] ?? a.kind,
    depth: path.split("/").filter(Boolean).length - 1,
  }));
}

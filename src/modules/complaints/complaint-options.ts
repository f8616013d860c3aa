import { asc, inArray } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { agencies } from "../agencies/schema.ts";
import { complaintCategories, complaintCategoryCodes } from "./complaint.ts";

/** What the public form offers: the receiving units (bureaus and township offices) and the categories. */
export async function complaintOptions(ctx: AppContext) {
  const units = await ctx.db
    .select({
      id: agencies.id,
      name: agencies.name,
      phone: agencies.phone,
      areas: agencies.areas,
      path: agencies.path,
    })
    .from(agencies)
    .where(inArray(agencies.kind, ["city_bureau", "county_bureau", "township_office"]))
    .orderBy(asc(agencies.path));
  return {
    units: units.map(({ path: _p, ...u }) => u),
    categories: complaintCategoryCodes.map((code) => ({ code, name: complaintCategories[code].name })),
  };
}

import { inArray } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { ancestorIds } from "../agencies/agency.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { agencies } from "../agencies/schema.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { latestOverrides } from "./get-setting.ts";
import { resolveSetting, type SettingKey, type SettingValue, settingDefinitions } from "./registry.ts";

/** Every setting as it applies to one agency, with where its value comes from. */
export async function listSettings(ctx: AppContext, actor: Principal, agencyId: string) {
  const agency = await findAgency(ctx.db, agencyId);
  requirePermission(actor, "settings.read", agency.path);
  const chain = ancestorIds(agency.path).reverse();
  const overrides = await latestOverrides(ctx.db, chain);
  const names = new Map(
    (
      await ctx.db
        .select({ id: agencies.id, name: agencies.name })
        .from(agencies)
        .where(inArray(agencies.id, chain))
    ).map((a) => [a.id, a.name]),
  );
  return (Object.keys(settingDefinitions) as SettingKey[]).map((key) => {
    const d = settingDefinitions[key];
    const r = resolveSetting(
      key,
      chain.map((id) => ({
        agencyId: id,
        value: overrides.find((o) => o.agencyId === id && o.key === key)?.value as SettingValue | null,
      })),
    );
    return {
      key,
      label: d.label,
      ruleId: d.ruleId,
      type: d.type,
      unit: d.unit,
      description: d.description,
      value: r.value,
      defaultValue: d.default,
      min: d.min ?? null,
      max: d.max ?? null,
      source: r.sourceAgencyId === null ? "default" : r.sourceAgencyId === agencyId ? "own" : "inherited",
      sourceAgencyId: r.sourceAgencyId,
      sourceAgencyName: r.sourceAgencyId ? (names.get(r.sourceAgencyId) ?? null) : null,
    } as const;
  });
}

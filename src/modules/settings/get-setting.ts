import { and, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { ancestorIds } from "../agencies/agency.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { resolveSetting, type SettingKey, type SettingValue, settingDefinitions } from "./registry.ts";
import { settingChanges } from "./schema.ts";

/** Latest recorded value per (agency, key) among the given agencies. */
export async function latestOverrides(ex: Executor, agencyIds: string[], key?: SettingKey) {
  if (agencyIds.length === 0) return [];
  return ex
    .selectDistinctOn([settingChanges.agencyId, settingChanges.key], {
      agencyId: settingChanges.agencyId,
      key: settingChanges.key,
      value: settingChanges.value,
    })
    .from(settingChanges)
    .where(and(inArray(settingChanges.agencyId, agencyIds), key ? eq(settingChanges.key, key) : undefined))
    .orderBy(settingChanges.agencyId, settingChanges.key, desc(settingChanges.id));
}

/** The value of one setting in force for an agency (own override, else nearest ancestor, else default). */
export async function getSetting(
  ex: Executor,
  agencyId: string | null,
  key: SettingKey,
): Promise<SettingValue> {
  if (!agencyId) return settingDefinitions[key].default;
  const agency = await findAgency(ex, agencyId);
  const chain = ancestorIds(agency.path).reverse();
  const overrides = await latestOverrides(ex, chain, key);
  const resolved = resolveSetting(
    key,
    chain.map((id) => ({
      agencyId: id,
      value: overrides.find((o) => o.agencyId === id)?.value as SettingValue | null,
    })),
  );
  return resolved.value;
}

/** A numeric setting (integer, money in fen, percent). */
export async function getNumberSetting(
  ex: Executor,
  agencyId: string | null,
  key: SettingKey,
): Promise<number> {
  const v = await getSetting(ex, agencyId, key);
  if (typeof v !== "number") throw new Error(`setting ${key} is not numeric`);
  return v;
}

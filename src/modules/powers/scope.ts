import { or, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { AppError } from "../../core/errors.ts";
import { type Principal, scopePrefixes } from "../identity/principal.ts";
import { type Permission, roles } from "../identity/roles.ts";

const readerPaths = (actor: Principal): string[] =>
  actor.memberships
    .filter((m) =>
      m.roles.some((r) => (roles[r].permissions as readonly Permission[]).includes("power.read")),
    )
    .map((m) => m.agencyPath);

/**
 * Who reads power items and benchmarks: a holder of power.read in agency A reads the data of A,
 * of the agencies below A (supervision) and of the agencies above A (a subordinate applies the
 * catalogue and benchmarks its superior publishes). Siblings never see each other's data.
 */
export function readablePowerPaths(path: AnyPgColumn, actor: Principal): SQL {
  const prefixes = scopePrefixes(actor, "power.read");
  const memberPaths = readerPaths(actor);
  if (prefixes.length === 0) return sql`false`;
  return or(
    ...prefixes.map((p) => sql`starts_with(${path}, ${p})`),
    ...memberPaths.map((p) => sql`starts_with(${p}, ${path})`),
  )!;
}

export function canReadPower(actor: Principal, agencyPath: string): boolean {
  const prefixes = scopePrefixes(actor, "power.read");
  if (prefixes.length === 0) return false;
  return (
    prefixes.some((p) => agencyPath.startsWith(p)) || readerPaths(actor).some((p) => p.startsWith(agencyPath))
  );
}

export function requireReadPower(actor: Principal, agencyPath: string): void {
  if (!canReadPower(actor, agencyPath)) throw new AppError("FORBIDDEN_AGENCY");
}

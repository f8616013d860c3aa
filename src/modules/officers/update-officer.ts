import { and, eq, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import type { Tx } from "../../db/client.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { checkQualification } from "./create-officer.ts";
import { findOfficerFor, type OfficerRow } from "./find-officer.ts";
import type { UpdateOfficerInput } from "./officer.ts";
import { officerProfiles } from "./schema.ts";

/**
 * Changes the descriptive fields of a profile and the legal qualification (P10). The post and
 * agency change only by rotation. Optimistic concurrency on `version`.
 */
export async function updateOfficer(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: UpdateOfficerInput,
) {
  return ctx.db.transaction(async (tx) => {
    const { profile, agency } = await findOfficerFor(tx, actor, id, "officer.manage");
    const { version, ...changes } = input;
    return changeOfficer(tx, ctx, actor, profile, agency.id, changes, version);
  });
}

/** Applies descriptive changes to a profile (P10 checked), a new version and a ledger entry. */
export async function changeOfficer(
  tx: Tx,
  ctx: AppContext,
  actor: Principal,
  profile: OfficerRow,
  agencyId: string,
  changes: Omit<UpdateOfficerInput, "version">,
  version: number,
) {
  checkQualification(
    changes.legalQualificationNo === undefined ? profile.legalQualificationNo : changes.legalQualificationNo,
    changes.legalQualificationDate === undefined
      ? profile.legalQualificationDate
      : changes.legalQualificationDate,
  );
  const [row] = await tx
    .update(officerProfiles)
    .set({ ...changes, updatedAt: ctx.now(), version: sql`${officerProfiles.version} + 1` })
    .where(and(eq(officerProfiles.id, profile.id), eq(officerProfiles.version, version)))
    .returning();
  if (!row) throw new AppError("CONFLICT");
  await appendEntry(tx, {
    agencyId,
    actorId: actor.userId,
    type: "officer.updated",
    payload: { officerId: profile.id, ...changes },
    at: ctx.now(),
  });
  return row;
}

import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Tx } from "../../db/client.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { findUserFor } from "../identity/find-user.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { requireOfficerManage } from "./find-officer.ts";
import { type CreateOfficerInput, dateOf } from "./officer.ts";
import { officerProfiles, officerRotations } from "./schema.ts";

/** P10: a legal qualification is a number and a date together, or neither. */
export function checkQualification(no: string | null | undefined, date: string | null | undefined): void {
  if ((no == null) !== (date == null))
    throw new AppError("VALIDATION_FAILED", "法律职业资格证书编号和取得日期须同时填写");
}

/** Creates the officer profile of a user account, starting the rotation history. */
export async function createOfficer(ctx: AppContext, actor: Principal, input: CreateOfficerInput) {
  checkQualification(input.legalQualificationNo, input.legalQualificationDate);
  return ctx.db.transaction(async (tx) => {
    const agency = await findAgency(tx, input.agencyId).catch(() => {
      throw new AppError("VALIDATION_FAILED", "所选机构不存在");
    });
    await requireOfficerManage(tx, actor, agency);
    const { user, memberships } = await findUserFor(tx, actor, input.userId, "user.read");
    if (!memberships.some((m) => m.agencyId === agency.id))
      throw new AppError("VALIDATION_FAILED", "该账号在所选机构没有角色，请先在账号管理中分配");
    return insertOfficer(tx, ctx, actor, agency.id, user.id, input);
  });
}

/** Inserts a profile and the first row of its rotation history (checks done by the caller). */
export async function insertOfficer(
  tx: Tx,
  ctx: AppContext,
  actor: Principal,
  agencyId: string,
  userId: string,
  input: Omit<CreateOfficerInput, "userId" | "agencyId">,
) {
  const [existing] = await tx
    .select({ id: officerProfiles.id })
    .from(officerProfiles)
    .where(eq(officerProfiles.userId, userId));
  if (existing) throw new AppError("DUPLICATE", "该账号已建立执法人员档案");
  const id = newId();
  const now = ctx.now();
  const { postSince, ...fields } = input;
  if (postSince && postSince > dateOf(now)) throw new AppError("VALIDATION_FAILED", "任职日期不能晚于今天");
  const [row] = await tx
    .insert(officerProfiles)
    .values({ ...fields, userId, agencyId, id, createdAt: now, updatedAt: now })
    .returning();
  await tx.insert(officerRotations).values({
    id: newId(),
    officerId: id,
    fromAgencyId: null,
    toAgencyId: agencyId,
    fromPost: null,
    toPost: input.post,
    enforcementPost: input.enforcementPost,
    effectiveOn: postSince ?? dateOf(now),
    reason: "建立档案",
    recordedBy: actor.userId,
    recordedAt: now,
  });
  await appendEntry(tx, {
    agencyId,
    actorId: actor.userId,
    type: "officer.created",
    payload: { officerId: id, userId, post: input.post, enforcementPost: input.enforcementPost },
    at: now,
  });
  return row!;
}

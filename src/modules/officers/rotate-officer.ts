import { desc, eq, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { findAgency } from "../agencies/find-agency.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { recordCertificateEvent } from "./certificate-event.ts";
import { certificatesOf, findOfficerFor, requireOfficerManage } from "./find-officer.ts";
import { dateOf, type RotateOfficerInput } from "./officer.ts";
import { officerProfiles, officerRotations } from "./schema.ts";

/**
 * Rotation (轮岗) or a change of post: a new history row and the profile's current post. Leaving
 * an enforcement post takes back (revokes) every certificate still held, in the same transaction,
 * from the effective date (O2) — mayEnforce refuses the holder at once.
 */
export async function rotateOfficer(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: RotateOfficerInput,
) {
  return ctx.db.transaction(async (tx) => {
    const officer = await findOfficerFor(tx, actor, id, "officer.manage");
    const target = await findAgency(tx, input.agencyId).catch(() => {
      throw new AppError("VALIDATION_FAILED", "所选机构不存在");
    });
    await requireOfficerManage(tx, actor, target);
    const today = dateOf(ctx.now());
    if (input.effectiveOn > today)
      throw new AppError("VALIDATION_FAILED", "生效日期不能晚于今天（调整发生后登记）");
    const p = officer.profile;
    if (p.agencyId === target.id && p.post === input.post && p.enforcementPost === input.enforcementPost)
      throw new AppError("VALIDATION_FAILED", "岗位和机构均未变化");
    const [last] = await tx
      .select({ effectiveOn: officerRotations.effectiveOn })
      .from(officerRotations)
      .where(eq(officerRotations.officerId, id))
      .orderBy(desc(officerRotations.effectiveOn))
      .limit(1);
    if (last && input.effectiveOn < last.effectiveOn)
      throw new AppError("VALIDATION_FAILED", `生效日期不能早于上一次岗位变动（${last.effectiveOn}）`);
    const now = ctx.now();
    const revoked: string[] = [];
    if (p.enforcementPost && !input.enforcementPost) {
      for (const c of await certificatesOf(tx, [id], input.effectiveOn)) {
        if (c.status === "revoked" || c.status === "replaced") continue;
        await recordCertificateEvent(
          tx,
          ctx,
          actor,
          c.id,
          "revoked",
          { effectiveOn: input.effectiveOn, reason: `离开执法岗位：${input.reason}` },
          ["valid", "suspended", "expired", "not_yet_valid"],
        );
        revoked.push(c.number);
      }
    }
    await tx.insert(officerRotations).values({
      id: newId(),
      officerId: id,
      fromAgencyId: p.agencyId,
      toAgencyId: target.id,
      fromPost: p.post,
      toPost: input.post,
      enforcementPost: input.enforcementPost,
      effectiveOn: input.effectiveOn,
      reason: input.reason,
      recordedBy: actor.userId,
      recordedAt: now,
    });
    const [row] = await tx
      .update(officerProfiles)
      .set({
        agencyId: target.id,
        post: input.post,
        enforcementPost: input.enforcementPost,
        updatedAt: now,
        version: sql`${officerProfiles.version} + 1`,
      })
      .where(eq(officerProfiles.id, id))
      .returning();
    await appendEntry(tx, {
      agencyId: officer.agency.id,
      actorId: actor.userId,
      type: "officer.rotated",
      payload: {
        officerId: id,
        fromAgencyId: p.agencyId,
        toAgencyId: target.id,
        fromPost: p.post,
        toPost: input.post,
        enforcementPost: input.enforcementPost,
        effectiveOn: input.effectiveOn,
        revokedCertificates: revoked,
      },
      at: now,
    });
    return { officer: row!, revokedCertificates: revoked };
  });
}

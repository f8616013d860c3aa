import { and, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { findCase } from "../cases/find-case.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { type DiscussInput, discussInput } from "./review-input.ts";
import { collectiveDiscussions, collectiveMeetings } from "./schema.ts";

/**
 * P9: one case discussed at a meeting: each attending member's opinion and the conclusion (approved
 * or not). The case must belong to the meeting's agency or an agency below it.
 */
export async function discussCase(ctx: AppContext, actor: Principal, meetingId: string, raw: DiscussInput) {
  const input = discussInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const [meeting] = await tx.select().from(collectiveMeetings).where(eq(collectiveMeetings.id, meetingId));
    if (!meeting) throw new AppError("NOT_FOUND", "会议记录不存在");
    const agency = await findAgency(tx, meeting.agencyId);
    requirePermission(actor, "meeting.manage", agency.path);
    const loaded = await findCase(tx, actor, input.caseId);
    if (!loaded.agency.path.startsWith(agency.path))
      throw new AppError("FORBIDDEN_AGENCY", "只能讨论本机关及所属机构办理的案件");
    const present = meeting.attendees.map((a) => a.userId);
    const outsiders = input.opinions.filter((o) => !present.includes(o.userId));
    if (outsiders.length)
      throw new AppError(
        "VALIDATION_FAILED",
        "发表意见的人员须为本次会议出席人员",
        outsiders.map((o) => ({ path: "opinions", message: o.userId })),
      );
    const [already] = await tx
      .select({ id: collectiveDiscussions.id })
      .from(collectiveDiscussions)
      .where(
        and(eq(collectiveDiscussions.meetingId, meetingId), eq(collectiveDiscussions.caseId, input.caseId)),
      );
    if (already) throw new AppError("CONFLICT", "本次会议已记录该案的讨论");
    const now = ctx.now();
    const row = {
      id: newId(),
      meetingId,
      caseId: input.caseId,
      opinions: input.opinions.map((o) => ({
        ...o,
        name: meeting.attendees.find((a) => a.userId === o.userId)!.name,
      })),
      conclusion: input.conclusion,
      approved: input.approved,
      actorId: actor.userId,
      at: now,
    };
    await tx.insert(collectiveDiscussions).values(row);
    await appendEntry(tx, {
      agencyId: loaded.case.agencyId,
      actorId: actor.userId,
      caseId: input.caseId,
      type: "meeting.case_discussed",
      payload: {
        meetingId,
        heldOn: meeting.heldOn,
        approved: input.approved,
        conclusion: input.conclusion,
        opinions: input.opinions,
      },
      at: now,
    });
    return row;
  });
}

import { inArray } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { users } from "../identity/schema.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { dateOf } from "../officers/officer.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { leaderRoles, quorumMet } from "./meetings.ts";
import { type MeetingInput, meetingInput } from "./review-input.ts";
import { collectiveMeetings } from "./schema.ts";

/** P9: records a collective discussion meeting of the agency's leaders (date, chair, attendees, quorum setting). */
export async function createMeeting(ctx: AppContext, actor: Principal, raw: MeetingInput) {
  const input = meetingInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const agency = await findAgency(tx, input.agencyId);
    requirePermission(actor, "meeting.manage", agency.path);
    const now = ctx.now();
    if (input.heldOn > dateOf(now))
      throw new AppError("VALIDATION_FAILED", "会议日期不能晚于今天", [
        { path: "heldOn", message: "晚于今天" },
      ]);
    const ids = input.attendees.map((a) => a.userId);
    const found = await tx
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(inArray(users.id, ids));
    const unknown = ids.filter((id) => !found.some((f) => f.id === id));
    if (unknown.length)
      throw new AppError(
        "VALIDATION_FAILED",
        "出席人员中有不存在的账号",
        unknown.map((u) => ({ path: "attendees", message: u })),
      );
    const quorum = await getNumberSetting(tx, agency.id, "discussion.quorumPercent");
    const leaders = input.attendees.filter((a) => leaderRoles.includes(a.role)).length;
    if (!quorumMet(leaders, input.memberCount, quorum))
      throw new AppError(
        "QUORUM_NOT_MET",
        `出席的负责人 ${leaders} 人，班子成员 ${input.memberCount} 人，未超过规定的 ${quorum}%，集体讨论无效（P9）`,
      );
    const row = {
      id: newId(),
      agencyId: agency.id,
      heldOn: input.heldOn,
      place: input.place,
      chairId: input.chairId,
      memberCount: input.memberCount,
      attendees: input.attendees.map((a) => ({ ...a, name: found.find((f) => f.id === a.userId)!.name })),
      actorId: actor.userId,
      at: now,
    };
    await tx.insert(collectiveMeetings).values(row);
    await appendEntry(tx, {
      agencyId: agency.id,
      actorId: actor.userId,
      type: "meeting.held",
      payload: {
        meetingId: row.id,
        heldOn: row.heldOn,
        chairId: row.chairId,
        memberCount: row.memberCount,
        attendees: row.attendees.map((a) => ({ userId: a.userId, role: a.role })),
      },
      at: now,
    });
    return row;
  });
}

import type { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { parseInput } from "../evidence/parse-input.ts";
import type { Principal } from "../identity/principal.ts";
import { dateOf } from "../officers/officer.ts";
import {
  answerMessage,
  complaintCategories,
  maskIdentity,
  transferInput,
  transferLetter,
  transferNotice,
} from "./complaint.ts";
import { loadComplaint, mayRead } from "./find-complaint.ts";
import { notifyReporters } from "./notify-reporters.ts";
import { reporterOf } from "./reporter-of.ts";
import { shareAnswer } from "./share-answer.ts";
import { checkStep, writeStep } from "./step.ts";

/**
 * A complaint outside the agency's duties is transferred in writing to the competent department,
 * and the reporter is told at the same time (seed 001 item 25: 书面移送其他部门，并同时通知投诉、
 * 举报人; item 17). The notice is the answer shown on the status page and sent to named reporters.
 */
export async function transferComplaint(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: z.input<typeof transferInput>,
) {
  const m = parseInput(transferInput, input);
  const result = await ctx.db.transaction(async (tx) => {
    const l = await loadComplaint(tx, id);
    if (!mayRead(actor, l)) throw new AppError("FORBIDDEN_AGENCY");
    checkStep(actor, l, "transfer", m.version);
    const c = l.complaint;
    const now = ctx.now();
    const on = dateOf(now);
    const categoryName =
      complaintCategories[c.category as keyof typeof complaintCategories]?.name ?? c.category;
    const base = {
      agencyName: l.agency.name,
      trackingCode: c.trackingCode,
      receivedOn: c.receivedOn,
      categoryName,
    };
    const notice = transferNotice({ ...base, department: m.department, on });
    const letter = transferLetter({
      ...base,
      placeAddress: c.placeAddress,
      description: maskIdentity(c.description, await reporterOf(tx, c.id)),
      department: m.department,
      reason: m.reason,
      on,
    });
    const row = await writeStep(tx, c, {
      event: "transferred",
      ledger: "complaint.transferred",
      to: "transferred",
      data: { department: m.department, reason: m.reason, notice, letter },
      patch: {
        transferDepartment: m.department,
        pendingAgencyId: null,
        publicAnswer: notice,
        answeredOn: on,
        rating: null,
      },
      actorId: actor.userId,
      at: now,
    });
    const answered = await shareAnswer(tx, row, { text: notice, on, actorId: actor.userId, at: now });
    return { row, answered, notice, letter, agencyName: l.agency.name };
  });
  const notified = await notifyReporters(
    ctx,
    result.answered.map((c) => ({
      complaintId: c.id,
      text: answerMessage({
        agencyName: result.agencyName,
        trackingCode: c.trackingCode,
        answer: result.notice,
      }),
    })),
  );
  return { ...result.row, notice: result.notice, letter: result.letter, notified };
}

import type { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { parseInput } from "../evidence/parse-input.ts";
import type { Principal } from "../identity/principal.ts";
import { dateOf } from "../officers/officer.ts";
import { answerInput, answerMessage, maskIdentity } from "./complaint.ts";
import { loadComplaint, mayRead } from "./find-complaint.ts";
import { notifyReporters } from "./notify-reporters.ts";
import { reporterOf } from "./reporter-of.ts";
import { shareAnswer } from "./share-answer.ts";
import { checkStep, writeStep } from "./step.ts";

/**
 * The unit that finished the complaint answers (seed 001 items 20(4), 25: 由最终办结单位将处理结果
 * 及时答复举报投诉人; 对实名投诉举报的，应当将处理结果反馈). The answer is shown on the status page;
 * named reporters also get it by SMS / e-mail (the Notifier); merged reports get the same answer.
 * The text is public: it must not name the reporter (the use case refuses an answer that does).
 */
export async function answerComplaint(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: z.input<typeof answerInput>,
) {
  const m = parseInput(answerInput, input);
  const result = await ctx.db.transaction(async (tx) => {
    const l = await loadComplaint(tx, id);
    if (!mayRead(actor, l)) throw new AppError("FORBIDDEN_AGENCY");
    checkStep(actor, l, "answer", m.version);
    const c = l.complaint;
    // A check by the server, not a view by a person: nothing is shown, nothing recorded.
    const reporter = await reporterOf(tx, c.id);
    if (reporter && maskIdentity(m.answer, reporter) !== m.answer)
      throw new AppError("VALIDATION_FAILED", "答复内容会公开显示，不能包含举报人的姓名或电话", [
        { path: "answer", message: "答复内容会公开显示，不能包含举报人的姓名或电话" },
      ]);
    const now = ctx.now();
    const on = dateOf(now);
    const row = await writeStep(tx, c, {
      event: "answered",
      ledger: "complaint.answered",
      to: c.state as "closed",
      data: { answer: m.answer },
      patch: { publicAnswer: m.answer, answeredOn: on, rating: null },
      actorId: actor.userId,
      at: now,
    });
    const answered = await shareAnswer(tx, row, { text: m.answer, on, actorId: actor.userId, at: now });
    return { row, answered, agencyName: l.agency.name };
  });
  const notified = await notifyReporters(
    ctx,
    result.answered.map((c) => ({
      complaintId: c.id,
      text: answerMessage({ agencyName: result.agencyName, trackingCode: c.trackingCode, answer: m.answer }),
    })),
  );
  return { ...result.row, notified };
}

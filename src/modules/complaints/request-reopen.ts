import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { loadCalendar } from "../calendar/load-calendar.ts";
import { parseInput } from "../evidence/parse-input.ts";
import { dateOf } from "../officers/officer.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { reopenInput } from "./complaint.ts";
import { workingDaysOrPending } from "./deadlines.ts";
import { complaintOfCode, reopenOpen } from "./public-status.ts";
import { complaints } from "./schema.ts";
import { writeStep } from "./step.ts";

/**
 * The reporter says the answer was not good enough (issue 8 item 4: reopen request): within
 * complaint.reopenDays days of the answer, the complaint goes back to its owning unit as
 * "重新办理" with a new answer deadline (complaint.answerWorkdays working days). A report merged
 * into another reopens the one it was merged into (they share one lead).
 */
export async function requestReopen(ctx: AppContext, code: string, input: z.input<typeof reopenInput>) {
  const m = parseInput(reopenInput, input);
  const c = await complaintOfCode(ctx, code);
  if (!(await reopenOpen(ctx, c)))
    throw new AppError("TRANSITION_NOT_ALLOWED", "当前不能申请重新办理（尚未答复或已超过申请期限）");
  await ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    const today = dateOf(now);
    const cal = await loadCalendar(tx);
    const reopen = async (row: typeof c, via: string | null) => {
      const days = await getNumberSetting(tx, row.bureauId, "complaint.answerWorkdays");
      return writeStep(tx, row, {
        event: "reopen_requested",
        ledger: "complaint.reopen_requested",
        to: "reopened",
        data: { reason: m.reason, viaComplaintId: via },
        patch: {
          answeredOn: null,
          rating: null,
          closeReason: null,
          reopenCount: row.reopenCount + 1,
          // Null while the year is not imported (D4); computed on read from the reopen date.
          answerDueOn: workingDaysOrPending(cal, today, days),
        },
        actorId: null,
        at: now,
      });
    };
    if (c.mergedIntoId) {
      await writeStep(tx, c, {
        event: "reopen_requested",
        ledger: "complaint.reopen_requested",
        to: "merged",
        data: { reason: m.reason, viaComplaintId: null },
        patch: { answeredOn: null, rating: null, reopenCount: c.reopenCount + 1 },
        actorId: null,
        at: now,
      });
      const [primary] = await tx.select().from(complaints).where(eq(complaints.id, c.mergedIntoId));
      if (primary?.answeredOn) await reopen(primary, c.id);
    } else {
      await reopen(c, null);
    }
  });
  return { status: c.mergedIntoId ? "merged" : "reopened" };
}

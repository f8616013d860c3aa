import type { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { parseInput } from "../evidence/parse-input.ts";
import { rateInput } from "./complaint.ts";
import { complaintOfCode } from "./public-status.ts";
import { writeStep } from "./step.ts";

/** The reporter rates the answer (1..5) with the tracking code (issue 8 item 4: satisfaction). */
export async function rateComplaint(ctx: AppContext, code: string, input: z.input<typeof rateInput>) {
  const m = parseInput(rateInput, input);
  const found = await complaintOfCode(ctx, code);
  await ctx.db.transaction(async (tx) => {
    const c = { ...found };
    if (!c.answeredOn) throw new AppError("TRANSITION_NOT_ALLOWED", "尚未答复，不能评价");
    if (c.rating !== null) throw new AppError("TRANSITION_NOT_ALLOWED", "已评价过本次答复");
    await writeStep(tx, c, {
      event: "rated",
      ledger: "complaint.rated",
      to: c.state as "closed",
      data: { rating: m.rating, comment: m.comment },
      patch: { rating: m.rating },
      actorId: null,
      at: ctx.now(),
    });
  });
  return { rating: m.rating };
}

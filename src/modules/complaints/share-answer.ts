import type { Executor } from "../../db/client.ts";
import { type ComplaintRow, mergedInto } from "./find-complaint.ts";
import { writeStep } from "./step.ts";

/**
 * Gives the answer of a complaint to every report merged into it (issue 8 item 5: merged reports
 * share one lead and every reporter gets the answer). Returns the complaints answered, the
 * primary first, for the notifications.
 */
export async function shareAnswer(
  tx: Executor,
  primary: ComplaintRow,
  answer: { text: string; on: string; actorId: string | null; at: Date },
): Promise<ComplaintRow[]> {
  const answered = [primary];
  for (const child of await mergedInto(tx, primary.id)) {
    answered.push(
      await writeStep(tx, child, {
        event: "answered",
        ledger: "complaint.answered",
        to: child.state as "merged",
        data: { answer: answer.text, viaComplaintId: primary.id },
        patch: { publicAnswer: answer.text, answeredOn: answer.on, rating: null },
        actorId: answer.actorId,
        at: answer.at,
      }),
    );
  }
  return answered;
}

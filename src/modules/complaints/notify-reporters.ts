import { inArray } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { notifierOf, type Recipient } from "./notifier.ts";
import { complaintReporters } from "./schema.ts";

/**
 * Sends a message to the named reporters of the given complaints (SMS to the phone, e-mail when
 * given). The server reads the identity for delivery only; no person sees it. Called after the
 * step committed; a failed delivery is logged and does not undo the step.
 */
export async function notifyReporters(
  ctx: AppContext,
  messages: { complaintId: string; text: string }[],
): Promise<number> {
  if (!messages.length) return 0;
  const rows = await ctx.db
    .select()
    .from(complaintReporters)
    .where(
      inArray(
        complaintReporters.complaintId,
        messages.map((m) => m.complaintId),
      ),
    );
  const notifier = notifierOf(ctx);
  let sent = 0;
  for (const r of rows) {
    const text = messages.find((m) => m.complaintId === r.complaintId)!.text;
    const to: Recipient[] = [{ kind: "sms", address: r.phone }];
    if (r.email) to.push({ kind: "email", address: r.email });
    for (const t of to) {
      try {
        await notifier.send(t, text);
        sent++;
      } catch (e) {
        process.stderr.write(
          `${JSON.stringify({ level: 50, msg: "notification failed", err: String(e) })}\n`,
        );
      }
    }
  }
  return sent;
}

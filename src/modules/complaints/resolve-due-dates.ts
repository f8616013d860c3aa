import { and, eq, inArray, max } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { Calendar } from "../calendar/working-days.ts";
import { dateOf } from "../officers/officer.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { workingDaysOrPending } from "./deadlines.ts";
import { complaintEvents } from "./schema.ts";

type Facts = {
  id: string;
  bureauId: string;
  receivedOn: string;
  reopenCount: number;
  acceptDueOn: string | null;
  answerDueOn: string | null;
};

/**
 * Fills in the due dates that were pending when stored (rule D4: the year was not imported) from
 * the stored facts: the accept period runs from `receivedOn`, the answer period from `receivedOn`
 * or, after a reopen request, from the day of the latest one (settings complaint.acceptWorkdays /
 * answerWorkdays of the receiving bureau). A date whose year is still not imported stays null.
 */
export async function resolveDueDates<T extends Facts>(ex: Executor, cal: Calendar, rows: T[]): Promise<T[]> {
  const open = rows.filter((r) => r.acceptDueOn === null || r.answerDueOn === null);
  if (!open.length) return rows;
  const reopened = open.filter((r) => r.answerDueOn === null && r.reopenCount > 0).map((r) => r.id);
  const reopenedOn = new Map<string, string>();
  if (reopened.length) {
    const last = await ex
      .select({ id: complaintEvents.complaintId, at: max(complaintEvents.at) })
      .from(complaintEvents)
      .where(
        and(
          inArray(complaintEvents.complaintId, reopened),
          eq(complaintEvents.event, "reopen_requested"),
          eq(complaintEvents.toState, "reopened"),
        ),
      )
      .groupBy(complaintEvents.complaintId);
    for (const r of last) if (r.at) reopenedOn.set(r.id, dateOf(new Date(r.at)));
  }
  const settings = new Map<string, number>();
  const setting = async (bureauId: string, key: "complaint.acceptWorkdays" | "complaint.answerWorkdays") => {
    const k = `${bureauId}:${key}`;
    if (!settings.has(k)) settings.set(k, await getNumberSetting(ex, bureauId, key));
    return settings.get(k)!;
  };
  const filled = new Map<string, T>();
  for (const r of open) {
    const acceptDueOn =
      r.acceptDueOn ??
      workingDaysOrPending(cal, r.receivedOn, await setting(r.bureauId, "complaint.acceptWorkdays"));
    const answerDueOn =
      r.answerDueOn ??
      workingDaysOrPending(
        cal,
        reopenedOn.get(r.id) ?? r.receivedOn,
        await setting(r.bureauId, "complaint.answerWorkdays"),
      );
    filled.set(r.id, { ...r, acceptDueOn, answerDueOn });
  }
  return rows.map((r) => filled.get(r.id) ?? r);
}

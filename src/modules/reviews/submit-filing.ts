import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { loadCalendar } from "../calendar/load-calendar.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { managingBureau } from "../officers/find-officer.ts";
import { dateOf } from "../officers/officer.ts";
import { filingQueue } from "./filings.ts";
import { filingInput } from "./review-input.ts";
import { decisionFilings } from "./schema.ts";

/** F1: the bureau files a major decision with the superior government's legal office (报送备案). */
export async function submitFiling(ctx: AppContext, actor: Principal, raw: unknown) {
  const input = filingInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    const today = dateOf(now);
    const [item] = await filingQueue(tx, await loadCalendar(tx), ["/"], today, { eventId: input.eventId });
    if (!item) throw new AppError("FILING_NOT_REQUIRED", "该决定不存在或不属于须备案的重大执法决定（F1）");
    const agency = await findAgency(tx, item.agencyId);
    const bureau = agency.kind === "squad" ? await managingBureau(tx, agency) : agency;
    requirePermission(actor, "filing.submit", bureau.path);
    if (item.status !== "pending") throw new AppError("FILING_STATE", "该决定已报送备案");
    const row = {
      id: newId(),
      caseId: item.caseId,
      eventId: item.eventId,
      agencyId: item.agencyId,
      dueOn: item.dueOn,
      submittedOn: today,
      note: input.note,
      actorId: actor.userId,
      at: now,
    };
    await tx.insert(decisionFilings).values(row);
    await appendEntry(tx, {
      agencyId: item.agencyId,
      actorId: actor.userId,
      caseId: item.caseId,
      type: "filing.submitted",
      payload: {
        filingId: row.id,
        eventId: row.eventId,
        dueOn: row.dueOn,
        submittedOn: today,
        late: today > row.dueOn,
      },
      at: now,
    });
    return { ...row, late: today > row.dueOn };
  });
}

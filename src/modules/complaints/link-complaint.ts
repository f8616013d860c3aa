import type { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import type { Db } from "../../db/client.ts";
import { createCase } from "../cases/create-case.ts";
import { findCase } from "../cases/find-case.ts";
import { parseInput } from "../evidence/parse-input.ts";
import type { Principal } from "../identity/principal.ts";
import { complaintCategories, complaintSources, linkInput, maskIdentity } from "./complaint.ts";
import { loadComplaint, mayRead, mergedInto } from "./find-complaint.ts";
import { reporterOf } from "./reporter-of.ts";
import { checkStep, writeStep } from "./step.ts";

/**
 * A verified complaint becomes a lead (线索) through the case use case createCase, or is linked
 * to an existing case (seed 000 (4)1: 有案必立、立案必查). Reports merged into it share the lead.
 * The lead carries the facts only: the reporter's identity never enters the case (seed 001 item
 * 25), so no document sent to the party can contain it.
 */
export async function linkComplaint(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: z.input<typeof linkInput>,
) {
  const m = parseInput(linkInput, input);
  return ctx.db.transaction(async (tx) => {
    const l = await loadComplaint(tx, id);
    if (!mayRead(actor, l)) throw new AppError("FORBIDDEN_AGENCY");
    checkStep(actor, l, "link", m.version);
    const c = l.complaint;
    let caseId: string;
    let opened = false;
    if (m.caseId) {
      const found = await findCase(tx, actor, m.caseId);
      if (!found.agency.path.startsWith(l.agency.path))
        throw new AppError("VALIDATION_FAILED", "只能关联本单位或下属单位的案件", [
          { path: "caseId", message: "只能关联本单位或下属单位的案件" },
        ]);
      caseId = found.case.id;
    } else {
      const lead = m.lead ?? { partyType: "individual" as const, partyName: "待查明" };
      const field = lead.field || c.field;
      if (!field)
        throw new AppError("VALIDATION_FAILED", "请选择执法领域", [
          { path: "lead.field", message: "请选择执法领域" },
        ]);
      const categoryName =
        complaintCategories[c.category as keyof typeof complaintCategories]?.name ?? c.category;
      const sourceName = complaintSources[c.source as keyof typeof complaintSources] ?? c.source;
      // createCase opens a nested transaction (a savepoint) on this one: the lead and the link commit together.
      const created = await createCase({ ...ctx, db: tx as unknown as Db }, actor, {
        agencyId: l.agency.id,
        field,
        summary:
          `${categoryName}（${sourceName}，编号 ${c.trackingCode}）：${maskIdentity(c.description, await reporterOf(tx, c.id))}`.slice(
            0,
            2000,
          ),
        place: {
          address: c.placeAddress,
          ...(c.latitude !== null && c.longitude !== null
            ? { latitude: c.latitude, longitude: c.longitude }
            : {}),
        },
        party:
          lead.partyType === "organisation"
            ? { type: "organisation", name: lead.partyName }
            : { type: "individual", name: lead.partyName },
        actOn: lead.actOn ?? c.receivedOn,
        discoveredOn: c.receivedOn,
        officerIds: lead.officerIds ?? [actor.userId],
      });
      caseId = created.id;
      opened = true;
    }
    const now = ctx.now();
    const row = await writeStep(tx, c, {
      event: "linked",
      ledger: "complaint.linked",
      to: "linked",
      data: { caseId, opened },
      patch: { caseId },
      actorId: actor.userId,
      at: now,
      caseId,
    });
    for (const child of await mergedInto(tx, c.id))
      await writeStep(tx, child, {
        event: "linked",
        ledger: "complaint.linked",
        to: "merged",
        data: { caseId, opened: false, viaComplaintId: c.id },
        patch: { caseId },
        actorId: actor.userId,
        at: now,
        caseId,
      });
    return row;
  });
}

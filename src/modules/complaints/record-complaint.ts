import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { parseInput } from "../evidence/parse-input.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { dateOf } from "../officers/officer.ts";
import { type RecordComplaintInput, recordComplaintInput } from "./complaint.ts";
import type { StoredPhoto } from "./photos.ts";
import { receiveComplaint } from "./receive-complaint.ts";

/** Which permission each staff source needs in the receiving unit. */
const sourcePermission = {
  phone: "complaint.intake",
  letter: "complaint.intake",
  visit: "complaint.intake",
  transfer_in: "complaint.intake",
  patrol: "complaint.handle",
  assignment: "complaint.assign",
} as const;

/** Checks a staff entry before any photo byte is stored. */
export async function checkRecordedComplaint(ctx: AppContext, actor: Principal, input: unknown) {
  const m = parseInput(recordComplaintInput, input);
  const unit = await findAgency(ctx.db, m.agencyId);
  requirePermission(actor, sourcePermission[m.source], unit.path);
  const today = dateOf(ctx.now());
  if (m.receivedOn && m.receivedOn > today)
    throw new AppError("VALIDATION_FAILED", "收到日期不能晚于今天", [
      { path: "receivedOn", message: "收到日期不能晚于今天" },
    ]);
  return m;
}

/**
 * A lead entered by staff (seed 000 (4)1: 投诉受理、巡查发现、监督交办): a call, letter or visit
 * taken by the case centre; a transfer in from another department; a patrol finding by an
 * officer (owned and accepted by the officer's unit at once); an assignment from a supervising
 * agency to a unit below it. Every lead records its source.
 */
export async function recordComplaint(
  ctx: AppContext,
  actor: Principal,
  input: RecordComplaintInput,
  photos: StoredPhoto[] = [],
) {
  const m = await checkRecordedComplaint(ctx, actor, input);
  return ctx.db.transaction(async (tx) => {
    const unit = await findAgency(tx, m.agencyId);
    requirePermission(actor, sourcePermission[m.source], unit.path);
    const now = ctx.now();
    return receiveComplaint(tx, {
      unit,
      source: m.source,
      state: m.source === "patrol" ? "accepted" : "received",
      category: m.category,
      address: m.address,
      latitude: m.latitude,
      longitude: m.longitude,
      description: m.description,
      reporter: m.reporter
        ? { name: m.reporter.name, phone: m.reporter.phone, email: m.reporter.email ?? "" }
        : undefined,
      fromDepartment: m.fromDepartment,
      receivedOn: m.receivedOn ?? dateOf(now),
      photos,
      actorId: actor.userId,
      at: now,
    });
  });
}

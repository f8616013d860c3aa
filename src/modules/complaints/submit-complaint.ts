import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { parseInput } from "../evidence/parse-input.ts";
import { dateOf } from "../officers/officer.ts";
import { type PublicComplaintInput, publicComplaintInput } from "./complaint.ts";
import type { StoredPhoto } from "./photos.ts";
import { receiveComplaint } from "./receive-complaint.ts";

/** Checks the public form before any photo byte is stored (the route calls it first). */
export async function checkPublicComplaint(ctx: AppContext, input: unknown) {
  const m = parseInput(publicComplaintInput, input);
  const bureau = await findAgency(ctx.db, m.bureauId).catch(() => {
    throw new AppError("VALIDATION_FAILED", "受理机关不存在", [
      { path: "bureauId", message: "受理机关不存在" },
    ]);
  });
  if (bureau.kind === "squad")
    throw new AppError("VALIDATION_FAILED", "请选择执法局或乡镇执法队", [
      { path: "bureauId", message: "请选择执法局或乡镇执法队" },
    ]);
  return m;
}

/**
 * A complaint from the public site (no login; seed 001 item 25: public channels). The receiving
 * bureau owns it until a unit accepts it (item 26). Returns only what the reporter may see: the
 * tracking code for the status page. `answerDueOn` is null while the calendar of its year is not
 * imported (rule D4): the complaint is accepted all the same.
 */
export async function submitComplaint(
  ctx: AppContext,
  input: PublicComplaintInput,
  photos: StoredPhoto[] = [],
): Promise<{ trackingCode: string; receivedOn: string; answerDueOn: string | null }> {
  const m = await checkPublicComplaint(ctx, input);
  return ctx.db.transaction(async (tx) => {
    const unit = await findAgency(tx, m.bureauId);
    const now = ctx.now();
    const c = await receiveComplaint(tx, {
      unit,
      source: "public_web",
      state: "received",
      category: m.category,
      address: m.address,
      latitude: m.latitude,
      longitude: m.longitude,
      description: m.description,
      reporter: m.reporter
        ? { name: m.reporter.name, phone: m.reporter.phone, email: m.reporter.email ?? "" }
        : undefined,
      receivedOn: dateOf(now),
      photos,
      actorId: null,
      at: now,
    });
    return { trackingCode: c.trackingCode, receivedOn: c.receivedOn, answerDueOn: c.answerDueOn };
  });
}

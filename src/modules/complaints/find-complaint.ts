import { eq } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import { type AgencyRow, findAgency } from "../agencies/find-agency.ts";
import { can, type Principal } from "../identity/principal.ts";
import { complaints } from "./schema.ts";

export type ComplaintRow = typeof complaints.$inferSelect;
export type LoadedComplaint = {
  complaint: ComplaintRow;
  /** The receiving unit (first responder). */
  bureau: AgencyRow;
  /** The unit owning the complaint now. */
  agency: AgencyRow;
  /** The unit it was dispatched to, until that unit accepts or returns it. */
  pending: AgencyRow | null;
};

/** Loads a complaint without a permission check (public paths and internal use). */
export async function loadComplaint(ex: Executor, id: string): Promise<LoadedComplaint> {
  const [row] = await ex.select().from(complaints).where(eq(complaints.id, id));
  if (!row) throw new AppError("NOT_FOUND", "投诉举报不存在");
  const bureau = await findAgency(ex, row.bureauId);
  const agency = row.agencyId === row.bureauId ? bureau : await findAgency(ex, row.agencyId);
  const pending = row.pendingAgencyId ? await findAgency(ex, row.pendingAgencyId) : null;
  return { complaint: row, bureau, agency, pending };
}

/** complaint.read: the receiving, owning or pending unit is the actor's or below it (supervision). */
export function mayRead(actor: Principal, l: LoadedComplaint): boolean {
  return [l.bureau, l.agency, l.pending].some((a) => a && can(actor, "complaint.read", a.path));
}

/** Loads a complaint the actor may read. */
export async function findComplaint(ex: Executor, actor: Principal, id: string): Promise<LoadedComplaint> {
  const l = await loadComplaint(ex, id);
  if (!mayRead(actor, l)) throw new AppError("FORBIDDEN_AGENCY");
  return l;
}

/** The complaint with this tracking code (public paths). */
export async function complaintByCode(ex: Executor, code: string): Promise<ComplaintRow | undefined> {
  const [row] = await ex.select().from(complaints).where(eq(complaints.trackingCode, code));
  return row;
}

/** Complaints merged into `id` (they share its lead and its answer). */
export async function mergedInto(ex: Executor, id: string): Promise<ComplaintRow[]> {
  return ex.select().from(complaints).where(eq(complaints.mergedIntoId, id));
}

import { randomBytes } from "node:crypto";
import { like } from "drizzle-orm";
import { newId } from "../../core/ids.ts";
import type { Executor } from "../../db/client.ts";
import type { AgencyRow } from "../agencies/find-agency.ts";
import { agencies } from "../agencies/schema.ts";
import { loadCalendar } from "../calendar/load-calendar.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import {
  areaOf,
  type ComplaintCategory,
  type ComplaintSource,
  type ComplaintState,
  complaintCategories,
  identityCommitment,
  newTrackingCode,
  normaliseAddress,
  type ReporterIdentity,
} from "./complaint.ts";
import { workingDaysOrPending } from "./deadlines.ts";
import type { StoredPhoto } from "./photos.ts";
import { complaintEvents, complaintPhotos, complaintReporters, complaints } from "./schema.ts";

const micro = (x: number | undefined) => (x === undefined ? null : Math.round(x * 1e6));

export type NewComplaint = {
  unit: AgencyRow;
  source: ComplaintSource;
  state: Extract<ComplaintState, "received" | "accepted">;
  category: ComplaintCategory;
  address: string;
  latitude?: number;
  longitude?: number;
  description: string;
  reporter?: ReporterIdentity;
  fromDepartment?: string;
  receivedOn: string;
  photos: StoredPhoto[];
  actorId: string | null;
  at: Date;
};

/**
 * Records a complaint or lead as received by `unit` (first-responder responsibility, seed 001
 * items 20(4), 26): the row with its deadlines (settings complaint.acceptWorkdays and
 * complaint.answerWorkdays, counted in working days), the reporter in its own table, the photos,
 * the first step and its ledger entry. The ledger keeps only a commitment to the reporter.
 * A due date in a year whose calendar is not imported is stored as null and computed on read
 * (rule D4): a complaint is never refused because of the calendar.
 */
export async function receiveComplaint(tx: Executor, n: NewComplaint) {
  const cal = await loadCalendar(tx);
  const acceptDays = await getNumberSetting(tx, n.unit.id, "complaint.acceptWorkdays");
  const answerDays = await getNumberSetting(tx, n.unit.id, "complaint.answerWorkdays");
  const acceptDueOn = workingDaysOrPending(cal, n.receivedOn, acceptDays);
  const answerDueOn = workingDaysOrPending(cal, n.receivedOn, answerDays);
  const units = await tx
    .select({ areas: agencies.areas, path: agencies.path })
    .from(agencies)
    .where(like(agencies.path, `${n.unit.path}%`));
  // The most specific area first (a street of a squad before the district of its bureau).
  units.sort((a, b) => b.path.length - a.path.length);
  const area =
    areaOf(
      n.address,
      units.flatMap((u) => u.areas),
    ) ||
    (n.unit.areas[0] ?? "");
  const id = newId();
  const [row] = await tx
    .insert(complaints)
    .values({
      id,
      trackingCode: newTrackingCode(),
      bureauId: n.unit.id,
      agencyId: n.unit.id,
      source: n.source,
      category: n.category,
      field: complaintCategories[n.category].field,
      area,
      placeAddress: n.address,
      normalisedAddress: normaliseAddress(n.address),
      latitude: n.latitude ?? null,
      longitude: n.longitude ?? null,
      description: n.description,
      named: !!n.reporter,
      state: n.state,
      receivedOn: n.receivedOn,
      acceptDueOn,
      answerDueOn,
      acceptedOn: n.state === "accepted" ? n.receivedOn : null,
      createdBy: n.actorId,
      createdAt: n.at,
      updatedAt: n.at,
    })
    .returning();
  const c = row!;
  let commitment: string | null = null;
  if (n.reporter) {
    const salt = randomBytes(16).toString("hex");
    commitment = identityCommitment(n.reporter, salt);
    await tx.insert(complaintReporters).values({ complaintId: id, ...n.reporter, salt, at: n.at });
  }
  if (n.photos.length)
    await tx.insert(complaintPhotos).values(
      n.photos.map((p) => ({
        id: newId(),
        complaintId: id,
        sha256: p.sha256,
        size: p.size,
        contentType: p.contentType,
        at: n.at,
      })),
    );
  const eventId = newId();
  const data = {
    source: n.source,
    fromDepartment: n.fromDepartment ?? "",
    photos: n.photos.map((p) => p.sha256),
  };
  await tx.insert(complaintEvents).values({
    id: eventId,
    complaintId: id,
    agencyId: n.unit.id,
    seq: 1,
    event: "received",
    fromState: null,
    toState: n.state,
    data,
    actorId: n.actorId,
    at: n.at,
  });
  await appendEntry(tx, {
    agencyId: n.unit.id,
    actorId: n.actorId,
    type: "complaint.received",
    payload: {
      complaintId: id,
      trackingCode: c.trackingCode,
      eventId,
      seq: 1,
      to: n.state,
      ...data,
      category: n.category,
      place: { address: n.address, latE6: micro(n.latitude), lngE6: micro(n.longitude) },
      description: n.description,
      named: !!n.reporter,
      reporterCommitment: commitment,
      receivedOn: n.receivedOn,
      acceptDueOn,
      answerDueOn,
    },
    at: n.at,
  });
  return c;
}

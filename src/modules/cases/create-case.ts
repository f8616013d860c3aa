import { and, eq, inArray } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { parseInput } from "../evidence/parse-input.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { memberships } from "../identity/schema.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { dateOf } from "../officers/officer.ts";
import { type CreateCaseInput, createCaseInput } from "./case.ts";
import { caseEvents, caseOfficers, cases } from "./schema.ts";

const micro = (x: number | undefined) => (x === undefined ? null : Math.round(x * 1e6));

/** Registers a lead (线索): the case in its first state, its officers, its first step and ledger entry. */
export async function createCase(ctx: AppContext, actor: Principal, input: CreateCaseInput) {
  const m = parseInput(createCaseInput, input);
  return ctx.db.transaction(async (tx) => {
    const agency = await findAgency(tx, m.agencyId);
    requirePermission(actor, "case.handle", agency.path);
    const now = ctx.now();
    const today = dateOf(now);
    const bad = (path: string, message: string) =>
      new AppError("VALIDATION_FAILED", message, [{ path, message }]);
    if (!agency.fields.includes(m.field)) throw bad("field", `${agency.name}没有“${m.field}”执法领域`);
    if (m.discoveredOn > today) throw bad("discoveredOn", "发现日期不能晚于今天");
    if (m.actOn > m.discoveredOn) throw bad("actOn", "违法行为发生日期不能晚于发现日期");
    if (m.continuingUntil && m.continuingUntil < m.actOn)
      throw bad("continuingUntil", "终了日期不能早于发生日期");
    const members = await tx
      .selectDistinct({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.agencyId, agency.id), inArray(memberships.userId, m.officerIds)));
    const missing = m.officerIds.filter((id) => !members.some((x) => x.userId === id));
    if (missing.length) throw bad("officerIds", "办案人员须为本机关人员");

    const p = m.party;
    const [row] = await tx
      .insert(cases)
      .values({
        id: newId(),
        agencyId: agency.id,
        procedure: m.procedure,
        state: "lead",
        field: m.field,
        summary: m.summary,
        placeAddress: m.place.address,
        latitude: m.place.latitude ?? null,
        longitude: m.place.longitude ?? null,
        partyType: p.type,
        partyName: p.name,
        partyIdNumber: p.type === "individual" ? p.idNumber : p.creditCode,
        partyPhone: p.phone,
        partyAddress: p.address,
        partyLegalRepresentative: p.type === "organisation" ? p.legalRepresentative : "",
        powerItemIds: m.powerItemIds,
        benchmarkId: m.benchmarkId ?? null,
        actOn: m.actOn,
        continuingUntil: m.continuingUntil ?? null,
        discoveredOn: m.discoveredOn,
        serious: m.serious,
        version: 1,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const c = row!;
    await tx
      .insert(caseOfficers)
      .values(m.officerIds.map((userId) => ({ caseId: c.id, userId, addedBy: actor.userId, addedAt: now })));
    const eventId = newId();
    const data = { officerIds: m.officerIds };
    await tx.insert(caseEvents).values({
      id: eventId,
      caseId: c.id,
      agencyId: c.agencyId,
      seq: 1,
      event: "create",
      fromState: null,
      toState: "lead",
      onDate: m.discoveredOn,
      data,
      actorId: actor.userId,
      at: now,
    });
    await appendEntry(tx, {
      agencyId: c.agencyId,
      actorId: actor.userId,
      caseId: c.id,
      type: "case.created",
      payload: {
        eventId,
        procedure: c.procedure,
        field: c.field,
        summary: c.summary,
        place: { address: c.placeAddress, latE6: micro(m.place.latitude), lngE6: micro(m.place.longitude) },
        party: p,
        powerItemIds: c.powerItemIds,
        benchmarkId: c.benchmarkId,
        actOn: c.actOn,
        continuingUntil: c.continuingUntil,
        discoveredOn: c.discoveredOn,
        serious: c.serious,
        officerIds: m.officerIds,
      },
      at: now,
    });
    return c;
  });
}

import { asc, desc, eq } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import { type AgencyRow, findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { managingBureau } from "../officers/find-officer.ts";
import type { CaseEventRow, CaseRow } from "./guards.ts";
import { caseDeadlines, caseEvents, caseOfficers, cases } from "./schema.ts";

export type LoadedCase = {
  case: CaseRow;
  agency: AgencyRow;
  /** The bureau in whose name the case is decided and numbered (a squad's bureau; else the agency). */
  bureau: AgencyRow;
  officerIds: string[];
  events: CaseEventRow[];
  /** Latest row per deadline kind. */
  deadlines: (typeof caseDeadlines.$inferSelect)[];
};

/** Loads a case the actor may read (case.read: its agency and the agencies above it). */
export async function findCase(ex: Executor, actor: Principal, id: string): Promise<LoadedCase> {
  const [row] = await ex.select().from(cases).where(eq(cases.id, id));
  if (!row) throw new AppError("NOT_FOUND", "案件不存在");
  const agency = await findAgency(ex, row.agencyId);
  requirePermission(actor, "case.read", agency.path);
  const bureau = agency.kind === "squad" ? await managingBureau(ex, agency) : agency;
  // One query after another: inside a transaction they share one connection.
  const officers = await ex
    .select({ userId: caseOfficers.userId })
    .from(caseOfficers)
    .where(eq(caseOfficers.caseId, id))
    .orderBy(asc(caseOfficers.addedAt));
  const events = await ex
    .select()
    .from(caseEvents)
    .where(eq(caseEvents.caseId, id))
    .orderBy(asc(caseEvents.seq));
  const deadlineRows = await ex
    .select()
    .from(caseDeadlines)
    .where(eq(caseDeadlines.caseId, id))
    .orderBy(desc(caseDeadlines.seq));
  const latest = new Map<string, (typeof deadlineRows)[number]>();
  for (const d of deadlineRows) if (!latest.has(d.kind)) latest.set(d.kind, d);
  return {
    case: row,
    agency,
    bureau,
    officerIds: officers.map((o) => o.userId),
    events,
    deadlines: [...latest.values()],
  };
}

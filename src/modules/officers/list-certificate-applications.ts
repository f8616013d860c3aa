import { desc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Executor } from "../../db/client.ts";
import type { Principal } from "../identity/principal.ts";
import type { ApplicationView } from "./certificate-application.ts";
import { findOfficerFor } from "./find-officer.ts";
import { certificateApplicationDecisions, certificateApplications } from "./schema.ts";

/** An officer's applications, newest first, each with its decision (status pending until decided). */
export async function listApplications(ex: Executor, officerId: string): Promise<ApplicationView[]> {
  const rows = await ex
    .select({ a: certificateApplications, d: certificateApplicationDecisions })
    .from(certificateApplications)
    .leftJoin(
      certificateApplicationDecisions,
      eq(certificateApplicationDecisions.applicationId, certificateApplications.id),
    )
    .where(eq(certificateApplications.officerId, officerId))
    .orderBy(desc(certificateApplications.appliedAt), desc(certificateApplications.id));
  return rows.map(({ a, d }) => ({
    id: a.id,
    officerId: a.officerId,
    agencyId: a.agencyId,
    fields: a.fields,
    note: a.note,
    trainingYear: a.trainingYear,
    trainingHours: a.trainingHours,
    requiredHours: a.requiredHours,
    examScore: a.examScore,
    appliedBy: a.appliedBy,
    appliedAt: a.appliedAt,
    status: d ? (d.outcome as "approved" | "rejected") : "pending",
    decision: d
      ? {
          outcome: d.outcome,
          note: d.note,
          certificateId: d.certificateId,
          decidedBy: d.decidedBy,
          decidedAt: d.decidedAt,
        }
      : null,
  }));
}

/** The applications of an officer the actor may read (officer.read). */
export async function listCertificateApplications(ctx: AppContext, actor: Principal, officerId: string) {
  await findOfficerFor(ctx.db, actor, officerId, "officer.read");
  return listApplications(ctx.db, officerId);
}

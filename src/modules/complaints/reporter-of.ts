import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import type { ReporterIdentity } from "./complaint.ts";
import { complaintReporters } from "./schema.ts";

/**
 * The reporter of a complaint for the server's own checks and masking (never returned to a
 * person; the confidential read path is view-reporter.ts).
 */
export async function reporterOf(ex: Executor, complaintId: string): Promise<ReporterIdentity | undefined> {
  const [r] = await ex
    .select({
      name: complaintReporters.name,
      phone: complaintReporters.phone,
      email: complaintReporters.email,
    })
    .from(complaintReporters)
    .where(eq(complaintReporters.complaintId, complaintId));
  return r;
}

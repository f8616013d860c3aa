import { publicDecisions, publicWithdrawals } from "./schema.ts";

/** The public columns of a published decision (never the case's internal data). */
export const publicColumns = {
  id: publicDecisions.id,
  agencyId: publicDecisions.agencyId,
  caseNumber: publicDecisions.caseNumber,
  title: publicDecisions.title,
  agencyName: publicDecisions.agencyName,
  partyDisplay: publicDecisions.partyDisplay,
  creditCode: publicDecisions.creditCode,
  field: publicDecisions.field,
  violation: publicDecisions.violation,
  penalty: publicDecisions.penalty,
  decidedOn: publicDecisions.decidedOn,
  publishedAt: publicDecisions.publishedAt,
  withdrawnAt: publicWithdrawals.withdrawnAt,
  withdrawalReason: publicWithdrawals.reason,
};

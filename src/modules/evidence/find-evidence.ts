import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { evidenceItems } from "./schema.ts";

export type EvidenceRow = typeof evidenceItems.$inferSelect;

/** One evidence file's metadata, for a reader of its agency or a supervising one. */
export async function findEvidence(ctx: AppContext, actor: Principal, id: string): Promise<EvidenceRow> {
  const [row] = await ctx.db.select().from(evidenceItems).where(eq(evidenceItems.id, id));
  if (!row) throw new AppError("NOT_FOUND", "证据不存在");
  requirePermission(actor, "evidence.read", (await findAgency(ctx.db, row.agencyId)).path);
  return row;
}

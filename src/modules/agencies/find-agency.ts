import { eq } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import { agencies } from "./schema.ts";

export type AgencyRow = typeof agencies.$inferSelect;

export async function findAgency(ex: Executor, id: string): Promise<AgencyRow> {
  const [row] = await ex.select().from(agencies).where(eq(agencies.id, id));
  if (!row) throw new AppError("NOT_FOUND", "机构不存在");
  return row;
}

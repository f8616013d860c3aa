import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Principal } from "../identity/principal.ts";
import { requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { allowedParents, type CreateAgencyInput } from "./agency.ts";
import { findAgency } from "./find-agency.ts";
import { agencies } from "./schema.ts";

/**
 * Creates an agency under a parent the actor administers. A root agency (no parent) can only be
 * created by the platform bootstrap (seed or `guifan` CLI), passing actor = null.
 */
export async function createAgency(ctx: AppContext, actor: Principal | null, input: CreateAgencyInput) {
  return ctx.db.transaction(async (tx) => {
    let path = "/";
    if (input.parentId) {
      const parent = await findAgency(tx, input.parentId).catch(() => {
        throw new AppError("AGENCY_PARENT_INVALID", "上级机构不存在");
      });
      if (actor) requirePermission(actor, "agency.manage", parent.path);
      if (!allowedParents[input.kind].includes(parent.kind as never)) {
        throw new AppError("AGENCY_PARENT_INVALID", "该类型的机构不能设在所选上级机构之下");
      }
      path = parent.path;
    } else {
      if (actor) throw new AppError("FORBIDDEN", "只能在已有机构之下新建机构");
      if (!allowedParents[input.kind].includes(null)) {
        throw new AppError("AGENCY_PARENT_INVALID", "该类型的机构必须有上级机构");
      }
    }
    const id = newId();
    const [row] = await tx
      .insert(agencies)
      .values({ ...input, id, path: `${path}${id}/`, creditCode: input.creditCode ?? null })
      .returning();
    await appendEntry(tx, {
      agencyId: input.parentId ?? id,
      actorId: actor?.userId,
      type: "agency.created",
      payload: { id, name: input.name, kind: input.kind, parentId: input.parentId },
      at: ctx.now(),
    });
    return row!;
  });
}

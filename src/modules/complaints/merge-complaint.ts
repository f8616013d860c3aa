import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { parseInput } from "../evidence/parse-input.ts";
import type { Principal } from "../identity/principal.ts";
import { addDays } from "../officers/officer.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { mergeInput, samePlace } from "./complaint.ts";
import { loadComplaint, mayRead } from "./find-complaint.ts";
import { complaints } from "./schema.ts";
import { checkStep, writeStep } from "./step.ts";

/**
 * Merges a duplicate report into another one (issue 8 item 5): same bureau, same category, same
 * place (settings complaint.duplicateMetres, else the same normalised address) within
 * complaint.duplicateDays days. The merged report shares the other's lead and answer.
 */
export async function mergeComplaint(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: z.input<typeof mergeInput>,
) {
  const m = parseInput(mergeInput, input);
  return ctx.db.transaction(async (tx) => {
    const l = await loadComplaint(tx, id);
    if (!mayRead(actor, l)) throw new AppError("FORBIDDEN_AGENCY");
    checkStep(actor, l, "merge", m.version);
    const c = l.complaint;
    const bad = (message: string) =>
      new AppError("VALIDATION_FAILED", message, [{ path: "intoId", message }]);
    if (m.intoId === c.id) throw bad("不能与自身合并");
    const [into] = await tx
      .select()
      .from(complaints)
      .where(and(eq(complaints.id, m.intoId), eq(complaints.bureauId, c.bureauId)));
    if (!into) throw bad("只能合并到同一受理单位的投诉举报");
    if (into.state === "merged" || into.mergedIntoId) throw bad("目标投诉举报已被合并，请合并到其主件");
    if (into.state === "transferred") throw bad("目标投诉举报已移送其他部门");
    if (into.category !== c.category) throw bad("类别不同，不能合并");
    const days = await getNumberSetting(tx, c.bureauId, "complaint.duplicateDays");
    const metres = await getNumberSetting(tx, c.bureauId, "complaint.duplicateMetres");
    const [early, late] = into.receivedOn <= c.receivedOn ? [into, c] : [c, into];
    if (addDays(early.receivedOn, days) < late.receivedOn) throw bad(`收到时间相隔超过 ${days} 日，不能合并`);
    if (!samePlace(c, into, metres)) throw bad("地点不同，不能合并");
    const now = ctx.now();
    const row = await writeStep(tx, c, {
      event: "merged",
      ledger: "complaint.merged",
      to: "merged",
      data: { intoId: into.id, intoTrackingCode: into.trackingCode, caseId: into.caseId },
      patch: {
        mergedIntoId: into.id,
        caseId: into.caseId,
        pendingAgencyId: null,
        ...(into.answeredOn ? { publicAnswer: into.publicAnswer, answeredOn: into.answeredOn } : {}),
      },
      actorId: actor.userId,
      at: now,
    });
    return row;
  });
}

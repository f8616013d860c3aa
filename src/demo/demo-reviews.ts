import type { AppContext } from "../context.ts";
import { AppError } from "../core/errors.ts";
import { applyTransition } from "../modules/cases/apply-transition.ts";
import { createCase } from "../modules/cases/create-case.ts";
import { principalForUser } from "../modules/identity/load-principal.ts";
import { addDays, dateOf } from "../modules/officers/officer.ts";
import { saveCriterion } from "../modules/reviews/save-criterion.ts";
import { submitReview } from "../modules/reviews/submit-review.ts";

/**
 * L1: the lists of major enforcement decisions of the two county bureaus (重大执法决定目录), entered
 * by each bureau's legal reviewer through the same use case users call.
 */
export async function seedDemoReviews(
  ctx: AppContext,
  userIds: Map<string, string>,
  agencyIds: Map<string, string>,
): Promise<void> {
  for (const [bureau, reviewer] of [
    ["donghu", "dh.legal"],
    ["xishan", "xs.legal"],
  ] as const) {
    const actor = (await principalForUser(ctx.db, userIds.get(reviewer)!))!;
    const agencyId = agencyIds.get(bureau)!;
    await saveCriterion(ctx, actor, {
      agencyId,
      name: "较大数额罚款或没收",
      criteria: { hearingThreshold: true },
      needsReview: true,
      needsDiscussion: false,
      reason: "局务会审议通过《重大执法决定法制审核目录清单》第一项：达到听证标准的罚款、没收",
    });
    await saveCriterion(ctx, actor, {
      agencyId,
      name: "责令停产停业、吊销许可证件、责令关闭",
      criteria: {
        penaltyKinds: ["suspension_of_business", "licence_revocation", "closure", "qualification_lowering"],
      },
      needsReview: true,
      needsDiscussion: true,
      reason: "目录清单第二项：直接关系当事人重大权益的处罚，并经负责人集体讨论",
    });
    await saveCriterion(ctx, actor, {
      agencyId,
      name: "城乡规划领域 10 万元以上罚款",
      criteria: { fields: ["城乡规划"], fineFenAtLeast: 10_000_000 },
      needsReview: true,
      needsDiscussion: true,
      reason: "目录清单第三项：违法建设等社会影响较大的案件",
    });
  }
  await seedCaseUnderReview(ctx, userIds, agencyIds.get("xishan-1")!);
}

/**
 * A case of 西山县城关中队 waiting for legal review: a fine at the hearing threshold (on the list),
 * noticed and waived, submitted to the bureau's legal reviewer. Stops quietly when a period falls
 * in a year the calendar does not cover (D4).
 */
async function seedCaseUnderReview(ctx: AppContext, userIds: Map<string, string>, agencyId: string) {
  const officer = (await principalForUser(ctx.db, userIds.get("xs.cg.01")!))!;
  const leader = (await principalForUser(ctx.db, userIds.get("xs.cg.lead")!))!;
  const day = (n: number) => addDays(dateOf(ctx.now()), n);
  const c = await createCase(ctx, officer, {
    agencyId,
    field: "市容环境卫生",
    summary: "在城关镇人民路擅自搭建临时棚架占道经营，责令限期拆除后逾期未改正",
    place: { address: "西山县城关镇人民路 88 号门前" },
    party: {
      type: "individual",
      name: "郑海涛",
      idNumber: "330723198807215513",
      phone: "13957954321",
      address: "西山县城关镇人民路 90 号",
    },
    actOn: day(-50),
    discoveredOn: day(-48),
    officerIds: [officer.userId, leader.userId],
  });
  let version = 1;
  try {
    for (const [event, on, data, as] of [
      ["file", -45, {}, leader],
      ["start_investigation", -44, {}, officer],
      [
        "record_inspection",
        -43,
        { record: "现场检查：当事人在人民路 88 号门前搭建棚架约 12 平方米经营" },
        officer,
      ],
      ["record_interview", -42, { record: "当事人承认未经批准搭建棚架经营", interviewee: "郑海涛" }, officer],
      ["finish_investigation", -35, { report: "事实清楚，证据确凿，建议罚款 6000 元" }, officer],
      [
        "notify",
        -30,
        {
          penalty: { fineFen: 600_000 },
          facts: "未经批准在人民路 88 号门前搭建棚架占道经营，逾期未改正",
          legalBasis: "《城市市容和环境卫生管理条例》第三十六条",
        },
        officer,
      ],
      ["waive_statement", -29, { note: "当事人书面放弃陈述申辩和听证" }, officer],
    ] as const) {
      version = (await applyTransition(ctx, as, c.id, event, { version, on: day(on), data: { ...data } }))
        .version;
    }
    await submitReview(ctx, leader, {
      caseId: c.id,
      proposal: {
        outcome: "penalty",
        penalty: { fineFen: 600_000 },
        reasons: "当事人未经批准搭建棚架占道经营，经责令改正逾期未改正，依法处以罚款",
      },
      materials: ["investigation_report", "proposal", "evidence", "legal_basis"],
      reviewerId: userIds.get("xs.legal")!,
      note: "达到较大数额罚款，列入重大执法决定目录",
    });
  } catch (e) {
    if (e instanceof AppError && e.code === "CALENDAR_YEAR_NOT_LOADED") return;
    throw e;
  }
}

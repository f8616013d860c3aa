import type { AppContext } from "../context.ts";
import { AppError } from "../core/errors.ts";
import { findAgency } from "../modules/agencies/find-agency.ts";
import { applyTransition } from "../modules/cases/apply-transition.ts";
import { changeProcedureList } from "../modules/cases/change-procedure-list.ts";
import { createCase } from "../modules/cases/create-case.ts";
import { getCase } from "../modules/cases/get-case.ts";
import { principalForUser } from "../modules/identity/load-principal.ts";
import type { Principal } from "../modules/identity/principal.ts";
import { managingBureau } from "../modules/officers/find-officer.ts";
import { addDays, dateOf } from "../modules/officers/officer.ts";
import { powerItemByCode } from "../modules/powers/find-power-item.ts";
import { publishDecision } from "../modules/publicity/publish-decision.ts";

/**
 * Sample cases for 西山县城关中队, taken through the real use cases with dates before the seeding
 * day: a closed general-procedure case, a closed on-the-spot ticket, a lead waiting for filing
 * approval and a case under investigation. A step whose deadline falls in a year the working-day
 * calendar does not cover yet is refused (D4); the sample case then simply stops at that step.
 */
export async function seedDemoCases(
  ctx: AppContext,
  userIds: Map<string, string>,
  agencyId: string,
): Promise<void> {
  const officer = (await principalForUser(ctx.db, userIds.get("xs.cg.01")!))!;
  const leader = (await principalForUser(ctx.db, userIds.get("xs.cg.lead")!))!;
  const today = dateOf(ctx.now());
  const day = (n: number) => addDays(today, n);
  const base = {
    agencyId,
    field: "市容环境卫生",
    officerIds: [officer.userId, leader.userId],
  };
  const steps = async (caseId: string, list: [string, number, Record<string, unknown>, Principal?][]) => {
    let version = 1;
    for (const [event, on, data, as] of list) {
      try {
        version = (await applyTransition(ctx, as ?? officer, caseId, event, { version, on: day(on), data }))
          .version;
      } catch (e) {
        if (e instanceof AppError && e.code === "CALENDAR_YEAR_NOT_LOADED") return;
        throw e;
      }
    }
  };

  const closed = await createCase(ctx, officer, {
    ...base,
    summary: "在城关镇解放路人行道上擅自设摊经营（占道经营），经劝导仍未撤离",
    place: { address: "西山县城关镇解放路 56 号门前人行道" },
    party: {
      type: "individual",
      name: "孙立军",
      idNumber: "330723198503127716",
      phone: "13957912345",
      address: "西山县城关镇解放路 12 号",
    },
    actOn: day(-152),
    discoveredOn: day(-150),
  });
  await steps(closed.id, [
    ["file", -149, {}, leader],
    ["start_investigation", -148, {}],
    ["record_inspection", -148, { record: "现场检查：人行道上摆放货架约 4 平方米，影响行人通行" }],
    ["record_interview", -146, { record: "当事人承认未经批准占道经营", interviewee: "孙立军" }],
    ["finish_investigation", -140, { report: "事实清楚，证据确凿，拟按裁量基准一般情节处理" }],
    [
      "notify",
      -138,
      {
        penalty: { fineFen: 100_000 },
        facts: "未经批准占用人行道设摊经营",
        legalBasis: "《城市市容和环境卫生管理条例》第三十六条",
      },
    ],
    ["record_statement", -135, { statement: "初次违法，请求从轻处理", adopted: false }],
    [
      "decide",
      -130,
      {
        outcome: "penalty",
        penalty: { fineFen: 100_000 },
        reasons: "当事人陈述已听取；按裁量基准一般情节，处罚款 1000 元",
      },
      leader,
    ],
    ["serve", -129, { method: "on_the_spot", receipt: "当事人当场签收" }],
    ["record_execution", -120, { paidFen: 100_000 }],
    ["close", -118, { report: "罚款已缴纳，案件执行完毕" }, leader],
    ["archive", -117, {}, leader],
  ]);
  // G3: the decision is published on the public site (masked by the server, G6).
  const legal = (await principalForUser(ctx.db, userIds.get("xs.legal")!))!;
  if ((await getCase(ctx, legal, closed.id)).state === "archived")
    await publishDecision(ctx, legal, closed.id);

  const ticket = await createCase(ctx, officer, {
    ...base,
    procedure: "simple",
    summary: "在城关镇府前街随地丢弃烟头、纸屑",
    place: { address: "西山县城关镇府前街 9 号" },
    party: {
      type: "individual",
      name: "周海涛",
      idNumber: "330723199107083315",
      address: "西山县城关镇府前街 12 号",
    },
    actOn: day(-40),
    discoveredOn: day(-40),
  });
  await steps(ticket.id, [
    [
      "decide",
      -40,
      {
        penalty: { fineFen: 5_000 },
        facts: "随地丢弃烟头、纸屑",
        legalBasis: "《城市市容和环境卫生管理条例》第三十四条",
        partySigned: true,
      },
    ],
    ["serve", -40, { method: "on_the_spot", receipt: "当场交付，当事人签收" }],
    ["record_execution", -39, { paidFen: 5_000 }],
    ["close", -38, { report: "当场处罚已执行" }, leader],
  ]);

  const investigating = await createCase(ctx, officer, {
    ...base,
    summary: "西山县城关镇建设路一工地围挡外堆放建筑材料高于围挡",
    place: { address: "西山县城关镇建设路与文化路交叉口工地" },
    party: {
      type: "organisation",
      name: "西山县宏达建筑工程有限公司",
      creditCode: "91330723MA2D4K7L3X",
      legalRepresentative: "吴宏达",
    },
    actOn: day(-22),
    discoveredOn: day(-21),
  });
  await steps(investigating.id, [
    ["file", -20, {}, leader],
    ["start_investigation", -19, {}],
    ["record_inspection", -19, { record: "现场检查：围挡外堆放砂石约 6 立方米，高出围挡约 0.5 米" }],
  ]);

  await seedThreeStepCases(ctx, userIds, agencyId, { officer, day, steps, base });

  await createCase(ctx, officer, {
    ...base,
    summary: "群众反映城关镇人民路夜市摊位占道、油烟扰民，待核查立案",
    place: { address: "西山县城关镇人民路夜市" },
    party: { type: "individual", name: "待查" },
    actOn: day(-5),
    discoveredOn: day(-3),
  });
}

/**
 * The county bureau's three-step list (C08) and first-violation list (P11), set by its legal
 * reviewer, and two three-step cases: one corrected in time and closed, one waiting for re-inspection.
 */
async function seedThreeStepCases(
  ctx: AppContext,
  userIds: Map<string, string>,
  agencyId: string,
  h: {
    officer: Principal;
    day: (n: number) => string;
    steps: (caseId: string, list: [string, number, Record<string, unknown>, Principal?][]) => Promise<void>;
    base: { agencyId: string; field: string; officerIds: string[] };
  },
): Promise<void> {
  const squad = await findAgency(ctx.db, agencyId);
  const bureau = await managingBureau(ctx.db, squad);
  const legal = (await principalForUser(ctx.db, userIds.get("xs.legal")!))!;
  const item = async (code: string) => (await powerItemByCode(ctx.db, bureau.path, code))!;
  const littering = await item("CG-CF-001");
  const list = async (l: "three_step" | "first_violation", powerItemId: string, reason: string) =>
    changeProcedureList(ctx, legal, bureau.id, { list: l, powerItemId, action: "add", reason });
  await list("three_step", littering, "违法情节轻微、可以当场纠正，经局务会研究列入三步式执法清单");
  await list("three_step", await item("CG-CF-004"), "临街工地未设置遮挡，可责令限期改正");
  await list("first_violation", littering, "依据本省首违不罚事项清单");

  const corrected = await createCase(ctx, h.officer, {
    ...h.base,
    procedure: "three_step",
    summary: "城关镇新华路一店铺门前乱扔纸箱、包装废弃物",
    place: { address: "西山县城关镇新华路 31 号门前" },
    party: {
      type: "individual",
      name: "郑晓东",
      idNumber: "330723199204157712",
      address: "西山县城关镇新华路 31 号",
    },
    powerItemIds: [littering],
    actOn: h.day(-12),
    discoveredOn: h.day(-12),
  });
  await h.steps(corrected.id, [
    ["educate", -12, { record: "向当事人宣讲《城市市容和环境卫生管理条例》，当事人表示认识到错误" }],
    ["order_correction", -12, { requirement: "当日清理门前废弃物，今后做到门前三包", dueOn: h.day(-10) }],
    ["reinspect_corrected", -10, { record: "复查：门前已清理干净，当事人已按期改正" }],
  ]);

  const waiting = await createCase(ctx, h.officer, {
    ...h.base,
    procedure: "three_step",
    summary: "城关镇文化路临街工地未设置围挡遮挡，影响市容",
    place: { address: "西山县城关镇文化路 8 号工地" },
    party: {
      type: "organisation",
      name: "西山县城建开发有限公司",
      creditCode: "91330723MA2C8P6Q1Y",
      legalRepresentative: "钱志远",
      address: "西山县城关镇文化路 2 号",
    },
    powerItemIds: [await item("CG-CF-004")],
    actOn: h.day(-4),
    discoveredOn: h.day(-4),
  });
  await h.steps(waiting.id, [
    ["educate", -3, { record: "向项目负责人说明临街工地应当设置护栏或者遮挡" }],
    ["order_correction", -3, { requirement: "七日内设置符合要求的围挡", dueOn: h.day(4) }],
  ]);
}

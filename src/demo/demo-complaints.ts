import type { AppContext } from "../context.ts";
import { acceptComplaint } from "../modules/complaints/accept-complaint.ts";
import { answerComplaint } from "../modules/complaints/answer-complaint.ts";
import { dispatchComplaint } from "../modules/complaints/dispatch-complaint.ts";
import { linkComplaint } from "../modules/complaints/link-complaint.ts";
import { notifierOf, setNotifier } from "../modules/complaints/notifier.ts";
import { complaintOfCode } from "../modules/complaints/public-status.ts";
import { recordComplaint } from "../modules/complaints/record-complaint.ts";
import { saveDispatchRule } from "../modules/complaints/save-dispatch-rule.ts";
import { submitComplaint } from "../modules/complaints/submit-complaint.ts";
import { transferComplaint } from "../modules/complaints/transfer-complaint.ts";
import { verifyComplaint } from "../modules/complaints/verify-complaint.ts";
import { principalForUser } from "../modules/identity/load-principal.ts";

/**
 * Sample complaints and leads in 东湖区 through the complaint use cases (issue 8): waiting for
 * dispatch, dispatched, a phone call turned into a lead and answered, a transfer with notice, a
 * patrol finding, an assignment from the city and a likely duplicate.
 */
export async function seedDemoComplaints(
  ctx: AppContext,
  userIds: Map<string, string>,
  agencyIds: Map<string, string>,
): Promise<void> {
  // The demo reporters are invented: their answers are not sent (nor logged).
  const notifier = notifierOf(ctx);
  setNotifier(ctx, { send: async () => {} });
  try {
    await seed(ctx, userIds, agencyIds);
  } finally {
    setNotifier(ctx, notifier);
  }
}

async function seed(ctx: AppContext, userIds: Map<string, string>, agencyIds: Map<string, string>) {
  const who = async (u: string) => (await principalForUser(ctx.db, userIds.get(u)!))!;
  const clerk = await who("dh.clerk");
  const xcLead = await who("dh.xc.lead");
  const donghu = agencyIds.get("donghu")!;
  const hb = agencyIds.get("donghu-1")!;
  const xc = agencyIds.get("donghu-2")!;
  const current = async (code: string) => complaintOfCode(ctx, code);

  await saveDispatchRule(ctx, clerk, { bureauId: donghu, keyword: "新城大道", category: "", agencyId: xc });

  // 1. From the public site, named, waiting for dispatch; 6. a second report of the same stall.
  await submitComplaint(ctx, {
    bureauId: donghu,
    category: "street_vending",
    address: "东湖区湖滨街道湖滨路 18 号门前",
    description: "每天傍晚有流动摊贩占用人行道卖烧烤，油烟大，行人只能走机动车道。",
    anonymous: false,
    reporter: { name: "周女士", phone: "13805790001" },
  });
  await submitComplaint(ctx, {
    bureauId: donghu,
    category: "street_vending",
    address: "湖滨路18号",
    description: "湖滨路烧烤摊占道，晚上一直到十一点。",
    anonymous: true,
  });

  // 2. Anonymous, dispatched to 新城中队 by the rule, not yet accepted.
  const litter = await submitComplaint(ctx, {
    bureauId: donghu,
    category: "litter",
    address: "东湖区新城街道新城大道 120 号",
    description: "小区围墙外堆放建筑垃圾已经一周，无人清理。",
    anonymous: true,
  });
  await dispatchComplaint(ctx, clerk, (await current(litter.trackingCode)).id, {
    version: (await current(litter.trackingCode)).version,
    agencyId: xc,
  });

  // 3. A phone call: dispatched, accepted, verified, turned into a lead, answered.
  const call = await recordComplaint(ctx, clerk, {
    agencyId: donghu,
    source: "phone",
    category: "illegal_building",
    address: "东湖区新城街道新城大道 66 弄 3 号楼顶",
    description: "来电反映楼顶正在搭建彩钢板房。",
    reporter: { name: "吴先生", phone: "13805790002" },
  });
  let v = (await dispatchComplaint(ctx, clerk, call.id, { version: call.version, agencyId: xc })).version;
  v = (await acceptComplaint(ctx, xcLead, call.id, { version: v })).version;
  v = (
    await verifyComplaint(ctx, xcLead, call.id, {
      version: v,
      findings: "现场核实：楼顶新建彩钢板房约 30 平方米，未见规划许可。",
    })
  ).version;
  v = (await linkComplaint(ctx, xcLead, call.id, { version: v, lead: { partyName: "楼顶搭建人（待查明）" } }))
    .version;
  await answerComplaint(ctx, xcLead, call.id, {
    version: v,
    answer: "经现场核实，反映的楼顶搭建问题属实，已立案调查并责令停止建设。",
  });

  // 4. Named, outside our powers: transferred in writing with a notice.
  const clinic = await submitComplaint(ctx, {
    bureauId: donghu,
    category: "other",
    address: "东湖区湖滨街道某小区 2 幢",
    description: "小区里有人无证行医，怀疑是黑诊所。",
    anonymous: false,
    reporter: { name: "郑先生", phone: "13805790003" },
  });
  const c4 = await current(clinic.trackingCode);
  await transferComplaint(ctx, clerk, c4.id, {
    version: c4.version,
    department: "示范市东湖区卫生健康局",
    reason: "无证行医属卫生健康部门职责",
  });

  // 5. A patrol finding of 湖滨中队 (accepted at once); 7. an assignment from the city bureau.
  await recordComplaint(ctx, await who("dh.hb.01"), {
    agencyId: hb,
    source: "patrol",
    category: "advertising",
    address: "东湖区湖滨街道湖滨路 5 号",
    description: "巡查发现商户在人行道设置落地广告牌。",
  });
  await recordComplaint(ctx, await who("city.leader"), {
    agencyId: donghu,
    source: "assignment",
    category: "cooking_fumes",
    address: "东湖区新城街道美食街 1 号",
    description: "市局交办：群众多次反映美食街餐饮油烟扰民，请核查处理。",
    fromDepartment: "示范市综合行政执法局",
  });
}

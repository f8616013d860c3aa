import type { AppContext } from "../context.ts";
import { withCreditCheckDigit } from "../modules/agencies/agency.ts";
import { principalForUser } from "../modules/identity/load-principal.ts";
import { dateOf } from "../modules/officers/officer.ts";
import { saveInspectionResult } from "../modules/publicity/inspection-results.ts";
import { saveInspectionItem } from "../modules/publicity/public-info-inspection.ts";
import { saveServiceGuide } from "../modules/publicity/service-guides.ts";

/**
 * The public site's service guides (G1), random-inspection items and inspection results (C13) of
 * the demo bureaus, through the same use cases staff call (the legal reviewers hold
 * power.manage and publicity.manage in their bureau).
 */
export async function seedDemoPublicity(
  ctx: AppContext,
  userIds: Map<string, string>,
  agencyIds: Map<string, string>,
): Promise<void> {
  const who = async (u: string) => (await principalForUser(ctx.db, userIds.get(u)!))!;
  const city = agencyIds.get("city")!;
  const donghu = agencyIds.get("donghu")!;
  const xishan = agencyIds.get("xishan")!;
  const cityLegal = await who("city.legal");
  const dhLegal = await who("dh.legal");
  const xsLegal = await who("xs.legal");
  const daysAgo = (n: number) => dateOf(new Date(ctx.now().getTime() - n * 86_400_000));

  const complaintGuide = (agencyId: string, place: string, phone: string) => ({
    agencyId,
    title: "投诉举报办理指南",
    category: "complaint" as const,
    scope: "公民、法人或者其他组织对市容环境卫生、城乡规划、市政公用等领域违法行为的投诉举报",
    basis: "《信访工作条例》；《行政处罚法》第五十二条；本局投诉举报处理办法",
    materials: [
      "投诉举报人姓名及联系方式（可匿名）",
      "被投诉举报对象及违法行为发生地点",
      "现场照片、视频等线索材料（如有）",
    ],
    steps: [
      "通过网站“我要投诉举报”、来电或来信提出",
      "受理登记，生成查询码",
      "分派至属地中队核查处理",
      "依法处理（责令整改或立案查处）",
      "实名投诉举报的答复处理结果",
    ],
    timeLimit: "自受理之日起 15 个工作日内办结并答复；情况复杂的可延长",
    fee: "不收费",
    place,
    phone,
    hours: "工作日 上午 8:30—12:00，下午 14:30—17:30",
  });

  await saveServiceGuide(
    ctx,
    cityLegal,
    complaintGuide(city, "示范市人民路 1 号 局机关一楼受理窗口", "0579-12345678"),
  );
  await saveServiceGuide(ctx, cityLegal, {
    agencyId: city,
    title: "行政复议申请指南",
    category: "remedy",
    scope: "对本局作出的行政处罚、行政强制等具体行政行为不服的公民、法人或者其他组织",
    basis: "《中华人民共和国行政复议法》第二十条、第二十三条",
    materials: [
      "行政复议申请书",
      "申请人身份证明（营业执照或身份证复印件）",
      "被申请复议的行政决定书",
      "有关证据材料",
    ],
    steps: [
      "自知道行政行为之日起 60 日内向复议机关提出申请",
      "复议机关审查，5 日内决定是否受理",
      "审理（书面审查，必要时听取意见）",
      "作出行政复议决定并送达",
    ],
    timeLimit: "受理之日起 60 日内作出决定（情况复杂的可延长不超过 30 日）",
    fee: "不收费",
    place: "示范市人民政府行政复议局（示范市人民路 5 号）",
    phone: "0579-12340000",
    hours: "工作日 上午 8:30—12:00，下午 14:30—17:30",
  });
  await saveServiceGuide(ctx, dhLegal, {
    agencyId: donghu,
    title: "城市道路挖掘许可办理指南",
    category: "licence",
    scope: "因工程建设需要挖掘东湖区城市道路的建设单位",
    basis: "《城市道路管理条例》第三十三条",
    materials: [
      "城市道路挖掘申请表",
      "规划部门批准文件",
      "施工图及挖掘路段平面图",
      "施工安全保障及交通组织方案",
    ],
    steps: ["网上或窗口提交申请", "材料审查与现场踏勘", "作出许可决定", "领取许可证并按期施工、恢复路面"],
    timeLimit: "受理之日起 10 个工作日",
    fee: "按规定缴纳道路挖掘修复费（标准另行公布）",
    place: "东湖区行政服务中心三楼综合执法窗口",
    phone: "0579-22345678",
    hours: "工作日 上午 9:00—12:00，下午 13:30—17:00",
  });
  await saveServiceGuide(
    ctx,
    dhLegal,
    complaintGuide(donghu, "示范市东湖区湖滨路 18 号 一楼受理窗口", "0579-22345678"),
  );
  await saveServiceGuide(ctx, xsLegal, {
    agencyId: xishan,
    title: "政府信息公开申请指南",
    category: "information",
    scope: "向西山县综合行政执法局申请获取政府信息的公民、法人或者其他组织",
    basis: "《中华人民共和国政府信息公开条例》第二十七条至第三十三条",
    materials: ["政府信息公开申请表", "申请人身份证明"],
    steps: ["当面、邮寄或网上提交申请", "登记并审查", "答复（公开、部分公开、不予公开或告知）"],
    timeLimit: "收到申请之日起 20 个工作日内答复；需要延长的，延长不超过 20 个工作日",
    fee: "不收费",
    place: "示范市西山县城关镇府前街 9 号 办公室",
    phone: "0579-32345678",
    hours: "工作日 上午 8:30—12:00，下午 14:30—17:30",
  });

  // Random-inspection items of the two county bureaus, then results of inspections under them.
  const dhItem = await saveInspectionItem(ctx, dhLegal, {
    agencyId: donghu,
    name: "户外广告设施设置情况检查",
    field: "市容环境卫生",
    subject: "辖区内设置户外广告设施的单位",
    method: "现场检查",
    frequency: "每年抽查比例不低于 5%",
    basis: "《城市市容和环境卫生管理条例》第十一条",
  });
  const dhWaste = await saveInspectionItem(ctx, dhLegal, {
    agencyId: donghu,
    name: "餐厨垃圾收集处置情况检查",
    field: "市容环境卫生",
    subject: "辖区内餐饮服务单位",
    method: "现场检查、书面检查",
    frequency: "每半年一次，抽查比例不低于 3%",
    basis: "《城市生活垃圾管理办法》第十六条、第二十条",
  });
  const xsItem = await saveInspectionItem(ctx, xsLegal, {
    agencyId: xishan,
    name: "建筑工地扬尘防治情况检查",
    field: "市容环境卫生",
    subject: "县城规划区内在建工地施工单位",
    method: "现场检查",
    frequency: "每季度一次，抽查比例不低于 10%",
    basis: "《中华人民共和国大气污染防治法》第六十九条",
  });
  const org = (region: string, n: string) => withCreditCheckDigit(`91${region}${n}`);
  await saveInspectionResult(ctx, dhLegal, {
    agencyId: donghu,
    itemId: dhItem.itemId,
    partyType: "organisation",
    partyName: "示范市湖光广告传媒有限公司",
    creditCode: org("330702", "MA2B3C4D5"),
    inspectedOn: daysAgo(12),
    inspectors: "张伟、李娜",
    result: "no_problem",
    handling: "户外广告设施设置符合审批要求，未发现问题。",
  });
  await saveInspectionResult(ctx, dhLegal, {
    agencyId: donghu,
    itemId: dhWaste.itemId,
    partyType: "organisation",
    partyName: "示范市东湖区味知香餐饮店",
    creditCode: org("330702", "MA3C4D5E6"),
    inspectedOn: daysAgo(9),
    inspectors: "刘洋、陈静",
    result: "corrected",
    handling: "餐厨垃圾未分类存放，已当场责令整改，复查时已整改到位。",
  });
  await saveInspectionResult(ctx, dhLegal, {
    agencyId: donghu,
    itemId: dhWaste.itemId,
    partyType: "individual",
    partyName: "赵小明",
    partyIdNumber: "330702198805061234",
    partyPhone: "13905790123",
    inspectedOn: daysAgo(6),
    inspectors: "刘洋、陈静",
    result: "not_found",
    handling: "赵小明经营的流动早餐点登记地址无法联系，电话 13905790123 无人接听。",
  });
  await saveInspectionResult(ctx, xsLegal, {
    agencyId: xishan,
    itemId: xsItem.itemId,
    partyType: "organisation",
    partyName: "示范市西山建工集团有限公司",
    creditCode: org("330723", "MA4D5E6F7"),
    inspectedOn: daysAgo(15),
    inspectors: "林中队及城关中队执法人员",
    result: "case_opened",
    handling: "工地出入口未设置车辆冲洗设施，渣土车带泥上路，已立案查处。",
    caseNumber: "西综执罚〔示例〕1号",
  });
}

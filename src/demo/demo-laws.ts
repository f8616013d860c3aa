import type { z } from "zod";
import type { AppContext } from "../context.ts";
import {
  type CreateBenchmarkInput,
  createBenchmarkInput,
  type Tier,
} from "../modules/benchmarks/benchmark.ts";
import { createBenchmark } from "../modules/benchmarks/save-benchmark.ts";
import type { Principal } from "../modules/identity/principal.ts";
import { createLawInput } from "../modules/laws/law.ts";
import { createLaw } from "../modules/laws/save-law.ts";
import { resolveCitation } from "../modules/powers/citations.ts";
import { createPowerItemInput } from "../modules/powers/power.ts";
import { createPowerItem } from "../modules/powers/save-power-item.ts";
import { createViolation } from "../modules/violations/save-violation.ts";
import { createViolationInput } from "../modules/violations/violation.ts";

/**
 * Demo laws library, powers catalogue and discretion benchmarks of the demo city bureau.
 * National provisions follow the published texts (行政处罚法 2021 revision; 城市市容和环境卫生管理条例);
 * 《示范市市容和环境卫生管理条例》 is invented for the invented demo city.
 */
export const punishmentLaw = "中华人民共和国行政处罚法";
export const cityAppearanceRegulation = "城市市容和环境卫生管理条例";
export const demoCityRegulation = "示范市市容和环境卫生管理条例";

export const demoLaws: z.input<typeof createLawInput>[] = [
  {
    title: punishmentLaw,
    level: "law",
    issuingBody: "全国人民代表大会常务委员会",
    documentNumber: "中华人民共和国主席令第七十号",
    promulgatedOn: "2021-01-22",
    effectiveOn: "2021-07-15",
    articles: [
      {
        number: "第九条",
        text: "行政处罚的种类：（一）警告、通报批评；（二）罚款、没收违法所得、没收非法财物；（三）暂扣许可证件、降低资质等级、吊销许可证件；（四）限制开展生产经营活动、责令停产停业、责令关闭、限制从业；（五）行政拘留；（六）法律、行政法规规定的其他行政处罚。",
      },
      {
        number: "第二十九条",
        text: "对当事人的同一个违法行为，不得给予两次以上罚款的行政处罚。同一个违法行为违反多个法律规范应当给予罚款处罚的，按照罚款数额高的规定处罚。",
      },
      {
        number: "第三十条",
        text: "不满十四周岁的未成年人有违法行为的，不予行政处罚，责令监护人加以管教；已满十四周岁不满十八周岁的未成年人有违法行为的，应当从轻或者减轻行政处罚。",
      },
      {
        number: "第三十一条",
        text: "精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为的，不予行政处罚，但应当责令其监护人严加看管和治疗。间歇性精神病人在精神正常时有违法行为的，应当给予行政处罚。尚未完全丧失辨认或者控制自己行为能力的精神病人、智力残疾人有违法行为的，可以从轻或者减轻行政处罚。",
      },
      {
        number: "第三十二条",
        text: "当事人有下列情形之一，应当从轻或者减轻行政处罚：（一）主动消除或者减轻违法行为危害后果的；（二）受他人胁迫或者诱骗实施违法行为的；（三）主动供述行政机关尚未掌握的违法行为的；（四）配合行政机关查处违法行为有立功表现的；（五）法律、法规、规章规定其他应当从轻或者减轻行政处罚的。",
      },
      {
        number: "第三十三条",
        text: "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。初次违法且危害后果轻微并及时改正的，可以不予行政处罚。当事人有证据足以证明没有主观过错的，不予行政处罚。法律、行政法规另有规定的，从其规定。对当事人的违法行为依法不予行政处罚的，行政机关应当对当事人进行教育。",
      },
      {
        number: "第三十四条",
        text: "行政机关可以依法制定行政处罚裁量基准，规范行使行政处罚裁量权。行政处罚裁量基准应当向社会公布。",
      },
      {
        number: "第五十一条",
        text: "违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者警告的行政处罚的，可以当场作出行政处罚决定。法律另有规定的，从其规定。",
      },
    ],
  },
  {
    title: cityAppearanceRegulation,
    level: "administrative_regulation",
    issuingBody: "国务院",
    documentNumber: "国务院令第101号",
    promulgatedOn: "1992-06-28",
    effectiveOn: "1992-08-01",
    articles: [
      {
        number: "第十四条",
        text: "任何单位和个人都不得在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施。因建设等特殊需要，在街道两侧和公共场地临时堆放物料，搭建非永久性建筑物、构筑物或者其他设施的，必须征得城市人民政府市容环境卫生行政主管部门同意后，按照有关规定办理审批手续。",
      },
      {
        number: "第十六条",
        text: "城市的工程施工现场的材料、机具应当堆放整齐，渣土应当及时清运；临街工地应当设置护栏或者围布遮挡；停工场地应当及时整理并作必要的覆盖；竣工后，应当及时清理和平整场地。",
      },
      {
        number: "第十七条",
        text: "一切单位和个人，都应当遵守城市市容环境卫生管理规定，不得随地吐痰、便溺，不得乱扔果皮、纸屑和烟头等废弃物。",
      },
      {
        number: "第三十四条",
        text: "有下列行为之一者，城市人民政府市容环境卫生行政主管部门或者其委托的单位除责令其纠正违法行为、采取补救措施外，可以并处警告、罚款：（一）随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的；（二）在城市建筑物、设施以及树木上涂写、刻画或者未经批准张挂、张贴宣传品等的；（三）在城市人民政府规定的街道的临街建筑物的阳台和窗外，堆放、吊挂有碍市容的物品的；（四）不按规定的时间、地点、方式，倾倒垃圾、粪便的；（五）不履行卫生责任区清扫保洁义务或者不按规定清运、处理垃圾和粪便的；（六）运输液体、散装货物不作密封、包覆，造成泄漏、遗撒的；（七）临街工地不设置护栏或者不作遮挡、停工场地不及时整理并作必要覆盖或者竣工后不及时清理和平整场地，影响市容和环境卫生的。",
      },
      {
        number: "第三十六条",
        text: "有下列行为之一者，由城市人民政府市容环境卫生行政主管部门或者其委托的单位责令其停止违法行为，限期清理、拆除或者采取其他补救措施，并可处以罚款：（一）未经城市人民政府市容环境卫生行政主管部门同意，擅自设置大型户外广告，影响市容的；（二）未经城市人民政府市容环境卫生行政主管部门批准，擅自在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施，影响市容的；（三）未经批准擅自拆除环境卫生设施或者未按批准的拆迁方案进行拆迁的。",
      },
    ],
  },
  {
    title: demoCityRegulation,
    level: "local_regulation",
    issuingBody: "示范市人民代表大会常务委员会",
    documentNumber: "示范市人民代表大会常务委员会公告第12号",
    promulgatedOn: "2019-10-30",
    effectiveOn: "2020-01-01",
    articles: [
      {
        number: "第十八条",
        text: "任何单位和个人不得随地吐痰、便溺，不得乱扔果皮、纸屑、烟头、饮料瓶、包装袋等废弃物。",
      },
      {
        number: "第二十二条",
        text: "建设工程施工现场应当设置符合标准的围挡；施工现场的材料、机具应当堆放整齐，堆放高度不得超过围挡高度。",
      },
      {
        number: "第二十五条",
        text: "经批准搭建的临时建筑物、构筑物和其他设施，设置人应当保持其整洁、完好，并在批准期限届满前自行拆除。",
      },
      {
        number: "第四十一条",
        text: "违反本条例第十八条规定的，由市容环境卫生主管部门责令改正，可以处五十元以下罚款。",
      },
      {
        number: "第四十五条",
        text: "违反本条例第二十二条规定，施工现场材料堆放高度超过围挡高度的，由市容环境卫生主管部门责令限期改正；逾期不改正的，处一千元以上五千元以下罚款。",
      },
      {
        number: "第四十八条",
        text: "违反本条例第二十五条规定，临时建筑物、构筑物和其他设施未保持整洁、完好的，由市容环境卫生主管部门责令限期改正；逾期不改正的，对单位处五百元以上三千元以下罚款，对个人处二百元以上一千元以下罚款。",
      },
    ],
  },
];

const cite = (law: string, number: string) => `《${law}》${number}`;
const national = (n: string) => cite(cityAppearanceRegulation, n);
const local = (n: string) => cite(demoCityRegulation, n);

type DemoPower = Omit<z.input<typeof createPowerItemInput>, "agencyId" | "basisArticleIds"> & {
  basis: string[];
};

export const demoPowers: DemoPower[] = [
  {
    code: "CG-CF-001",
    name: "对随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的行政处罚",
    kind: "penalty",
    field: "市容环境卫生",
    basis: [national("第十七条"), national("第三十四条"), local("第十八条"), local("第四十一条")],
    transferredFrom: "示范市城市管理局",
    effectiveFrom: "2020-01-01",
    published: true,
  },
  {
    code: "CG-CF-002",
    name: "对施工现场材料堆放高度超过围挡高度的行政处罚",
    kind: "penalty",
    field: "市容环境卫生",
    basis: [local("第二十二条"), local("第四十五条")],
    transferredFrom: "示范市住房和城乡建设局",
    effectiveFrom: "2020-01-01",
    published: true,
  },
  {
    code: "CG-CF-003",
    name: "对临时建筑物、构筑物和其他设施未保持整洁、完好的行政处罚",
    kind: "penalty",
    field: "市容环境卫生",
    basis: [local("第二十五条"), local("第四十八条")],
    transferredFrom: "示范市城市管理局",
    effectiveFrom: "2020-01-01",
    published: true,
  },
  {
    code: "CG-CF-004",
    name: "对临街工地不设置护栏或者不作遮挡等影响市容和环境卫生行为的行政处罚",
    kind: "penalty",
    field: "市容环境卫生",
    basis: [national("第十六条"), national("第三十四条")],
    transferredFrom: "示范市住房和城乡建设局",
    effectiveFrom: "2020-01-01",
    published: true,
  },
  {
    code: "CG-CF-005",
    name: "对擅自在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施的行政处罚",
    kind: "penalty",
    field: "市容环境卫生",
    basis: [national("第十四条"), national("第三十六条")],
    transferredFrom: "示范市城市管理局",
    effectiveFrom: "2020-01-01",
    published: true,
  },
  {
    code: "CG-CF-006",
    name: "对擅自设置大型户外广告影响市容的行政处罚",
    kind: "penalty",
    field: "城市管理",
    basis: [national("第三十六条")],
    transferredFrom: "示范市城市管理局",
    effectiveFrom: "2020-01-01",
    published: true,
  },
  {
    code: "CG-CF-007",
    name: "对不按规定的时间、地点、方式倾倒垃圾、粪便的行政处罚",
    kind: "penalty",
    field: "市容环境卫生",
    basis: [national("第三十四条")],
    effectiveFrom: "2020-01-01",
    published: true,
  },
  {
    code: "CG-CF-008",
    name: "对运输液体、散装货物不作密封、包覆，造成泄漏、遗撒的行政处罚",
    kind: "penalty",
    field: "交通运输",
    basis: [national("第三十四条")],
    transferredFrom: "示范市交通运输局",
    effectiveFrom: "2020-01-01",
    published: true,
  },
  {
    code: "CG-CF-009",
    name: "对在城市建筑物、设施以及树木上涂写、刻画或者未经批准张挂、张贴宣传品的行政处罚",
    kind: "penalty",
    field: "市容环境卫生",
    basis: [national("第三十四条")],
    effectiveFrom: "2020-01-01",
    published: false,
  },
  {
    code: "CG-QZ-001",
    name: "对违法堆放的物料、违法搭建设施所用工具的查封、扣押",
    kind: "compulsory_measure",
    field: "城市管理",
    basis: [],
    basisText: "《中华人民共和国行政强制法》第九条、第二十二条；相关法规规定",
    effectiveFrom: "2020-01-01",
    published: true,
  },
  {
    code: "CG-JC-001",
    name: "对市容环境卫生责任区落实情况的行政检查",
    kind: "inspection",
    field: "市容环境卫生",
    basis: [national("第三十四条")],
    effectiveFrom: "2020-01-01",
    published: true,
  },
  {
    code: "ZR-CF-001",
    name: "对未经批准或者采取欺骗手段骗取批准，非法占用土地的行政处罚",
    kind: "penalty",
    field: "自然资源",
    basis: [],
    basisText: "《中华人民共和国土地管理法》第七十七条",
    transferredFrom: "示范市自然资源和规划局",
    status: "active",
    effectiveFrom: "2021-06-01",
    published: true,
  },
];

const order: Tier["penalties"] = ["order_correction"];

type DemoBenchmark = Omit<
  z.input<typeof createBenchmarkInput>,
  "agencyId" | "powerItemId" | "violatedArticleIds" | "penaltyArticleIds"
> & { powerItemCode: string; violated: string[]; penalty: string[] };

/** The three published examples of legal-rules.md ("Discretion benchmark format"), amounts in fen. */
export const demoBenchmarks: DemoBenchmark[] = [
  {
    code: "BZ-001",
    violationName: "乱扔果皮、纸屑、烟头等废弃物",
    powerItemCode: "CG-CF-001",
    violated: [local("第十八条")],
    penalty: [local("第四十一条")],
    effectiveFrom: "2024-01-01",
    published: true,
    tiers: [
      {
        level: "minor",
        conditions: "情节轻微，经教育当场改正",
        harm: ["none", "minor"],
        penalties: order,
        ranges: [],
      },
      {
        level: "serious",
        conditions: "经教育拒不改正，或者乱扔数量较多、影响市容",
        harm: ["ordinary", "serious"],
        penalties: ["order_correction", "fine"],
        // No minimum stated: 10% of the statutory maximum of 50 yuan (common formula).
        ranges: [{ partyType: "any", minFen: 500, maxFen: 3000 }],
      },
      {
        level: "very_serious",
        conditions: "在重点区域、重大活动期间乱扔，或者造成恶劣影响",
        harm: ["very_serious"],
        penalties: ["order_correction", "fine"],
        ranges: [{ partyType: "any", minFen: 3000, maxFen: 5000 }],
      },
    ],
  },
  {
    code: "BZ-002",
    violationName: "施工现场材料堆放高度超过围挡高度",
    powerItemCode: "CG-CF-002",
    violated: [local("第二十二条")],
    penalty: [local("第四十五条")],
    effectiveFrom: "2024-01-01",
    published: true,
    tiers: [
      {
        level: "minor",
        conditions: "超高堆放范围较小，责令后按期改正",
        harm: ["none", "minor"],
        penalties: order,
        ranges: [],
      },
      {
        level: "serious",
        conditions: "逾期不改正，影响市容",
        harm: ["ordinary", "serious"],
        penalties: ["order_correction", "fine"],
        ranges: [{ partyType: "any", minFen: 100_000, maxFen: 300_000 }],
      },
      {
        level: "very_serious",
        conditions: "逾期不改正且造成安全隐患或者恶劣影响",
        harm: ["very_serious"],
        penalties: ["order_correction", "fine"],
        ranges: [{ partyType: "any", minFen: 300_000, maxFen: 500_000 }],
      },
    ],
  },
  {
    code: "BZ-003",
    violationName: "临时建筑物、构筑物未保持整洁、完好",
    powerItemCode: "CG-CF-003",
    violated: [local("第二十五条")],
    penalty: [local("第四十八条")],
    quantityName: "面积",
    quantityUnit: "㎡",
    effectiveFrom: "2024-01-01",
    published: true,
    tiers: [
      {
        level: "ordinary",
        conditions: "逾期不改正，按占地面积确定罚款幅度",
        harm: [],
        penalties: ["order_correction", "fine"],
        ranges: [
          { partyType: "organisation", above: null, upTo: 5, minFen: 50_000, maxFen: 150_000 },
          { partyType: "organisation", above: 5, upTo: 10, minFen: 150_000, maxFen: 200_000 },
          { partyType: "organisation", above: 10, upTo: null, minFen: 200_000, maxFen: 300_000 },
          { partyType: "individual", above: null, upTo: 5, minFen: 20_000, maxFen: 50_000 },
          { partyType: "individual", above: 5, upTo: 10, minFen: 50_000, maxFen: 60_000 },
          { partyType: "individual", above: 10, upTo: null, minFen: 60_000, maxFen: 100_000 },
        ],
      },
    ],
  },
];

async function articleIds(ctx: AppContext, citations: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const c of citations) {
    const id = await resolveCitation(ctx.db, c);
    if (!id) throw new Error(`demo data cites an unknown article: ${c}`);
    ids.push(id);
  }
  return ids;
}

/**
 * Seeds the laws library, the city bureau's powers catalogue and its benchmarks through the use
 * cases, acting as the demo administrator. Returns how many of each were created.
 */
export async function seedDemoLaws(ctx: AppContext, actor: Principal, cityId: string) {
  for (const law of demoLaws) await createLaw(ctx, actor, createLawInput.parse(law));
  const powerIds = new Map<string, string>();
  for (const { basis, ...p } of demoPowers) {
    const item = await createPowerItem(
      ctx,
      actor,
      createPowerItemInput.parse({ ...p, agencyId: cityId, basisArticleIds: await articleIds(ctx, basis) }),
    );
    powerIds.set(item.code, item.id);
  }
  for (const { powerItemCode, violated, penalty, ...b } of demoBenchmarks) {
    // C03: the violation first (same code as its benchmark), then the benchmark grading it.
    const power = demoPowers.find((p) => p.code === powerItemCode);
    const violation = await createViolation(
      ctx,
      actor,
      createViolationInput.parse({
        agencyId: cityId,
        code: b.code.replace(/^BZ-/, "WF-"),
        name: b.violationName,
        field: power?.field ?? "城市管理",
        powerItemId: powerIds.get(powerItemCode) ?? null,
        violatedArticleIds: await articleIds(ctx, violated),
        penaltyArticleIds: await articleIds(ctx, penalty),
        published: b.published ?? false,
      }),
    );
    const input: CreateBenchmarkInput = createBenchmarkInput.parse({
      ...b,
      agencyId: cityId,
      violationId: violation.id,
      powerItemId: violation.powerItemId,
      violatedArticleIds: violation.violatedArticleIds,
      penaltyArticleIds: violation.penaltyArticleIds,
    });
    await createBenchmark(ctx, actor, input);
  }
  return { laws: demoLaws.length, powers: demoPowers.length, benchmarks: demoBenchmarks.length };
}

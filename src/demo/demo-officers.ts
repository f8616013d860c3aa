import { eq } from "drizzle-orm";
import type { AppContext } from "../context.ts";
import { principalForUser } from "../modules/identity/load-principal.ts";
import type { Principal } from "../modules/identity/principal.ts";
import { users } from "../modules/identity/schema.ts";
import { createOfficer } from "../modules/officers/create-officer.ts";
import { issueCertificate } from "../modules/officers/issue-certificate.ts";
import { addDays, createOfficerInput, dateOf } from "../modules/officers/officer.ts";
import { renewCertificate } from "../modules/officers/renew-certificate.ts";
import { reviewCertificate } from "../modules/officers/review-certificate.ts";
import { rotateOfficer } from "../modules/officers/rotate-officer.ts";
import { suspendCertificate } from "../modules/officers/suspend-certificate.ts";
import { createExam } from "../modules/training/create-exam.ts";
import { createPlan } from "../modules/training/create-plan.ts";
import { createSession } from "../modules/training/create-session.ts";
import { createTrainer } from "../modules/training/create-trainer.ts";
import { recordAttendance } from "../modules/training/record-attendance.ts";
import { recordExamResults } from "../modules/training/record-exam-results.ts";

/**
 * Demo officers, certificates and training (C04). Dates are relative to the seeding day, so the
 * figures stay the same whenever the demo is seeded. Hand-computed KPIs (test/http/kpi.test.ts),
 * whole city (subtree): 11 officers in enforcement posts, 9 certified (81.8 %; 李娜's certificate
 * expired 10 days ago, 马丽's is suspended); 4 legal reviewers (36.4 %); 1/2/3 certificates
 * expiring within 30/60/90 days; 东湖 training: 336 hours over 6 officers (56.0), 4 below 60;
 * exam: 6 candidates, 5 sat, 4 passed (83.3 % / 80.0 %).
 */
type Cert = {
  /** Days before the seeding day. */
  issuedDaysAgo: number;
  /** Days after the seeding day (negative: already expired); default: the validity setting. */
  expiresInDays?: number;
  fields: string[];
};
type DemoOfficer = {
  username: string;
  agency: string;
  post: string;
  enforcementPost: boolean;
  gender: "男" | "女";
  staffKind: string;
  legalQualification?: { no: string; date: string };
  cert?: Cert;
};

const cityFields = ["市容环境卫生", "城乡规划", "市政公用"];
export const demoOfficers: DemoOfficer[] = [
  // Legal reviewers (P10: legal qualification), not in enforcement posts.
  {
    username: "city.legal",
    agency: "city",
    post: "法制审核",
    enforcementPost: false,
    gender: "男",
    staffKind: "行政编制",
    legalQualification: { no: "A20093307000123", date: "2009-03-01" },
  },
  {
    username: "dh.legal",
    agency: "donghu",
    post: "法制审核",
    enforcementPost: false,
    gender: "女",
    staffKind: "行政编制",
    legalQualification: { no: "A20123307000456", date: "2012-03-01" },
  },
  {
    username: "xs.legal",
    agency: "xishan",
    post: "法制审核",
    enforcementPost: false,
    gender: "男",
    staffKind: "行政编制",
    legalQualification: { no: "A20153307000789", date: "2015-03-01" },
  },
  // 东湖区
  {
    username: "dh.hb.lead",
    agency: "donghu-1",
    post: "中队长",
    enforcementPost: true,
    gender: "男",
    staffKind: "行政编制",
    cert: { issuedDaysAgo: 400, fields: cityFields },
  },
  {
    username: "dh.hb.01",
    agency: "donghu-1",
    post: "执法队员",
    enforcementPost: true,
    gender: "男",
    staffKind: "行政编制",
    cert: { issuedDaysAgo: 730, fields: ["市容环境卫生"] },
  },
  {
    username: "dh.hb.02",
    agency: "donghu-1",
    post: "执法队员",
    enforcementPost: true,
    gender: "女",
    staffKind: "事业编制",
    cert: { issuedDaysAgo: 1500, expiresInDays: -10, fields: ["市容环境卫生"] },
  },
  {
    username: "dh.hb.xg",
    agency: "donghu-1",
    post: "协管员",
    enforcementPost: false,
    gender: "男",
    staffKind: "协管",
  },
  {
    username: "dh.xc.lead",
    agency: "donghu-2",
    post: "中队长",
    enforcementPost: true,
    gender: "男",
    staffKind: "行政编制",
    cert: { issuedDaysAgo: 600, fields: ["市容环境卫生", "城乡规划"] },
  },
  {
    username: "dh.xc.01",
    agency: "donghu-2",
    post: "执法队员",
    enforcementPost: true,
    gender: "男",
    staffKind: "事业编制",
    cert: { issuedDaysAgo: 1000, expiresInDays: 20, fields: ["市容环境卫生", "城乡规划"] },
  },
  {
    username: "dh.xc.02",
    agency: "donghu-2",
    post: "执法队员（兼法制审核）",
    enforcementPost: true,
    gender: "女",
    staffKind: "行政编制",
    legalQualification: { no: "A20183307001024", date: "2018-03-01" },
    cert: { issuedDaysAgo: 300, fields: ["市容环境卫生", "城乡规划"] },
  },
  // 西山县
  {
    username: "xs.cg.lead",
    agency: "xishan-1",
    post: "中队长",
    enforcementPost: true,
    gender: "男",
    staffKind: "行政编制",
    // Renewed below: the first certificate is kept as history.
    cert: { issuedDaysAgo: 2200, fields: ["市容环境卫生"] },
  },
  {
    username: "xs.cg.01",
    agency: "xishan-1",
    post: "执法队员",
    enforcementPost: true,
    gender: "男",
    staffKind: "事业编制",
    cert: { issuedDaysAgo: 1200, expiresInDays: 50, fields: ["市容环境卫生", "市政公用"] },
  },
  {
    username: "xs.cg.02",
    agency: "xishan-1",
    post: "执法队员",
    enforcementPost: true,
    gender: "女",
    staffKind: "事业编制",
    cert: { issuedDaysAgo: 500, fields: ["市容环境卫生"] },
  },
  {
    username: "qs.lead",
    agency: "qingshi",
    post: "执法队长",
    enforcementPost: true,
    gender: "男",
    staffKind: "行政编制",
    cert: { issuedDaysAgo: 450, fields: ["市容环境卫生", "农业", "林业"] },
  },
  {
    username: "qs.01",
    agency: "qingshi",
    post: "执法队员",
    enforcementPost: true,
    gender: "男",
    staffKind: "事业编制",
    cert: { issuedDaysAgo: 1300, expiresInDays: 80, fields: ["农业", "林业"] },
  },
  {
    username: "qs.xg",
    agency: "qingshi",
    post: "协管员",
    enforcementPost: false,
    gender: "女",
    staffKind: "协管",
  },
];

/**
 * Seeds the demo officers through the use cases. The city administrator (`admin`) records the
 * city's own staff; each county's administrator records its county (officer.manage is held at
 * the managing bureau only).
 */
export async function seedDemoOfficers(ctx: AppContext, admin: Principal, agencyIds: Map<string, string>) {
  const today = dateOf(ctx.now());
  const year = Number(today.slice(0, 4));
  const userId = async (username: string) =>
    (await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
  const as: Record<string, Principal> = {
    city: admin,
    donghu: (await principalForUser(ctx.db, await userId("dh.admin")))!,
    xishan: (await principalForUser(ctx.db, await userId("xs.admin")))!,
  };
  const county = (agency: string) =>
    agency.startsWith("donghu") ? "donghu" : agency === "city" ? "city" : "xishan";
  const officerIds = new Map<string, string>();
  const certIds = new Map<string, string>();
  let serial = 0;
  for (const o of demoOfficers) {
    const actor = as[county(o.agency)]!;
    const officer = await createOfficer(
      ctx,
      actor,
      createOfficerInput.parse({
        userId: await userId(o.username),
        agencyId: agencyIds.get(o.agency),
        post: o.post,
        enforcementPost: o.enforcementPost,
        staffNo: `SF${String(++serial).padStart(4, "0")}`,
        gender: o.gender,
        staffKind: o.staffKind,
        legalQualificationNo: o.legalQualification?.no ?? null,
        legalQualificationDate: o.legalQualification?.date ?? null,
        postSince: addDays(today, -(o.cert?.issuedDaysAgo ?? 1000)),
      }),
    );
    officerIds.set(o.username, officer.id);
    if (o.cert) {
      const cert = await issueCertificate(ctx, actor, officer.id, {
        number: `33070${String(20_000 + serial).padStart(6, "0")}`,
        issuingBody: "示范省人民政府",
        fields: o.cert.fields,
        issuedOn: addDays(today, -o.cert.issuedDaysAgo),
        expiresOn: o.cert.expiresInDays === undefined ? undefined : addDays(today, o.cert.expiresInDays),
      });
      certIds.set(o.username, cert.id);
    }
  }
  // History: a renewal (换发), yearly reviews (年审), a suspension (暂扣) and a change of post.
  await renewCertificate(ctx, as.xishan!, certIds.get("xs.cg.lead")!, {
    number: "3307000029001",
    issuingBody: "示范省人民政府",
    fields: ["市容环境卫生", "市政公用"],
    issuedOn: addDays(today, -380),
  });
  const reviewedOn = addDays(today, -30);
  for (const u of ["dh.hb.lead", "dh.hb.01", "dh.xc.lead"]) {
    await reviewCertificate(ctx, as.donghu!, certIds.get(u)!, {
      year: Number(reviewedOn.slice(0, 4)) - 1,
      reviewedOn,
      outcome: "passed",
      note: "",
    });
  }
  await suspendCertificate(ctx, as.xishan!, certIds.get("xs.cg.02")!, {
    effectiveOn: addDays(today, -30),
    reason: "涉嫌违反执法纪律，调查期间暂扣",
  });
  await rotateOfficer(ctx, as.donghu!, officerIds.get("dh.hb.01")!, {
    agencyId: agencyIds.get("donghu-1")!,
    post: "执法组长",
    enforcementPost: true,
    effectiveOn: addDays(today, -100),
    reason: "岗位调整",
  });

  // Training (东湖区): a plan, three sessions, attendance and an exam; two trainers.
  const dh = as.donghu!;
  const inner = await createTrainer(ctx, dh, {
    agencyId: agencyIds.get("donghu")!,
    name: "刘审核",
    kind: "internal",
    organisation: "东湖区综合行政执法局法制科",
    field: "行政处罚程序",
    rating: 5,
  });
  await createTrainer(ctx, dh, {
    agencyId: agencyIds.get("donghu")!,
    name: "周明远",
    kind: "external",
    organisation: "示范大学法学院",
    field: "市容环境卫生",
    rating: 4,
  });
  const plan = await createPlan(ctx, dh, {
    agencyId: agencyIds.get("donghu")!,
    year,
    title: `${year} 年度东湖区执法人员教育培训计划`,
    note: "在岗培训、专项培训与轮岗培训；年底统一考试",
  });
  const session = (
    title: string,
    kind: "on_post" | "specialised" | "rotation",
    online: boolean,
    md: string,
    hours: number,
  ) =>
    createSession(ctx, dh, plan.id, {
      title,
      kind,
      online,
      heldOn: `${year}-${md}`,
      hours,
      field: "市容环境卫生",
      trainerId: inner.id,
    });
  const s1 = await session("行政处罚法与执法程序", "on_post", false, "03-15", 40);
  const s2 = await session("市容环境卫生执法实务", "specialised", true, "06-20", 16);
  const s3 = await session("轮岗人员业务衔接", "rotation", false, "09-10", 8);
  const ids = (names: string[]) => names.map((n) => officerIds.get(n)!);
  const donghuOfficers = ["dh.hb.lead", "dh.hb.01", "dh.hb.02", "dh.xc.lead", "dh.xc.01", "dh.xc.02"];
  await recordAttendance(ctx, dh, s1.id, { officerIds: ids(donghuOfficers) });
  await recordAttendance(ctx, dh, s2.id, {
    officerIds: ids(["dh.hb.lead", "dh.hb.01", "dh.xc.lead", "dh.xc.01", "dh.xc.02"]),
  });
  await recordAttendance(ctx, dh, s3.id, { officerIds: ids(["dh.hb.01", "dh.xc.01"]) });
  const exam = await createExam(ctx, dh, plan.id, { title: "年度执法业务考试", heldOn: `${year}-06-30` });
  const scores: [string, number | null][] = [
    ["dh.hb.lead", 85],
    ["dh.hb.01", 72],
    ["dh.hb.02", null],
    ["dh.xc.lead", 90],
    ["dh.xc.01", 55],
    ["dh.xc.02", 95],
  ];
  await recordExamResults(ctx, dh, exam.id, {
    results: scores.map(([u, score]) => ({ officerId: officerIds.get(u)!, score })),
  });
  return { officers: officerIds.size };
}

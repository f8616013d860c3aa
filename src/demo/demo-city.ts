import type { z } from "zod";
import type { createAgencyInput } from "../modules/agencies/agency.ts";
import { withCreditCheckDigit } from "../modules/agencies/agency.ts";
import type { Role } from "../modules/identity/roles.ts";

/** The invented demo city: agencies (by key) and staff. Created through the normal use cases. */
export type DemoAgency = Omit<z.input<typeof createAgencyInput>, "parentId"> & {
  key: string;
  parent: string | null;
};

const code = (region: string, org: string) => withCreditCheckDigit(`11${region}${org}`);

export const demoAgencies: DemoAgency[] = [
  {
    key: "city",
    parent: null,
    kind: "city_bureau",
    name: "示范市综合行政执法局",
    shortName: "示范综执",
    creditCode: code("330700", "MB1234567"),
    address: "示范市人民路 1 号",
    sealName: "示范市综合行政执法局",
    phone: "0579-12345678",
    areas: ["示范市"],
    fields: ["市容环境卫生", "城乡规划", "市政公用", "园林绿化"],
  },
  {
    key: "donghu",
    parent: "city",
    kind: "county_bureau",
    name: "示范市东湖区综合行政执法局",
    shortName: "东湖综执",
    creditCode: code("330702", "MB2345678"),
    address: "示范市东湖区湖滨路 18 号",
    sealName: "示范市东湖区综合行政执法局",
    phone: "0579-22345678",
    areas: ["东湖区"],
    fields: ["市容环境卫生", "城乡规划", "市政公用"],
  },
  {
    key: "xishan",
    parent: "city",
    kind: "county_bureau",
    name: "示范市西山县综合行政执法局",
    shortName: "西山综执",
    creditCode: code("330723", "MB3456789"),
    address: "示范市西山县城关镇府前街 9 号",
    sealName: "示范市西山县综合行政执法局",
    phone: "0579-32345678",
    areas: ["西山县"],
    fields: ["市容环境卫生", "林业", "农业", "水利"],
  },
  {
    key: "donghu-1",
    parent: "donghu",
    kind: "squad",
    name: "东湖区综合行政执法局湖滨中队",
    shortName: "湖滨中队",
    address: "示范市东湖区湖滨路 20 号",
    sealName: "示范市东湖区综合行政执法局",
    areas: ["湖滨街道"],
    fields: ["市容环境卫生"],
  },
  {
    key: "donghu-2",
    parent: "donghu",
    kind: "squad",
    name: "东湖区综合行政执法局新城中队",
    shortName: "新城中队",
    address: "示范市东湖区新城大道 66 号",
    sealName: "示范市东湖区综合行政执法局",
    areas: ["新城街道"],
    fields: ["市容环境卫生", "城乡规划"],
  },
  {
    key: "xishan-1",
    parent: "xishan",
    kind: "squad",
    name: "西山县综合行政执法局城关中队",
    shortName: "城关中队",
    address: "示范市西山县城关镇解放路 3 号",
    sealName: "示范市西山县综合行政执法局",
    areas: ["城关镇"],
    fields: ["市容环境卫生", "市政公用"],
  },
  {
    key: "qingshi",
    parent: "xishan",
    kind: "township_office",
    name: "西山县青石镇综合行政执法队",
    shortName: "青石执法",
    address: "示范市西山县青石镇青石街 1 号",
    sealName: "西山县青石镇人民政府",
    phone: "0579-32999999",
    areas: ["青石镇"],
    fields: ["市容环境卫生", "农业", "林业"],
  },
];

export type DemoUser = { username: string; displayName: string; roles: [string, Role][] };

export const demoUsers: DemoUser[] = [
  { username: "admin", displayName: "系统管理员", roles: [["city", "sysadmin"]] },
  { username: "city.leader", displayName: "王建国", roles: [["city", "agency_leader"]] },
  { username: "city.legal", displayName: "李法明", roles: [["city", "legal_reviewer"]] },
  { username: "city.clerk", displayName: "赵晓雯", roles: [["city", "case_clerk"]] },
  { username: "city.review", displayName: "孙评卷", roles: [["city", "file_reviewer"]] },
  { username: "gov.legal", displayName: "周政法", roles: [["city", "gov_legal_office"]] },
  { username: "supervisor", displayName: "吴监督", roles: [["city", "social_supervisor"]] },
  { username: "dh.admin", displayName: "东湖管理员", roles: [["donghu", "sysadmin"]] },
  { username: "dh.leader", displayName: "陈志强", roles: [["donghu", "agency_leader"]] },
  { username: "dh.legal", displayName: "刘审核", roles: [["donghu", "legal_reviewer"]] },
  { username: "dh.clerk", displayName: "黄案管", roles: [["donghu", "case_clerk"]] },
  {
    username: "dh.hb.lead",
    displayName: "张中队",
    roles: [
      ["donghu-1", "squad_leader"],
      ["donghu-1", "officer"],
    ],
  },
  { username: "dh.hb.01", displayName: "张伟", roles: [["donghu-1", "officer"]] },
  { username: "dh.hb.02", displayName: "李娜", roles: [["donghu-1", "officer"]] },
  { username: "dh.hb.xg", displayName: "王协管", roles: [["donghu-1", "assistant"]] },
  {
    username: "dh.xc.lead",
    displayName: "杨中队",
    roles: [
      ["donghu-2", "squad_leader"],
      ["donghu-2", "officer"],
    ],
  },
  { username: "dh.xc.01", displayName: "刘洋", roles: [["donghu-2", "officer"]] },
  {
    username: "dh.xc.02",
    displayName: "陈静",
    roles: [
      ["donghu-2", "officer"],
      ["donghu-2", "legal_reviewer"],
    ],
  },
  { username: "xs.admin", displayName: "西山管理员", roles: [["xishan", "sysadmin"]] },
  { username: "xs.leader", displayName: "何永红", roles: [["xishan", "agency_leader"]] },
  { username: "xs.legal", displayName: "郑法制", roles: [["xishan", "legal_reviewer"]] },
  {
    username: "xs.cg.lead",
    displayName: "林中队",
    roles: [
      ["xishan-1", "squad_leader"],
      ["xishan-1", "officer"],
    ],
  },
  { username: "xs.cg.01", displayName: "高峰", roles: [["xishan-1", "officer"]] },
  { username: "xs.cg.02", displayName: "马丽", roles: [["xishan-1", "officer"]] },
  {
    username: "qs.lead",
    displayName: "罗青石",
    roles: [
      ["qingshi", "squad_leader"],
      ["qingshi", "officer"],
    ],
  },
  { username: "qs.01", displayName: "梁勇", roles: [["qingshi", "officer"]] },
  { username: "qs.xg", displayName: "宋协管", roles: [["qingshi", "assistant"]] },
];

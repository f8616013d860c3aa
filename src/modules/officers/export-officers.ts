import ExcelJS from "exceljs";
import type { AppContext } from "../../context.ts";
import type { Principal } from "../identity/principal.ts";
import { filterOfficers, type OfficerFilter } from "./list-officers.ts";
import { certificateStatuses, dateOf } from "./officer.ts";

/** The officer list (same filters as the list, no paging) as an .xlsx workbook. */
export async function exportOfficers(
  ctx: AppContext,
  actor: Principal,
  filter: OfficerFilter & { q?: string },
): Promise<Buffer> {
  const today = dateOf(ctx.now());
  const list = await filterOfficers(ctx.db, actor, today, filter);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("执法人员");
  sheet.columns = [
    { header: "姓名", key: "displayName", width: 12 },
    { header: "账号", key: "username", width: 14 },
    { header: "所在机构", key: "agencyName", width: 34 },
    { header: "岗位", key: "post", width: 14 },
    { header: "执法岗位", key: "enforcementPost", width: 10 },
    { header: "执法证号", key: "certificateNumber", width: 18 },
    { header: "证件状态", key: "certificateStatus", width: 10 },
    { header: "有效期至", key: "certificateExpiresOn", width: 12 },
    { header: "执法领域", key: "certificateFields", width: 30 },
    { header: "法律职业资格证书编号", key: "legalQualificationNo", width: 24 },
  ];
  for (const o of list) {
    sheet.addRow({
      ...o,
      enforcementPost: o.enforcementPost ? "是" : "否",
      certificateNumber: o.certificateNumber ?? "",
      certificateStatus: o.certificateStatus
        ? certificateStatuses[o.certificateStatus as keyof typeof certificateStatuses]
        : "无证",
      certificateExpiresOn: o.certificateExpiresOn ?? "",
      certificateFields: o.certificateFields.join("、"),
      legalQualificationNo: o.legalQualificationNo ?? "",
    });
  }
  sheet.getRow(1).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow([`导出日期：${today}，共 ${list.length} 人`]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

import type { AppContext } from "../../context.ts";
import type { Principal } from "../identity/principal.ts";
import { writeSheet, yesNo } from "../powers/excel.ts";
import { filterOfficers, type OfficerFilter } from "./list-officers.ts";
import { certificateStatuses, dateOf } from "./officer.ts";

/**
 * Columns of the officer workbook. The first ten are the profile (read back by the import); the
 * certificate columns are for reading only (certificates change through their own use cases).
 */
export const officerHeaders = [
  "账号",
  "姓名",
  "所在机构",
  "岗位",
  "执法岗位",
  "工号",
  "性别",
  "人员类别",
  "法律职业资格证书编号",
  "法律职业资格取得日期",
  "执法证号",
  "证件状态",
  "有效期至",
  "执法领域",
] as const;
const widths = [14, 12, 34, 14, 10, 12, 8, 12, 24, 14, 18, 10, 12, 30];

/** The officer list (same filters as the list, no paging) as an .xlsx workbook; the import reads it back. */
export async function exportOfficers(
  ctx: AppContext,
  actor: Principal,
  filter: OfficerFilter & { q?: string },
): Promise<Buffer> {
  const today = dateOf(ctx.now());
  const list = await filterOfficers(ctx.db, actor, today, filter);
  return writeSheet(
    "执法人员",
    officerHeaders,
    list.map((o) => [
      o.username,
      o.displayName,
      o.agencyName,
      o.post,
      yesNo(o.enforcementPost),
      o.staffNo,
      o.gender,
      o.staffKind,
      o.legalQualificationNo ?? "",
      o.legalQualificationDate ?? "",
      o.certificateNumber ?? "",
      o.certificateStatus
        ? certificateStatuses[o.certificateStatus as keyof typeof certificateStatuses]
        : "无证",
      o.certificateExpiresOn ?? "",
      o.certificateFields.join("、"),
    ]),
    widths,
  );
}

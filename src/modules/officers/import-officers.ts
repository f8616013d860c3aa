import { eq, inArray, like } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { agencies } from "../agencies/schema.ts";
import type { Principal } from "../identity/principal.ts";
import { memberships, users } from "../identity/schema.ts";
import { parseYesNo, RowErrors, readSheet } from "../powers/excel.ts";
import type { ExcelImportResult } from "../powers/excel-import.ts";
import { stableJson } from "../powers/stable-json.ts";
import { insertOfficer } from "./create-officer.ts";
import { officerHeaders } from "./export-officers.ts";
import { requireOfficerManage } from "./find-officer.ts";
import { createOfficerInput, isCalendarDate } from "./officer.ts";
import { officerProfiles } from "./schema.ts";
import { changeOfficer } from "./update-officer.ts";

const descriptive = [
  "staffNo",
  "gender",
  "staffKind",
  "legalQualificationNo",
  "legalQualificationDate",
] as const;

/**
 * Imports officer profiles (C04) into a bureau and the agencies below it, matched by account:
 * a new account gets a profile, an existing profile gets its descriptive fields and legal
 * qualification (P10) changed. The agency and post change only by rotation, so a different value
 * there is an error. All rows or none; every error names its row and column.
 */
export async function importOfficers(
  ctx: AppContext,
  actor: Principal,
  input: { agencyId: string; fileBase64: string },
): Promise<ExcelImportResult> {
  const bureau = await findAgency(ctx.db, input.agencyId);
  await requireOfficerManage(ctx.db, actor, bureau);
  const sheet = await readSheet(input.fileBase64, officerHeaders);
  return ctx.db.transaction(async (tx) => {
    const errors = new RowErrors(officerHeaders);
    const under = await tx
      .select()
      .from(agencies)
      .where(like(agencies.path, `${bureau.path}%`));
    const byName = new Map(under.map((a) => [a.name, a]));
    const names = [...new Set(sheet.map((r) => r.cells[0]!).filter(Boolean))];
    const accounts = names.length
      ? await tx
          .select({ id: users.id, username: users.username })
          .from(users)
          .where(inArray(users.username, names))
      : [];
    const userOf = new Map(accounts.map((u) => [u.username, u.id]));
    const ids = accounts.map((u) => u.id);
    const profiles = ids.length
      ? await tx.select().from(officerProfiles).where(inArray(officerProfiles.userId, ids))
      : [];
    const roles = ids.length
      ? await tx
          .select({ userId: memberships.userId, agencyId: memberships.agencyId })
          .from(memberships)
          .where(inArray(memberships.userId, ids))
      : [];
    // officer.manage is held per bureau: a city administrator does not manage a county's officers.
    const allowed = new Map<string, boolean>();
    const mayManage = async (a: (typeof under)[number]) => {
      if (!allowed.has(a.id))
        allowed.set(
          a.id,
          await requireOfficerManage(tx, actor, a).then(
            () => true,
            () => false,
          ),
        );
      return allowed.get(a.id)!;
    };
    const seen = new Map<string, number>();
    type Parsed = { userId: string; agencyId: string; fields: Record<string, unknown> };
    const parsed: Parsed[] = [];
    for (const { row, cells } of sheet) {
      const [username, , agencyName, post, enforcement, staffNo, gender, staffKind, qualNo, qualDate] =
        cells as string[];
      const userId = username ? userOf.get(username) : undefined;
      if (!username) errors.add(row, 0, "不能为空");
      else if (!userId) errors.add(row, 0, `账号 ${username} 不存在，请先在账号管理中建立`);
      else if (seen.has(username)) errors.add(row, 0, `与第 ${seen.get(username)} 行账号重复`);
      if (username) seen.set(username, row);
      const agency = byName.get(agencyName!);
      if (!agency) errors.add(row, 2, `“${agencyName}”不是${bureau.name}或其下级机构`);
      else if (!(await mayManage(agency))) errors.add(row, 2, `无权管理${agency.name}的执法人员`);
      const enforcementPost = parseYesNo(enforcement!);
      if (enforcement === "" || enforcementPost === undefined) errors.add(row, 4, "应为“是”或“否”");
      if (qualDate && !isCalendarDate(qualDate)) errors.add(row, 9, "日期格式应为 YYYY-MM-DD");
      if (Boolean(qualNo) !== Boolean(qualDate))
        errors.add(row, qualNo ? 9 : 8, "法律职业资格证书编号和取得日期须同时填写（P10）");
      const check = createOfficerInput.safeParse({
        userId: userId ?? "00000000-0000-4000-8000-000000000000",
        agencyId: agency?.id ?? "00000000-0000-4000-8000-000000000000",
        post,
        enforcementPost: enforcementPost ?? false,
        staffNo,
        gender,
        staffKind,
        legalQualificationNo: qualNo || null,
        legalQualificationDate: qualDate && isCalendarDate(qualDate) ? qualDate : null,
      });
      if (!check.success) {
        const columns: Record<string, number> = {
          post: 3,
          staffNo: 5,
          gender: 6,
          staffKind: 7,
          legalQualificationNo: 8,
        };
        for (const issue of check.error.issues) {
          const col = columns[String(issue.path[0])];
          if (col !== undefined) errors.add(row, col, col === 6 ? "应为“男”“女”或空" : issue.message);
        }
      }
      if (!userId || !agency || !check.success) continue;
      const existing = profiles.find((p) => p.userId === userId);
      if (existing) {
        if (existing.agencyId !== agency.id) errors.add(row, 2, "与档案中的所在机构不同；调整机构须办理轮岗");
        if (existing.post !== check.data.post || existing.enforcementPost !== check.data.enforcementPost)
          errors.add(
            row,
            existing.post !== check.data.post ? 3 : 4,
            "与档案中的岗位不同；调整岗位须办理轮岗",
          );
      } else if (!roles.some((m) => m.userId === userId && m.agencyId === agency.id)) {
        errors.add(row, 2, "该账号在此机构没有角色，请先在账号管理中分配");
      }
      parsed.push({ userId, agencyId: agency.id, fields: check.data });
    }
    errors.throwIfAny();
    const result: ExcelImportResult = { rows: parsed.length, created: 0, updated: 0, unchanged: 0 };
    for (const p of parsed) {
      const [existing] = await tx.select().from(officerProfiles).where(eq(officerProfiles.userId, p.userId));
      const f = p.fields as ReturnType<typeof createOfficerInput.parse>;
      if (!existing) {
        const { userId: _u, agencyId: _a, ...rest } = f;
        await insertOfficer(tx, ctx, actor, p.agencyId, p.userId, rest);
        result.created++;
        continue;
      }
      const changes = Object.fromEntries(
        descriptive.filter((k) => stableJson(f[k]) !== stableJson(existing[k])).map((k) => [k, f[k]]),
      );
      if (Object.keys(changes).length === 0) {
        result.unchanged++;
        continue;
      }
      await changeOfficer(tx, ctx, actor, existing, p.agencyId, changes, existing.version);
      result.updated++;
    }
    return result;
  });
}

import { canonicalJson } from "./canonical-json.ts";
import { leafHash } from "./merkle.ts";

/** The event types recorded in the ledger (other capabilities add theirs here). */
export const ledgerEventTypes = {
  "auth.login": "登录",
  "auth.logout": "退出登录",
  "settings.changed": "参数设置变更",
  "agency.created": "新建机构",
  "agency.updated": "修改机构信息",
  "user.created": "新建账号",
  "user.updated": "修改账号",
  "user.role_granted": "授予角色",
  "user.role_revoked": "撤销角色",
  "calendar.imported": "导入工作日历",
  "bench.append": "基准测试写入",
} as const;
export type LedgerEventType = keyof typeof ledgerEventTypes;

export type LedgerEntry = {
  agencyId: string;
  seq: number;
  /** A Date, or its ISO 8601 form with milliseconds ("2026-11-22T08:00:00.000Z"). */
  at: Date | string;
  actorId: string | null;
  caseId: string | null;
  eventType: string;
  payload: string;
};

/**
 * The exact bytes of a leaf: the entry and its position as canonical JSON, keys in sorted order
 * (actor, agency, at, case, payload, seq, type, v). The stored payload is already canonical, so it
 * is spliced in as is; this keeps verification fast.
 */
export function leafBytes(e: LedgerEntry): Buffer {
  const q = canonicalJson;
  return Buffer.from(
    `{"actor":${q(e.actorId)},"agency":${q(e.agencyId)},"at":${q(typeof e.at === "string" ? e.at : e.at.toISOString())},"case":${q(e.caseId)},"payload":${e.payload},"seq":${e.seq},"type":${q(e.eventType)},"v":1}`,
    "utf8",
  );
}

export const entryLeafHash = (e: LedgerEntry): Buffer => leafHash(leafBytes(e));

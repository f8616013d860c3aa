import { Tag, Typography } from "antd";
import { pendingReason, summarize, type VerifyState } from "../lib/ledger";

/** 核验 result of one entry: 已验证 in green only when every check passed, else the reason. */
export const VerifyTag = ({ value }: { value: VerifyState | undefined }) => {
  if (!value) return null;
  switch (value.state) {
    case "checking":
      return <Tag color="processing">核验中…</Tag>;
    case "ok":
      return (
        <Tag color="success" data-testid="verify-ok">
          已验证
        </Tag>
      );
    case "pending":
      return (
        <Typography.Text type="warning" data-testid="verify-pending">
          {value.reason}
        </Typography.Text>
      );
    case "failed":
      return (
        <Typography.Text type="danger" data-testid="verify-failed">
          未通过：{value.reason}
        </Typography.Text>
      );
  }
};

/** The result of 核验 over a batch (a page of entries, or a case's timeline). */
export const VerifySummary = ({ states, what }: { states: VerifyState[] | undefined; what: string }) => {
  if (!states) return null;
  const s = summarize(states);
  if (states.some((x) => x.state === "checking"))
    return <Tag color="processing">正在核验 {s.total} 条记录…</Tag>;
  if (s.total === 0) return <Typography.Text type="secondary">{what}没有可核验的记录</Typography.Text>;
  if (s.ok === s.total)
    return (
      <span data-testid="verify-summary">
        <Tag color="success">已验证</Tag>
        <Typography.Text type="success">
          {what} {s.total} 条记录的内容哈希、包含证明与检查点签名全部核对一致
        </Typography.Text>
      </span>
    );
  const firstFailure = states.find((x) => x.state === "failed");
  if (firstFailure?.state === "failed")
    return (
      <span data-testid="verify-summary">
        <Tag color="error">核验未通过</Tag>
        <Typography.Text type="danger">
          {`${s.failed} 条未通过，首条原因：${firstFailure.reason}；${s.pending ? `${s.pending} 条待检查点；` : ""}${s.ok} 条已验证`}
        </Typography.Text>
      </span>
    );
  return (
    <span data-testid="verify-summary">
      <Tag color="warning">待检查点</Tag>
      <Typography.Text type="warning">
        {s.pending} 条记录{pendingReason}；{s.ok} 条已验证
      </Typography.Text>
    </span>
  );
};

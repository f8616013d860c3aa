import { Descriptions, Typography } from "antd";
import dayjs from "dayjs";
import type { Checkpoint, VerifyState } from "../lib/ledger";
import { VerifyTag } from "./VerifyStatus";

/** The latest signed checkpoint of an agency's record: size, root, time, key, signature check. */
export const CheckpointInfo = ({
  checkpoint,
  signature,
}: {
  checkpoint: Checkpoint | null | undefined;
  signature?: VerifyState;
}) => {
  if (checkpoint === undefined) return null;
  if (checkpoint === null)
    return <Typography.Text type="secondary">该机关尚无签名检查点（记录写入后数秒内签发）</Typography.Text>;
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} data-testid="checkpoint">
      <Descriptions.Item label="树规模">{checkpoint.treeSize} 条</Descriptions.Item>
      <Descriptions.Item label="签名时间">
        {dayjs(checkpoint.at).format("YYYY-MM-DD HH:mm:ss")}
      </Descriptions.Item>
      <Descriptions.Item label="密钥标识">
        <Typography.Text code>{checkpoint.keyId}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label="检查点签名">
        {signature ? (
          <VerifyTag value={signature} />
        ) : (
          <Typography.Text type="secondary">未核验</Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label="根哈希" span="filled">
        <Typography.Text code copyable style={{ wordBreak: "break-all" }}>
          {checkpoint.rootHash}
        </Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
};

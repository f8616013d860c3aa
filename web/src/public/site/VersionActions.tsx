import { Button, Popconfirm, Space } from "antd";

/** 修改 and 移除 (after a confirmation) of an entry kept in versions: the history stays. */
export function VersionActions({
  confirm,
  onEdit,
  onRemove,
}: {
  confirm: string;
  onEdit: () => void;
  onRemove: () => void;
}) {
  return (
    <Space>
      <Button size="small" onClick={onEdit}>
        修改
      </Button>
      <Popconfirm title={confirm} onConfirm={onRemove}>
        <Button size="small" danger>
          移除
        </Button>
      </Popconfirm>
    </Space>
  );
}

import { Drawer, Table, type TableColumnsType, Typography } from "antd";
import dayjs from "dayjs";
import { formatSettingValue } from "../lib/labels";
import type { Setting, SettingChange } from "../lib/types";
import { useServerList } from "../lib/useServerList";

interface Props {
  open: boolean;
  agencyId: string;
  agencyName: string;
  /** Only this setting's history; all settings when null. */
  setting: Setting | null;
  settings: Setting[];
  onClose: () => void;
}

export const SettingHistoryDrawer = ({ open, agencyId, agencyName, setting, settings, onClose }: Props) => {
  const list = useServerList<SettingChange>(open ? `/agencies/${agencyId}/settings/history` : null, {
    key: setting?.key,
  });
  const byKey = new Map(settings.map((s) => [s.key, s]));

  const columns: TableColumnsType<SettingChange> = [
    {
      title: "时间",
      dataIndex: "changedAt",
      key: "changedAt",
      width: 150,
      render: (v: string) => dayjs(v).format("YYYY-MM-DD HH:mm"),
    },
    ...(setting
      ? []
      : [
          {
            title: "参数",
            dataIndex: "key",
            key: "key",
            render: (k: string) => byKey.get(k)?.label ?? k,
          },
        ]),
    {
      title: "新值",
      dataIndex: "value",
      key: "value",
      render: (v: SettingChange["value"], row: SettingChange) => {
        if (v === null) return <Typography.Text type="warning">恢复继承</Typography.Text>;
        const s = byKey.get(row.key);
        return s ? formatSettingValue(s, v) : String(v);
      },
    },
    { title: "理由", dataIndex: "reason", key: "reason" },
    {
      title: "修改人",
      dataIndex: "changedByName",
      key: "changedByName",
      width: 100,
      render: (v: string | null) => v ?? "—",
    },
  ];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={760}
      title={setting ? `变更历史：${setting.label}` : `参数变更历史：${agencyName}`}
      destroyOnHidden
    >
      <Table<SettingChange>
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={list.pagination}
        onChange={list.onChange}
        size="small"
      />
    </Drawer>
  );
};

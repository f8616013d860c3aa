import { Card, Input, Table, type TableColumnsType, Tag } from "antd";
import dayjs from "dayjs";
import { eventDetailText, eventKindInfo } from "../lib/labels";
import type { SecurityEvent } from "../lib/types";
import { useServerList } from "../lib/useServerList";

const columns: TableColumnsType<SecurityEvent> = [
  {
    title: "时间",
    dataIndex: "at",
    key: "at",
    width: 180,
    render: (v: string) => dayjs(v).format("YYYY-MM-DD HH:mm:ss"),
  },
  {
    title: "事件",
    dataIndex: "kind",
    key: "kind",
    width: 150,
    render: (k: string) => {
      const info = eventKindInfo(k);
      return (
        <Tag color={info.color} title={k}>
          {info.label}
        </Tag>
      );
    },
  },
  { title: "用户名", dataIndex: "username", key: "username", width: 140, render: (v: string) => v || "—" },
  { title: "IP 地址", dataIndex: "ip", key: "ip", width: 150, render: (v: string) => v || "—" },
  {
    title: "详情",
    dataIndex: "detail",
    key: "detail",
    render: (v: string) => <span title={v}>{eventDetailText(v)}</span>,
  },
];

export default function SecurityEventsPage() {
  const list = useServerList<SecurityEvent>("/security-events");
  return (
    <Card
      title="安全日志"
      extra={
        <Input.Search
          placeholder="搜索用户名、IP、详情"
          allowClear
          onSearch={list.setQ}
          style={{ width: 280 }}
        />
      }
    >
      <Table<SecurityEvent>
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={list.pagination}
        onChange={list.onChange}
        size="middle"
      />
    </Card>
  );
}

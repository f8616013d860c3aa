import { Card, Table, Tag } from "antd";
import { type CaseItem, itemStatusColors, itemTakenByLabels } from "../lib/cases";

/** 涉案物品 (C14): the preserved and seized items of a case with their status (from the server). */
export const CaseItemsCard = ({ items }: { items: CaseItem[] }) => (
  <Card title="涉案物品" size="small" data-testid="case-items">
    <Table<CaseItem>
      rowKey="no"
      size="small"
      pagination={false}
      dataSource={items}
      columns={[
        { title: "序号", dataIndex: "no", width: 60 },
        { title: "名称", dataIndex: "name" },
        {
          title: "数量",
          width: 110,
          render: (_: unknown, it) => `${it.quantity} ${it.unit}`,
        },
        { title: "备注", dataIndex: "note", render: (v: string) => v || "—" },
        {
          title: "措施",
          dataIndex: "takenBy",
          width: 120,
          render: (v: string) => itemTakenByLabels[v] ?? v,
        },
        { title: "采取日期", dataIndex: "takenOn", width: 110 },
        {
          title: "状态",
          dataIndex: "statusName",
          width: 170,
          render: (v: string, it) => <Tag color={itemStatusColors[it.status] ?? "default"}>{v}</Tag>,
        },
        { title: "变更日期", dataIndex: "changedOn", width: 110 },
      ]}
    />
  </Card>
);

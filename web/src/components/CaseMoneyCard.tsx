import { Card, Descriptions, Table, Tag, Typography } from "antd";
import { type CaseMoney, yuan } from "../lib/cases";

/** 罚款缴纳 (X4–X6): the fine, what was paid, the late fee and what is owed today, as the server computes them. */
export const CaseMoneyCard = ({ money }: { money: CaseMoney }) => (
  <Card title="罚款缴纳" size="small" data-testid="case-money">
    <Descriptions column={3} size="small" bordered>
      <Descriptions.Item label="罚款">{yuan(money.fineFen)}</Descriptions.Item>
      <Descriptions.Item label="已缴纳">{yuan(money.paidFen)}</Descriptions.Item>
      <Descriptions.Item label="未缴罚款">{yuan(money.fineOutstandingFen)}</Descriptions.Item>
      <Descriptions.Item label="加处罚款（每日 3%，X5）">{yuan(money.lateFeeFen)}</Descriptions.Item>
      <Descriptions.Item label="截至今日应缴合计">
        <Typography.Text strong type={money.totalFen > 0 ? "danger" : "success"}>
          {yuan(money.totalFen)}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label="下一缴纳期限">{money.nextDueOn ?? "—"}</Descriptions.Item>
    </Descriptions>
    {money.schedule.length > 0 && (
      <Table
        style={{ marginTop: 12 }}
        rowKey="dueOn"
        size="small"
        pagination={false}
        dataSource={money.schedule.map((s, i) => ({ ...s, no: i + 1 }))}
        columns={[
          {
            title: "期次",
            dataIndex: "no",
            width: 80,
            render: (n: number) => (money.schedule.length > 1 ? `第 ${n} 期` : "一次缴清"),
          },
          { title: "缴纳期限", dataIndex: "dueOn", width: 140 },
          { title: "应缴金额", dataIndex: "amountFen", render: (v: number) => yuan(v) },
          {
            title: "",
            width: 100,
            render: (_: unknown, s: { dueOn: string }) =>
              money.fineOutstandingFen > 0 && money.nextDueOn === s.dueOn ? (
                <Tag color="blue">当前期</Tag>
              ) : null,
          },
        ]}
      />
    )}
  </Card>
);

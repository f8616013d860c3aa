import { App, Button, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import { type FilingItem, filingStatusLabels, yuan } from "../lib/reviews";
import { useServerList } from "../lib/useServerList";

/**
 * 重大决定备案 (F1): for the agency (decisions to file within 10 working days, submit) and for the
 * government legal office above (acknowledge); overdue filings raise the alarm.
 */
export default function FilingsPage() {
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const [status, setStatus] = useState<string>();
  const [overdue, setOverdue] = useState(false);
  const list = useServerList<FilingItem>("/filings", { status, overdue: overdue ? "true" : undefined });
  const act = async (f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      message.success(done);
      list.reload();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        重大执法决定备案
      </Typography.Title>
      <Space>
        <Select
          allowClear
          placeholder="状态"
          value={status}
          onChange={setStatus}
          style={{ width: 140 }}
          options={Object.entries(filingStatusLabels).map(([value, label]) => ({ value, label }))}
        />
        <Space>
          <Switch checked={overdue} onChange={setOverdue} /> 逾期告警
        </Space>
      </Space>
      <Table<FilingItem>
        rowKey="eventId"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        pagination={list.pagination}
        onChange={list.onChange}
        columns={[
          { title: "案号", dataIndex: "caseNumber" },
          { title: "当事人", dataIndex: "partyName" },
          { title: "办案机构", dataIndex: "agencyName" },
          { title: "决定日期", dataIndex: "decidedOn" },
          { title: "罚款", dataIndex: "fineFen", render: (v: number) => (v ? yuan(v) : "—") },
          { title: "备案理由", render: (_: unknown, f) => f.reasons.map((r) => r.text).join("；") },
          {
            title: "备案期限",
            dataIndex: "dueOn",
            render: (v: string, f) => (f.overdue ? <Tag color="red">{v} 逾期</Tag> : v),
          },
          {
            title: "状态",
            dataIndex: "status",
            render: (v: string, f) =>
              `${filingStatusLabels[v] ?? v}${f.submittedOn ? `（${f.submittedOn}）` : ""}`,
          },
          {
            title: "操作",
            render: (_: unknown, f) => (
              <Space>
                {f.status === "pending" && can("filing.submit") && (
                  <Button
                    size="small"
                    onClick={() => act(() => api.post("/filings", { eventId: f.eventId }), "已报送备案")}
                  >
                    报送
                  </Button>
                )}
                {f.status === "submitted" && f.filingId && can("filing.ack") && (
                  <Button
                    size="small"
                    onClick={() => act(() => api.post(`/filings/${f.filingId}/ack`, {}), "已签收")}
                  >
                    签收
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}

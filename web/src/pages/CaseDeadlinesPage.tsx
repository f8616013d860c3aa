import { Card, Select, Space, Switch, Table, type TableColumnsType, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { AgencySelect } from "../components/AgencySelect";
import { useAgency } from "../lib/agency";
import {
  type CaseDeadlineRow,
  caseStateLabels,
  deadlineKindLabels,
  lightColors,
  lightLabels,
  procedureLabels,
} from "../lib/cases";
import { useServerList } from "../lib/useServerList";

/**
 * 办案期限: every open deadline in force of the cases the user may read, nearest first (server
 * pagination). Filters: 我的案件, the traffic light, the kind, the agency. ?light=red and ?mine=true
 * can be linked to (the workbench does).
 */
export default function CaseDeadlinesPage() {
  const agency = useAgency();
  const [params, setParams] = useSearchParams();
  const [agencyId, setAgencyId] = useState<string | undefined>(params.get("agencyId") ?? undefined);
  const light = params.get("light") ?? undefined;
  const kind = params.get("kind") ?? undefined;
  const mine = params.get("mine") === "true";
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const list = useServerList<CaseDeadlineRow>("/case-deadlines", {
    mine,
    light,
    kind,
    agencyId,
  });

  const columns: TableColumnsType<CaseDeadlineRow> = [
    {
      title: "届满日",
      dataIndex: "dueOn",
      width: 130,
      render: (v: string, r) => <Tag color={lightColors[r.light ?? ""] ?? "default"}>{v}</Tag>,
    },
    {
      title: "状态",
      dataIndex: "light",
      width: 100,
      render: (v: string | null) =>
        v ? (
          <Typography.Text
            type={v === "red" ? "danger" : v === "yellow" ? "warning" : undefined}
            strong={v === "red"}
          >
            {lightLabels[v]}
          </Typography.Text>
        ) : (
          "—"
        ),
    },
    { title: "期限", dataIndex: "label", width: 260, ellipsis: true },
    { title: "规则", dataIndex: "ruleId", width: 70 },
    {
      title: "案号",
      dataIndex: "number",
      width: 200,
      render: (v: string | null, r) => <Link to={`/cases/${r.caseId}`}>{v ?? "（未立案的线索）"}</Link>,
    },
    { title: "当事人", dataIndex: "partyName", width: 130, ellipsis: true },
    { title: "案由", dataIndex: "summary", width: 220, ellipsis: true },
    {
      title: "案件状态",
      dataIndex: "state",
      width: 130,
      render: (v: string, r) => (
        <Space size={4} wrap>
          <Tag color="blue">{caseStateLabels[v] ?? r.stateName}</Tag>
          {r.procedure !== "general" && <Tag>{procedureLabels[r.procedure] ?? r.procedure}</Tag>}
        </Space>
      ),
    },
    { title: "办案机构", dataIndex: "agencyName", width: 180, ellipsis: true },
    {
      title: "办案人员",
      dataIndex: "officers",
      width: 160,
      render: (v: string[]) => v.join("、"),
    },
  ];

  return (
    <Card title="办案期限">
      <Space wrap style={{ marginBottom: 16 }}>
        <Space>
          <Switch
            checked={mine}
            onChange={(v) => set("mine", v ? "true" : undefined)}
            aria-label="我的案件"
          />
          我的案件
        </Space>
        <Select
          value={light}
          onChange={(v) => set("light", v)}
          allowClear
          placeholder="期限状态"
          style={{ width: 150 }}
          options={[
            { value: "red", label: "超期" },
            { value: "yellow", label: "即将到期" },
            { value: "green", label: "正常" },
          ]}
        />
        <Select
          value={kind}
          onChange={(v) => set("kind", v)}
          allowClear
          placeholder="期限种类"
          style={{ width: 240 }}
          options={Object.entries(deadlineKindLabels).map(([value, label]) => ({ value, label }))}
        />
        <AgencySelect
          agencies={agency.all}
          value={agencyId}
          onChange={setAgencyId}
          allowClear
          placeholder="全部机构"
          style={{ width: 280 }}
        />
      </Space>
      <Table<CaseDeadlineRow>
        rowKey={(r) => `${r.caseId}:${r.kind}`}
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={list.pagination}
        onChange={list.onChange}
        onRow={(r) => (r.light === "red" ? { style: { background: "#fff1f0" } } : {})}
        size="middle"
        scroll={{ x: 1600 }}
      />
    </Card>
  );
}

import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Input, Select, Space, Switch, Table, type TableColumnsType, Tag } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { AgencySelect } from "../components/AgencySelect";
import { CaseCreateWizard } from "../components/CaseCreateWizard";
import { useAgency } from "../lib/agency";
import { useAuth, useMe } from "../lib/auth";
import { type CaseSummary, caseStateLabels, lightColors, procedureLabels } from "../lib/cases";
import { useServerList } from "../lib/useServerList";

const stateColor = (s: string) =>
  ["declined", "cancelled"].includes(s)
    ? "default"
    : ["closed", "archived"].includes(s)
      ? "green"
      : s === "lead"
        ? "orange"
        : "blue";

export default function CasesPage() {
  const agency = useAgency();
  const { can } = useAuth();
  const me = useMe();
  const [agencyId, setAgencyId] = useState<string | undefined>(agency.currentId ?? undefined);
  const [state, setState] = useState<string | undefined>();
  const [mine, setMine] = useState(false);
  const [deadline, setDeadline] = useState<string | undefined>();
  const [procedure, setProcedure] = useState<string | undefined>();
  const filters = {
    agencyId,
    state,
    deadline,
    procedure,
    officerId: mine ? me.user.id : undefined,
  };
  const list = useServerList<CaseSummary>("/cases", filters, { order: "desc" });
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();

  const columns: TableColumnsType<CaseSummary> = [
    {
      title: "案号",
      dataIndex: "number",
      width: 200,
      render: (v: string | null, c) => <Link to={`/cases/${c.id}`}>{v ?? "（未立案）"}</Link>,
    },
    { title: "案由", dataIndex: "summary", ellipsis: true },
    { title: "当事人", dataIndex: "partyName", width: 140 },
    { title: "执法领域", dataIndex: "field", width: 120 },
    { title: "程序", dataIndex: "procedure", width: 90, render: (v: string) => procedureLabels[v] ?? v },
    { title: "办案机构", dataIndex: "agencyName", ellipsis: true },
    {
      title: "状态",
      dataIndex: "state",
      width: 110,
      render: (v: string) => <Tag color={stateColor(v)}>{caseStateLabels[v] ?? v}</Tag>,
    },
    {
      title: "最近期限",
      dataIndex: "nextDueOn",
      width: 130,
      render: (v: string | null, c) =>
        v ? <Tag color={lightColors[c.light ?? ""] ?? "default"}>{v}</Tag> : "—",
    },
  ];

  return (
    <Card
      title="案件办理"
      extra={
        can("case.handle") && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            登记线索
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <AgencySelect
          agencies={agency.all}
          value={agencyId}
          onChange={setAgencyId}
          allowClear
          placeholder="全部机构"
          style={{ width: 280 }}
        />
        <Select
          value={state}
          onChange={setState}
          allowClear
          placeholder="案件状态"
          style={{ width: 140 }}
          options={Object.entries(caseStateLabels).map(([value, label]) => ({ value, label }))}
        />
        <Select
          value={procedure}
          onChange={setProcedure}
          allowClear
          placeholder="程序"
          style={{ width: 120 }}
          options={["general", "simple", "three_step"].map((value) => ({
            value,
            label: procedureLabels[value],
          }))}
        />
        <Select
          value={deadline}
          onChange={setDeadline}
          allowClear
          placeholder="期限状态"
          style={{ width: 150 }}
          options={[
            { value: "red", label: "已超期（红）" },
            { value: "yellow", label: "即将到期（黄）" },
            { value: "green", label: "正常（绿）" },
          ]}
        />
        <Space>
          <Switch checked={mine} onChange={setMine} />
          我办理的
        </Space>
        <Input.Search
          placeholder="搜索案号、当事人、案由、地点"
          allowClear
          onSearch={list.setQ}
          style={{ width: 280 }}
        />
      </Space>
      <Table<CaseSummary>
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={list.pagination}
        onChange={list.onChange}
        size="middle"
      />
      <CaseCreateWizard
        open={creating}
        defaultAgencyId={agencyId ?? agency.currentId}
        onClose={() => setCreating(false)}
        onSaved={(id) => {
          setCreating(false);
          navigate(`/cases/${id}`);
        }}
      />
    </Card>
  );
}

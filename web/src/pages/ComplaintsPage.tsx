import { PlusOutlined } from "@ant-design/icons";
import {
  Button,
  Card,
  Col,
  Form,
  Input,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { AgencySelect } from "../components/AgencySelect";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { lightColors } from "../lib/cases";
import {
  type ComplaintFigures,
  type ComplaintSummary,
  complaintCategoryLabels,
  complaintSourceLabels,
  complaintStateLabels,
  pendingColor,
  pendingDueText,
} from "../lib/complaints";
import { useApiError } from "../lib/feedback";
import { useServerList } from "../lib/useServerList";

const stateColor = (s: string) =>
  s === "received" || s === "dispatched" || s === "reopened"
    ? "orange"
    : s === "closed" || s === "transferred" || s === "merged"
      ? "default"
      : "blue";

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

function ComplaintList() {
  const [state, setState] = useState<string>();
  const [source, setSource] = useState<string>();
  const [category, setCategory] = useState<string>();
  const [light, setLight] = useState<string>();
  const [queue, setQueue] = useState(false);
  const list = useServerList<ComplaintSummary>(
    "/complaints",
    { state, source, category, light, queue: queue ? "true" : undefined },
    { order: "desc" },
  );
  const columns: TableColumnsType<ComplaintSummary> = [
    {
      title: "查询码",
      dataIndex: "trackingCode",
      width: 130,
      render: (v: string, c) => <Link to={`/complaints/${c.id}`}>{v}</Link>,
    },
    { title: "来源", dataIndex: "sourceName", width: 110 },
    { title: "类别", dataIndex: "categoryName", width: 140 },
    { title: "地点", dataIndex: "placeAddress", ellipsis: true },
    { title: "区域", dataIndex: "area", width: 100 },
    {
      title: "承办",
      dataIndex: "agencyName",
      ellipsis: true,
      render: (v: string, c) => (c.pendingAgencyName ? `${c.pendingAgencyName}（待受理）` : v),
    },
    {
      title: "状态",
      dataIndex: "state",
      width: 120,
      render: (v: string, c) => <Tag color={stateColor(v)}>{c.stateName}</Tag>,
    },
    { title: "收到", dataIndex: "receivedOn", width: 110 },
    {
      title: "最近期限",
      dataIndex: "nextDueOn",
      width: 120,
      render: (v: string | null, c) =>
        v ? (
          <Tag color={lightColors[c.light ?? ""] ?? "default"}>{v}</Tag>
        ) : c.light === "pending" ? (
          <Tag color={pendingColor}>{pendingDueText}</Tag>
        ) : (
          "—"
        ),
    },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          value={state}
          onChange={setState}
          allowClear
          placeholder="状态"
          style={{ width: 140 }}
          options={options(complaintStateLabels)}
        />
        <Select
          value={source}
          onChange={setSource}
          allowClear
          placeholder="来源"
          style={{ width: 140 }}
          options={options(complaintSourceLabels)}
        />
        <Select
          value={category}
          onChange={setCategory}
          allowClear
          placeholder="类别"
          style={{ width: 170 }}
          options={options(complaintCategoryLabels)}
        />
        <Select
          value={light}
          onChange={setLight}
          allowClear
          placeholder="期限状态"
          style={{ width: 150 }}
          options={[
            { value: "red", label: "已超期（红）" },
            { value: "yellow", label: "即将到期（黄）" },
            { value: "green", label: "正常（绿）" },
            { value: "pending", label: "待导入工作日历" },
          ]}
        />
        <Space>
          <Switch checked={queue} onChange={setQueue} />
          本单位待办
        </Space>
        <Input.Search
          placeholder="搜索查询码、地点、内容"
          allowClear
          onSearch={list.setQ}
          style={{ width: 260 }}
        />
      </Space>
      <Table<ComplaintSummary>
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={list.pagination}
        onChange={list.onChange}
        size="middle"
        scroll={{ x: 1100 }}
      />
    </>
  );
}

function Figures() {
  const [f, setF] = useState<ComplaintFigures>();
  const showError = useApiError();
  useEffect(() => {
    api.get<ComplaintFigures>("/complaints/figures").then(setF).catch(showError);
  }, [showError]);
  if (!f) return null;
  const tally = (title: string, rows: { key: string; name: string; count: number }[]) => (
    <Card size="small" title={title}>
      {rows.map((r) => (
        <div key={r.key} style={{ display: "flex", gap: 8, alignItems: "center" }}>
          <span style={{ width: 130 }}>{r.name}</span>
          <Progress
            percent={f.total ? Math.round((r.count / f.total) * 100) : 0}
            format={() => r.count}
            style={{ flex: 1 }}
          />
        </div>
      ))}
    </Card>
  );
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Statistic title="总数" value={f.total} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={`受理按期率${f.acceptance.pending ? `（${f.acceptance.pending} 件期限${pendingDueText}）` : ""}`}
            value={f.acceptance.onTimeRate ?? "—"}
            suffix={f.acceptance.onTimeRate !== null ? "%" : ""}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={`答复按期率${f.answer.pending ? `（${f.answer.pending} 件期限${pendingDueText}）` : ""}`}
            value={f.answer.onTimeRate ?? "—"}
            suffix={f.answer.onTimeRate !== null ? "%" : ""}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={`满意率（${f.satisfaction.rated} 人评价）`}
            value={f.satisfaction.satisfiedRate ?? "—"}
            suffix={f.satisfaction.satisfiedRate !== null ? "%" : ""}
          />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          {tally("按来源", f.bySource)}
        </Col>
        <Col xs={24} md={8}>
          {tally("按类别", f.byCategory)}
        </Col>
        <Col xs={24} md={8}>
          {tally("按区域", f.byArea)}
        </Col>
      </Row>
    </Space>
  );
}

type Rule = { id: string; keyword: string; category: string; agencyName: string };

/** 分派规则 of the current bureau: address keyword and/or category → unit (data per bureau). */
function DispatchRules() {
  const agency = useAgency();
  const { can } = useAuth();
  const showError = useApiError();
  const bureauId = agency.currentId;
  const [rules, setRules] = useState<Rule[]>([]);
  const [form] = Form.useForm<{ keyword?: string; category?: string; agencyId: string }>();
  const load = useCallback(() => {
    if (bureauId) api.get<Rule[]>("/complaint-dispatch-rules", { bureauId }).then(setRules).catch(showError);
  }, [bureauId, showError]);
  useEffect(load, [load]);
  const add = async (v: { keyword?: string; category?: string; agencyId: string }) => {
    try {
      await api.post("/complaint-dispatch-rules", {
        bureauId,
        keyword: v.keyword ?? "",
        category: v.category ?? "",
        agencyId: v.agencyId,
      });
      form.resetFields();
      load();
    } catch (e) {
      showError(e);
    }
  };
  const remove = async (id: string) => {
    try {
      await api.del(`/complaint-dispatch-rules/${id}`);
      load();
    } catch (e) {
      showError(e);
    }
  };
  const manage = can("complaint.dispatch");
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Typography.Text type="secondary">
        {agency.current?.name}
        ：地址含关键词、类别相符的投诉举报，分派时优先建议给对应承办单位；没有规则时按中队辖区和执法领域建议。
      </Typography.Text>
      {manage && (
        <Form form={form} layout="inline" onFinish={add}>
          <Form.Item name="keyword">
            <Input placeholder="地址关键词" maxLength={50} />
          </Form.Item>
          <Form.Item name="category">
            <Select
              allowClear
              placeholder="类别"
              style={{ width: 170 }}
              options={options(complaintCategoryLabels)}
            />
          </Form.Item>
          <Form.Item name="agencyId" rules={[{ required: true, message: "请选择承办单位" }]}>
            <AgencySelect agencies={agency.all} style={{ width: 260 }} placeholder="承办单位" />
          </Form.Item>
          <Button htmlType="submit">新增规则</Button>
        </Form>
      )}
      <Table<Rule>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rules}
        columns={[
          { title: "地址关键词", dataIndex: "keyword", render: (v: string) => v || "（任意）" },
          {
            title: "类别",
            dataIndex: "category",
            render: (v: string) => (v ? complaintCategoryLabels[v] : "（任意）"),
          },
          { title: "承办单位", dataIndex: "agencyName" },
          ...(manage
            ? [
                {
                  title: "",
                  key: "x",
                  width: 80,
                  render: (_: unknown, r: Rule) => (
                    <Button size="small" danger onClick={() => remove(r.id)}>
                      删除
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}

/** 投诉举报: intake list with filters and the squads' queue, and the figures (issue 8 items 7, 8). */
export default function ComplaintsPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  return (
    <Card
      title="投诉举报与案源"
      extra={
        (can("complaint.intake") || can("complaint.handle") || can("complaint.assign")) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate("/complaints/new")}>
            登记案源
          </Button>
        )
      }
    >
      <Tabs
        items={[
          { key: "list", label: "列表", children: <ComplaintList /> },
          { key: "figures", label: "统计", children: <Figures /> },
          { key: "rules", label: "分派规则", children: <DispatchRules /> },
        ]}
      />
    </Card>
  );
}

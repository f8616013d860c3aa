import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Timeline,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api } from "../lib/api";
import {
  type CaseDetail,
  caseEventLabels,
  caseStateLabels,
  lightColors,
  type StepField,
  stepFields,
} from "../lib/cases";
import { useApiError } from "../lib/feedback";
import type { Paged } from "../lib/types";

type Action = CaseDetail["actions"][number];

export default function CaseDetailPage() {
  const { id } = useParams();
  const showError = useApiError();
  const [c, setCase] = useState<CaseDetail | null>(null);
  const [acting, setActing] = useState<Action | null>(null);

  const load = useCallback(() => {
    api.get<CaseDetail>(`/cases/${id}`).then(setCase).catch(showError);
  }, [id, showError]);
  useEffect(load, [load]);

  if (!c) return <Card loading />;
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      <Card
        title={
          <Space>
            <Link to="/cases">案件办理</Link>/<span>{c.number ?? "（未立案的线索）"}</span>
            <Tag color="blue">{caseStateLabels[c.state] ?? c.state}</Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {c.actions.map((a) => (
              <Button
                key={a.event}
                type={a.event === "cancel" || a.event === "decline" ? "default" : "primary"}
                danger={a.event === "cancel"}
                onClick={() => setActing(a)}
              >
                {a.label}
              </Button>
            ))}
          </Space>
        }
      >
        <Descriptions column={2} size="small" bordered>
          <Descriptions.Item label="办案机构">{c.agencyName}</Descriptions.Item>
          <Descriptions.Item label="执法领域">{c.field}</Descriptions.Item>
          <Descriptions.Item label="案由" span={2}>
            {c.summary}
          </Descriptions.Item>
          <Descriptions.Item label="当事人">
            {c.partyName}（{c.partyType === "individual" ? "自然人" : "法人或其他组织"}）
          </Descriptions.Item>
          <Descriptions.Item label={c.partyType === "individual" ? "身份证号码" : "统一社会信用代码"}>
            {c.partyIdNumber || "—"}
          </Descriptions.Item>
          <Descriptions.Item label="违法地点">{c.placeAddress}</Descriptions.Item>
          <Descriptions.Item label="发生 / 发现日期">
            {c.actOn} / {c.discoveredOn}
          </Descriptions.Item>
          <Descriptions.Item label="办案人员" span={2}>
            {c.officers.map((o) => (
              <Tag key={o.userId}>{o.displayName}</Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="办案期限" size="small">
        <Table
          rowKey="kind"
          size="small"
          pagination={false}
          dataSource={c.deadlines}
          locale={{ emptyText: <Empty description="暂无期限" /> }}
          columns={[
            { title: "期限", dataIndex: "label" },
            { title: "规则", dataIndex: "ruleId", width: 70 },
            { title: "届满日", dataIndex: "dueOn", width: 120 },
            {
              title: "状态",
              width: 120,
              render: (_: unknown, d: CaseDetail["deadlines"][number]) =>
                d.status === "closed" ? (
                  <Tag>已结束</Tag>
                ) : (
                  <Tag color={lightColors[d.light ?? ""] ?? "default"}>
                    {d.light === "red" ? "已超期" : d.light === "yellow" ? "即将到期" : "进行中"}
                  </Tag>
                ),
            },
          ]}
        />
      </Card>
      <Card title="办案环节" size="small">
        <Timeline
          items={c.events.map((e) => ({
            key: e.id,
            children: (
              <div>
                <Typography.Text strong>{caseEventLabels[e.event] ?? e.event}</Typography.Text>{" "}
                <Typography.Text type="secondary">
                  {e.onDate} · {e.actorName} · {caseStateLabels[e.toState] ?? e.toState}
                </Typography.Text>
                <StepDataView data={e.data} />
              </div>
            ),
          }))}
        />
      </Card>
      <StepModal
        caseDetail={c}
        action={acting}
        onClose={() => setActing(null)}
        onDone={() => {
          setActing(null);
          load();
        }}
      />
    </Space>
  );
}

const StepDataView = ({ data }: { data: Record<string, unknown> }) => {
  const parts = Object.entries(data).filter(([k]) => k !== "officerIds");
  if (!parts.length) return null;
  return (
    <div style={{ color: "#555", whiteSpace: "pre-wrap" }}>
      {parts.map(([k, v]) => (
        <div key={k}>
          {k}：{typeof v === "object" ? JSON.stringify(v) : String(v)}
        </div>
      ))}
    </div>
  );
};

/** Sets a dotted path ("penalty.fineFen") in an object. */
const setPath = (target: Record<string, unknown>, path: string, value: unknown) => {
  const [head, ...rest] = path.split(".");
  if (!head) return;
  if (!rest.length) {
    target[head] = value;
    return;
  }
  const inner = (target[head] as Record<string, unknown> | undefined) ?? {};
  target[head] = inner;
  setPath(inner, rest.join("."), value);
};

const StepModal = (props: {
  caseDetail: CaseDetail;
  action: Action | null;
  onClose: () => void;
  onDone: () => void;
}) => {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const showError = useApiError();
  const [saving, setSaving] = useState(false);
  const [officers, setOfficers] = useState<{ value: string; label: string }[]>([]);
  const procedure = props.caseDetail.procedure;
  const fields = props.action
    ? (stepFields[`${procedure}:${props.action.event}`] ?? stepFields[props.action.event] ?? [])
    : [];
  const needsOfficer = fields.some((f) => f.kind === "officer");
  const agencyId = props.caseDetail.agencyId;

  useEffect(() => {
    if (!needsOfficer) return;
    api
      .get<Paged<{ userId: string; displayName: string }>>("/officers", { agencyId, pageSize: 200 })
      .then((res) => setOfficers(res.items.map((o) => ({ value: o.userId, label: o.displayName }))))
      .catch(showError);
  }, [needsOfficer, agencyId, showError]);

  const submit = async () => {
    if (!props.action) return;
    const v = await form.validateFields();
    const data: Record<string, unknown> = {};
    for (const f of fields) {
      const raw = v[f.name.replaceAll(".", "_")];
      if (raw === undefined || raw === null || raw === "") {
        if (f.kind === "bool") setPath(data, f.name, false);
        continue;
      }
      const value =
        f.kind === "yuan"
          ? Math.round(Number(raw) * 100)
          : f.kind === "date"
            ? (raw as Dayjs).format("YYYY-MM-DD")
            : raw;
      setPath(data, f.name, value);
    }
    setSaving(true);
    try {
      await api.post(`/cases/${props.caseDetail.id}/events/${props.action.event}`, {
        version: props.caseDetail.version,
        on: (v.on as Dayjs).format("YYYY-MM-DD"),
        data,
      });
      message.success(`${props.action.label}：已办理`);
      form.resetFields();
      props.onDone();
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  const input = (f: StepField) => {
    switch (f.kind) {
      case "textarea":
        return <Input.TextArea rows={3} />;
      case "yuan":
        return <InputNumber min={0} precision={2} style={{ width: 200 }} addonAfter="元" />;
      case "days":
        return <InputNumber min={1} precision={0} style={{ width: 160 }} addonAfter="日" />;
      case "bool":
        return <Switch />;
      case "date":
        return <DatePicker />;
      case "officer":
        return <Select options={officers} showSearch optionFilterProp="label" />;
      case "select":
        return <Select options={f.options} />;
      default:
        return <Input />;
    }
  };

  return (
    <Modal
      title={props.action?.label}
      open={props.action !== null}
      onCancel={props.onClose}
      onOk={submit}
      confirmLoading={saving}
      okText="办理"
      destroyOnHidden
      width={640}
    >
      {props.action && props.action.guards.length > 0 && (
        <Typography.Paragraph type="secondary">
          系统将校验：{[...new Set(props.action.guards)].join("、")}
          {props.action.documents.length ? `；形成文书：${props.action.documents.join("、")}` : ""}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" initialValues={{ on: dayjs() }} preserve={false}>
        <Form.Item name="on" label="办理日期" rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        {fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name.replaceAll(".", "_")}
            label={f.label}
            valuePropName={f.kind === "bool" ? "checked" : "value"}
            rules={f.optional || f.kind === "bool" ? [] : [{ required: true }]}
          >
            {input(f)}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
};

import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
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
import CaseDocuments from "../components/CaseDocuments";
import { CaseItemsCard } from "../components/CaseItemsCard";
import { CaseMoneyCard } from "../components/CaseMoneyCard";
import { api } from "../lib/api";
import {
  type CaseDetail,
  caseEventLabels,
  caseStateLabels,
  dataLabel,
  dataText,
  fieldsOf,
  lightColors,
  procedureLabels,
  type StepField,
} from "../lib/cases";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
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
    <Space orientation="vertical" style={{ width: "100%" }} size="middle">
      <Card
        title={
          <Space>
            <Link to="/cases">案件办理</Link>/
            <span>{c.number ?? (c.state === "lead" ? "（未立案的线索）" : "（未立案）")}</span>
            <Tag color="blue" data-testid="case-state">
              {caseStateLabels[c.state] ?? c.state}
            </Tag>
            <Tag
              color={c.procedure === "three_step" ? "cyan" : c.procedure === "simple" ? "purple" : "default"}
            >
              {procedureLabels[c.procedure] ?? c.procedure}
            </Tag>
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
            {["investigated", "stated", "heard"].includes(c.state) && (
              // P10: a major decision is reviewed before it is made (the decide step checks it).
              <Link to={`/reviews/new?caseId=${c.id}`}>
                <Button>提交法制审核</Button>
              </Link>
            )}
          </Space>
        }
      >
        <Descriptions column={2} size="small" bordered>
          <Descriptions.Item label="办案机构">{c.agencyName}</Descriptions.Item>
          <Descriptions.Item label="执法领域">{c.field}</Descriptions.Item>
          <Descriptions.Item label="办案程序">
            {procedureLabels[c.procedure] ?? c.procedure}
          </Descriptions.Item>
          <Descriptions.Item label="案件状态">{caseStateLabels[c.state] ?? c.stateName}</Descriptions.Item>
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
          rowKey={(d) => `${d.kind}:${d.dueOn}:${d.status}`}
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
      {c.money && <CaseMoneyCard money={c.money} />}
      {c.items.length > 0 && <CaseItemsCard items={c.items} />}
      <Card title="办案环节" size="small">
        <Timeline
          items={c.events.map((e) => ({
            key: e.id,
            content: (
              <div>
                <Typography.Text strong>{caseEventLabels[e.event] ?? e.event}</Typography.Text>{" "}
                <Typography.Text type="secondary">
                  {e.onDate} · {e.actorName} · {caseStateLabels[e.toState] ?? e.toState}
                </Typography.Text>
                {e.event === "change_officers" ? (
                  <OfficerChangeView change={c.officerChanges.find((x) => x.seq === e.seq)} />
                ) : (
                  <StepDataView event={e.event} data={e.data} />
                )}
              </div>
            ),
          }))}
        />
      </Card>
      <CaseDocuments caseId={c.id} caseNumber={c.number} version={c.version} />
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

const hiddenKeys = new Set(["officerIds", "party", "place"]);

/** A change of officers (办案人员变更) in the timeline: the new set, who joined and who left, why (C2). */
const OfficerChangeView = ({ change }: { change: CaseDetail["officerChanges"][number] | undefined }) => {
  if (!change) return null;
  const names = (xs: { displayName: string }[]) => xs.map((x) => x.displayName).join("、");
  return (
    <div style={{ color: "#555", whiteSpace: "pre-wrap" }} data-testid="officer-change">
      <div>变更后的办案人员：{names(change.officers)}</div>
      {change.added.length > 0 && <div>新增：{names(change.added)}</div>}
      {change.removed.length > 0 && <div>调离：{names(change.removed)}</div>}
      {change.reason && <div>变更理由：{change.reason}</div>}
    </div>
  );
};

const StepDataView = ({ event, data }: { event: string; data: Record<string, unknown> }) => {
  const parts = Object.entries(data).filter(([k, v]) => !hiddenKeys.has(k) && v !== "" && v !== undefined);
  if (!parts.length) return null;
  return (
    <div style={{ color: "#555", whiteSpace: "pre-wrap" }}>
      {parts.map(([k, v]) => (
        <div key={k}>
          {dataLabel(event, k)}：{dataText(event, k, v)}
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

const formKey = (f: StepField) => f.name.replaceAll(".", "_");

type ItemRow = { name?: string; quantity?: number; unit?: string; note?: string };

/** The value a field sends to the server (yuan → fen, dates as YYYY-MM-DD, item rows trimmed). */
const toData = (f: StepField, raw: unknown): unknown => {
  switch (f.kind) {
    case "yuan":
      return Math.round(Number(raw) * 100);
    case "date":
      return (raw as Dayjs).format("YYYY-MM-DD");
    case "items":
      return (raw as ItemRow[]).map((it) => ({
        name: (it.name ?? "").trim(),
        quantity: Number(it.quantity),
        unit: (it.unit ?? "").trim(),
        note: (it.note ?? "").trim(),
      }));
    default:
      return raw;
  }
};

/** 物品清单: an editable list of items (名称, 数量, 单位, 备注), at least one. */
const ItemsInput = ({ field }: { field: StepField }) => (
  <Form.List
    name={formKey(field)}
    initialValue={[{}]}
    rules={[
      {
        validator: async (_, rows?: unknown[]) => {
          if (!rows || rows.length < 1) throw new Error("至少登记一项物品");
        },
      },
    ]}
  >
    {(rows, { add, remove }, { errors }) => (
      <Form.Item label={field.label} required>
        {rows.map((row, i) => (
          <Space key={row.key} align="baseline" wrap style={{ display: "flex" }}>
            <Form.Item
              name={[row.name, "name"]}
              rules={[{ required: true, whitespace: true, message: "请填写名称" }, { max: 100 }]}
            >
              <Input placeholder="名称" aria-label={`物品${i + 1}名称`} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name={[row.name, "quantity"]} rules={[{ required: true, message: "请填写数量" }]}>
              <InputNumber
                placeholder="数量"
                aria-label={`物品${i + 1}数量`}
                min={0.001}
                style={{ width: 100 }}
              />
            </Form.Item>
            <Form.Item
              name={[row.name, "unit"]}
              rules={[{ required: true, whitespace: true, message: "请填写单位" }, { max: 20 }]}
            >
              <Input placeholder="单位" aria-label={`物品${i + 1}单位`} style={{ width: 80 }} />
            </Form.Item>
            <Form.Item name={[row.name, "note"]} rules={[{ max: 500 }]}>
              <Input
                placeholder="备注（规格、状况等）"
                aria-label={`物品${i + 1}备注`}
                style={{ width: 180 }}
              />
            </Form.Item>
            {rows.length > 1 && (
              <MinusCircleOutlined aria-label="删除该物品" onClick={() => remove(row.name)} />
            )}
          </Space>
        ))}
        <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
          添加物品
        </Button>
        <Form.ErrorList errors={errors} />
      </Form.Item>
    )}
  </Form.List>
);

const StepModal = (props: {
  caseDetail: CaseDetail;
  action: Action | null;
  onClose: () => void;
  onDone: () => void;
}) => {
  const [form] = Form.useForm();
  // The values the fields' showIf conditions read (e.g. the ground of a no-penalty decision).
  const values = Form.useWatch((v: Record<string, unknown>) => v, form);
  const { message } = App.useApp();
  const showError = useApiError();
  const [saving, setSaving] = useState(false);
  const [officers, setOfficers] = useState<{ value: string; label: string }[]>([]);
  const fields = props.action ? fieldsOf(props.caseDetail.procedure, props.action.event) : [];
  const needsOfficer = fields.some((f) => f.kind === "officer" || f.kind === "officers");
  const current = props.caseDetail.officers;
  const agencyId = props.caseDetail.agencyId;
  const confiscated = props.caseDetail.items
    .filter((it) => it.status === "confiscated")
    .map((it) => ({ value: it.no, label: `第 ${it.no} 项：${it.name} ${it.quantity}${it.unit}` }));

  useEffect(() => {
    if (!needsOfficer) return;
    api
      .get<Paged<{ userId: string; displayName: string }>>("/officers", { agencyId, pageSize: 200 })
      .then((res) => setOfficers(res.items.map((o) => ({ value: o.userId, label: o.displayName }))))
      .catch(showError);
  }, [needsOfficer, agencyId, showError]);
  // The case's officers are always choosable (one may belong to the bureau rather than the squad).
  const officerOptions = [
    ...officers,
    ...current
      .filter((o) => !officers.some((x) => x.value === o.userId))
      .map((o) => ({ value: o.userId, label: o.displayName })),
  ];

  const submit = async () => {
    if (!props.action) return;
    const v = await validValues(form);
    if (!v) return;
    const data: Record<string, unknown> = {};
    for (const f of fields) {
      if (f.showIf && !f.showIf(v)) continue;
      const raw = v[formKey(f)];
      if (raw === undefined || raw === null || raw === "") {
        if (f.kind === "bool") setPath(data, f.name, false);
        continue;
      }
      setPath(data, f.name, toData(f, raw));
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
        return <InputNumber min={0} precision={2} style={{ width: 200 }} suffix="元" />;
      case "days":
        return <InputNumber min={1} precision={0} style={{ width: 160 }} suffix="日" />;
      case "int":
        return <InputNumber min={f.min} max={f.max} precision={0} style={{ width: 160 }} suffix={f.unit} />;
      case "bool":
        return <Switch />;
      case "date":
        return <DatePicker />;
      case "officer":
        return <Select options={officers} showSearch={{ optionFilterProp: "label" }} />;
      case "officers":
        return (
          <Select
            mode="multiple"
            options={officerOptions}
            showSearch={{ optionFilterProp: "label" }}
            placeholder="选择办案人员（至少两名）"
          />
        );
      case "select":
        return <Select options={f.options} />;
      case "itemNos":
        return (
          <Select
            mode="multiple"
            options={confiscated}
            notFoundContent="本案没有待处置的没收物品"
            placeholder="选择已没收的物品"
          />
        );
      default:
        return <Input />;
    }
  };

  const item = (f: StepField) =>
    f.kind === "items" ? (
      <ItemsInput key={f.name} field={f} />
    ) : (
      <Form.Item
        key={f.name}
        name={formKey(f)}
        label={f.label}
        extra={f.extra}
        {...(f.kind === "officers"
          ? { initialValue: current.map((o) => o.userId) }
          : f.initial === undefined
            ? {}
            : { initialValue: f.initial })}
        valuePropName={f.kind === "bool" ? "checked" : "value"}
        rules={
          f.optional || f.kind === "bool"
            ? []
            : f.kind === "text" || f.kind === "textarea"
              ? [{ required: true, whitespace: true, message: `请填写${f.label}` }]
              : f.kind === "officers"
                ? [{ required: true, type: "array", min: 2, message: "请选择至少两名办案人员（C2）" }]
                : [{ required: true, message: `请填写${f.label}` }]
        }
      >
        {input(f)}
      </Form.Item>
    );

  return (
    <Modal
      title={props.action?.label}
      open={props.action !== null}
      onCancel={props.onClose}
      onOk={submit}
      confirmLoading={saving}
      okText="办理"
      destroyOnHidden
      width={720}
    >
      {props.action && props.action.guards.length > 0 && (
        <Typography.Paragraph type="secondary">
          系统将校验：{[...new Set(props.action.guards)].join("、")}
          {props.action.documents.length ? `；形成文书：${props.action.documents.join("、")}` : ""}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" initialValues={{ on: dayjs() }} preserve={false}>
        <Form.Item name="on" label="办理日期" rules={[{ required: true, message: "请选择办理日期" }]}>
          <DatePicker />
        </Form.Item>
        {fields.filter((x) => !x.showIf || x.showIf(values ?? {})).map(item)}
      </Form>
    </Modal>
  );
};

import { PlusOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
} from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { AgencySelect } from "../components/AgencySelect";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth, useMe } from "../lib/auth";
import { type CaseSummary, caseStateLabels, lightColors, procedureLabels } from "../lib/cases";
import { useApiError } from "../lib/feedback";
import type { Paged } from "../lib/types";
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
          options={["general", "simple"].map((value) => ({ value, label: procedureLabels[value] }))}
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
      <CreateCaseModal
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

type CreateForm = {
  agencyId: string;
  procedure: "general" | "simple";
  field: string;
  summary: string;
  address: string;
  partyType: "individual" | "organisation";
  partyName: string;
  partyId?: string;
  phone?: string;
  partyAddress?: string;
  legalRepresentative?: string;
  actOn: Dayjs;
  discoveredOn: Dayjs;
  serious: boolean;
  officerIds: string[];
};

const CreateCaseModal = (props: {
  open: boolean;
  defaultAgencyId: string | null;
  onClose: () => void;
  onSaved: (id: string) => void;
}) => {
  const agency = useAgency();
  const [form] = Form.useForm<CreateForm>();
  const { message } = App.useApp();
  const showError = useApiError();
  const [saving, setSaving] = useState(false);
  const agencyId = Form.useWatch("agencyId", form);
  const partyType = Form.useWatch("partyType", form);
  const [fields, setFields] = useState<string[]>([]);
  const [officers, setOfficers] = useState<{ value: string; label: string }[]>([]);

  useEffect(() => {
    if (!props.open || !agencyId) return;
    api
      .get<{ fields: string[] }>(`/agencies/${agencyId}`)
      .then((a) => setFields(a.fields))
      .catch(showError);
    api
      .get<Paged<{ userId: string; displayName: string }>>("/officers", { agencyId, pageSize: 200 })
      .then((res) => setOfficers(res.items.map((o) => ({ value: o.userId, label: o.displayName }))))
      .catch(showError);
  }, [props.open, agencyId, showError]);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const party =
        v.partyType === "individual"
          ? {
              type: v.partyType,
              name: v.partyName,
              idNumber: v.partyId ?? "",
              phone: v.phone ?? "",
              address: v.partyAddress ?? "",
            }
          : {
              type: v.partyType,
              name: v.partyName,
              creditCode: v.partyId ?? "",
              legalRepresentative: v.legalRepresentative ?? "",
              phone: v.phone ?? "",
              address: v.partyAddress ?? "",
            };
      const created = await api.post<{ id: string }>("/cases", {
        agencyId: v.agencyId,
        procedure: v.procedure,
        field: v.field,
        summary: v.summary,
        place: { address: v.address },
        party,
        actOn: v.actOn.format("YYYY-MM-DD"),
        discoveredOn: v.discoveredOn.format("YYYY-MM-DD"),
        serious: v.serious,
        officerIds: v.officerIds,
      });
      message.success("线索已登记");
      form.resetFields();
      props.onSaved(created.id);
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title="登记案件线索"
      open={props.open}
      onCancel={props.onClose}
      onOk={submit}
      confirmLoading={saving}
      okText="登记"
      width={720}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          agencyId: props.defaultAgencyId ?? undefined,
          partyType: "individual",
          serious: false,
        }}
      >
        <Form.Item name="agencyId" label="办案机构" rules={[{ required: true }]}>
          <AgencySelect agencies={agency.all} />
        </Form.Item>
        <Form.Item name="procedure" label="程序">
          <Radio.Group
            options={[
              { value: "general", label: "一般程序（登记线索）" },
              { value: "simple", label: "简易程序（当场处罚）" },
            ]}
          />
        </Form.Item>
        <Form.Item name="field" label="执法领域" rules={[{ required: true }]}>
          <Select options={fields.map((f) => ({ value: f, label: f }))} />
        </Form.Item>
        <Form.Item name="summary" label="案由 / 线索内容" rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="address" label="违法地点" rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="partyType" label="当事人类型">
          <Radio.Group
            options={[
              { value: "individual", label: "自然人" },
              { value: "organisation", label: "法人或其他组织" },
            ]}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="partyName" label="当事人名称" rules={[{ required: true, max: 200 }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="partyId" label={partyType === "organisation" ? "统一社会信用代码" : "身份证号码"}>
            <Input style={{ width: 220 }} />
          </Form.Item>
          {partyType === "organisation" && (
            <Form.Item name="legalRepresentative" label="法定代表人">
              <Input style={{ width: 140 }} />
            </Form.Item>
          )}
          <Form.Item name="phone" label="联系电话">
            <Input style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="partyAddress" label="当事人地址">
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="actOn" label="违法行为发生日期" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="discoveredOn" label="发现日期" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="serious"
            label="危及生命健康安全、金融安全且有危害后果（时效 5 年，C5）"
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item
          name="officerIds"
          label="办案人员（调查取证须两名以上持证人员，C2）"
          rules={[{ required: true }]}
        >
          <Select mode="multiple" options={officers} />
        </Form.Item>
      </Form>
    </Modal>
  );
};

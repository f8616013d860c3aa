import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Steps,
  Switch,
} from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { procedureLabels } from "../lib/cases";
import { useApiError } from "../lib/feedback";
import type { Paged } from "../lib/types";
import { AgencySelect } from "./AgencySelect";
import { CasePowerSelect, type PowerOption } from "./CasePowerSelect";

type CreateForm = {
  agencyId: string;
  procedure: "general" | "simple" | "three_step";
  field: string;
  serious: boolean;
  partyType: "individual" | "organisation";
  partyName: string;
  partyId?: string;
  phone?: string;
  partyAddress?: string;
  legalRepresentative?: string;
  summary: string;
  powerItemIds?: string[];
  actOn: Dayjs;
  discoveredOn: Dayjs;
  address: string;
  officerIds: string[];
};

/** The fields validated before leaving each step. */
const steps: { title: string; fields: (keyof CreateForm)[] }[] = [
  { title: "程序与领域", fields: ["agencyId", "procedure", "field", "serious"] },
  {
    title: "当事人",
    fields: ["partyType", "partyName", "partyId", "legalRepresentative", "phone", "partyAddress"],
  },
  { title: "违法行为", fields: ["summary", "powerItemIds", "actOn", "discoveredOn", "address"] },
  { title: "办案人员", fields: ["officerIds"] },
  { title: "确认", fields: [] },
];

const procedureHelp: Record<string, string> = {
  general: "立案、调查取证、告知、决定、送达、执行、结案、归档（C06）",
  simple: "事实确凿、有法定依据，对个人罚款 200 元以下、对单位 3000 元以下或警告，当场作出决定（C07，P1）",
  three_step: "先教育劝导，再责令限期改正，复查后按期改正的不予处罚，逾期未改正的转一般程序（C08）",
};

/**
 * 登记线索 as a wizard: 1 程序与领域, 2 当事人, 3 违法行为, 4 办案人员, 5 确认. The server checks
 * everything again (C2 two officers for investigation steps, C08 the three-step list, …).
 */
export const CaseCreateWizard = (props: {
  open: boolean;
  defaultAgencyId: string | null;
  onClose: () => void;
  onSaved: (id: string) => void;
}) => {
  const agency = useAgency();
  const { can } = useAuth();
  const [form] = Form.useForm<CreateForm>();
  const { message } = App.useApp();
  const showError = useApiError();
  const [saving, setSaving] = useState(false);
  const [current, setCurrent] = useState(0);
  const agencyId = Form.useWatch("agencyId", { form, preserve: true });
  const partyType = Form.useWatch("partyType", { form, preserve: true });
  const procedure = Form.useWatch("procedure", { form, preserve: true });
  const [fields, setFields] = useState<string[]>([]);
  const [officers, setOfficers] = useState<{ value: string; label: string }[]>([]);
  const [threeStep, setThreeStep] = useState<PowerOption[]>([]);
  const [powerLabels, setPowerLabels] = useState<Record<string, string>>({});
  const handling = agency.all.filter((a) => can("case.handle", a.id));
  const agencies = handling.length ? handling : agency.all;
  const defaultAgency =
    agencies.find((a) => a.id === props.defaultAgencyId)?.id ?? agencies[0]?.id ?? undefined;

  useEffect(() => {
    if (props.open) setCurrent(0);
  }, [props.open]);

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

  useEffect(() => {
    if (!props.open || !agencyId || procedure !== "three_step") return;
    api
      .get<{ items: PowerOption[] }>(`/agencies/${agencyId}/procedure-lists/three_step`)
      .then((l) => setThreeStep(l.items))
      .catch(showError);
  }, [props.open, agencyId, procedure, showError]);

  const next = async () => {
    try {
      await form.validateFields(steps[current]!.fields);
    } catch {
      return;
    }
    setCurrent((c) => Math.min(c + 1, steps.length - 1));
  };

  const submit = async () => {
    const v = form.getFieldsValue(true) as CreateForm;
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
        powerItemIds: v.powerItemIds ?? [],
        actOn: v.actOn.format("YYYY-MM-DD"),
        discoveredOn: v.discoveredOn.format("YYYY-MM-DD"),
        serious: v.serious ?? false,
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

  const last = current === steps.length - 1;
  const footer = (
    <Space>
      <Button onClick={props.onClose}>取消</Button>
      {current > 0 && <Button onClick={() => setCurrent((c) => c - 1)}>上一步</Button>}
      {last ? (
        <Button type="primary" loading={saving} onClick={submit}>
          确认登记
        </Button>
      ) : (
        <Button type="primary" onClick={next}>
          下一步
        </Button>
      )}
    </Space>
  );

  const review = () => {
    const v = form.getFieldsValue(true) as CreateForm;
    const names = (ids: string[] | undefined, opts: { value: string; label: string }[]) =>
      (ids ?? []).map((id) => opts.find((o) => o.value === id)?.label ?? id).join("、") || "—";
    return (
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label="办案机构">{agency.nameOf(v.agencyId)}</Descriptions.Item>
        <Descriptions.Item label="程序">{procedureLabels[v.procedure] ?? v.procedure}</Descriptions.Item>
        <Descriptions.Item label="执法领域">{v.field}</Descriptions.Item>
        <Descriptions.Item label="5 年追责时效（C5）">{v.serious ? "是" : "否"}</Descriptions.Item>
        <Descriptions.Item label="当事人">
          {v.partyName}（{v.partyType === "individual" ? "自然人" : "法人或其他组织"}）
        </Descriptions.Item>
        <Descriptions.Item label={v.partyType === "organisation" ? "统一社会信用代码" : "身份证号码"}>
          {v.partyId || "—"}
        </Descriptions.Item>
        <Descriptions.Item label="案由" span={2}>
          {v.summary}
        </Descriptions.Item>
        <Descriptions.Item label="违法行为（权责事项）" span={2}>
          {(v.powerItemIds ?? []).map((id) => powerLabels[id] ?? id).join("；") || "—"}
        </Descriptions.Item>
        <Descriptions.Item label="违法地点">{v.address}</Descriptions.Item>
        <Descriptions.Item label="发生 / 发现日期">
          {v.actOn?.format("YYYY-MM-DD")} / {v.discoveredOn?.format("YYYY-MM-DD")}
        </Descriptions.Item>
        <Descriptions.Item label="办案人员" span={2}>
          {names(v.officerIds, officers)}
        </Descriptions.Item>
      </Descriptions>
    );
  };

  return (
    <Modal
      title="登记案件线索"
      open={props.open}
      onCancel={props.onClose}
      footer={footer}
      width={760}
      destroyOnHidden
    >
      <Steps
        size="small"
        current={current}
        items={steps.map((s) => ({ title: s.title }))}
        style={{ marginBottom: 24 }}
      />
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          agencyId: defaultAgency,
          procedure: "general",
          partyType: "individual",
          serious: false,
        }}
      >
        {current === 0 && (
          <>
            <Form.Item
              name="agencyId"
              label="办案机构"
              rules={[{ required: true, message: "请选择办案机构" }]}
            >
              <AgencySelect
                agencies={agencies}
                onChange={(id) => form.setFieldsValue({ agencyId: id, field: undefined, officerIds: [] })}
              />
            </Form.Item>
            <Form.Item name="procedure" label="程序" extra={procedure ? procedureHelp[procedure] : undefined}>
              <Radio.Group
                options={[
                  { value: "general", label: "一般程序（登记线索）" },
                  { value: "simple", label: "简易程序（当场处罚）" },
                  { value: "three_step", label: "三步式执法" },
                ]}
              />
            </Form.Item>
            <Form.Item name="field" label="执法领域" rules={[{ required: true, message: "请选择执法领域" }]}>
              <Select options={fields.map((f) => ({ value: f, label: f }))} />
            </Form.Item>
            <Form.Item
              name="serious"
              label="危及生命健康安全、金融安全且有危害后果（时效 5 年，C5）"
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          </>
        )}
        {current === 1 && (
          <>
            <Form.Item name="partyType" label="当事人类型">
              <Radio.Group
                options={[
                  { value: "individual", label: "自然人" },
                  { value: "organisation", label: "法人或其他组织" },
                ]}
              />
            </Form.Item>
            <Space wrap>
              <Form.Item
                name="partyName"
                label="当事人名称"
                rules={[{ required: true, whitespace: true, message: "请填写当事人名称" }, { max: 200 }]}
              >
                <Input style={{ width: 220 }} />
              </Form.Item>
              <Form.Item
                name="partyId"
                label={partyType === "organisation" ? "统一社会信用代码" : "身份证号码"}
                rules={[
                  partyType === "organisation"
                    ? { pattern: /^[0-9A-HJ-NPQRTUWXY]{18}$/, message: "统一社会信用代码为 18 位" }
                    : { pattern: /^\d{17}[\dXx]$/, message: "身份证号码为 18 位" },
                ]}
              >
                <Input style={{ width: 240 }} />
              </Form.Item>
              {partyType === "organisation" && (
                <Form.Item name="legalRepresentative" label="法定代表人" rules={[{ max: 100 }]}>
                  <Input style={{ width: 160 }} />
                </Form.Item>
              )}
              <Form.Item name="phone" label="联系电话" rules={[{ max: 30 }]}>
                <Input style={{ width: 180 }} />
              </Form.Item>
            </Space>
            <Form.Item name="partyAddress" label="当事人地址" rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </>
        )}
        {current === 2 && (
          <>
            <Form.Item
              name="summary"
              label="案由 / 线索内容"
              rules={[{ required: true, whitespace: true, message: "请填写案由" }, { max: 2000 }]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
            {procedure === "three_step" && threeStep.length === 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title="本机关三步式执法清单中还没有事项，三步式执法案件无法进行教育劝导（C08）。"
              />
            )}
            <Form.Item
              name="powerItemIds"
              label={
                procedure === "three_step" ? "违法行为（三步式执法清单中的事项）" : "违法行为（权责清单事项）"
              }
              rules={[
                { type: "array", max: 20, message: "最多选择 20 项" },
                ...(procedure === "three_step"
                  ? [
                      {
                        required: true,
                        type: "array" as const,
                        min: 1,
                        message: "三步式执法须选择清单中的事项",
                      },
                    ]
                  : []),
              ]}
            >
              <CasePowerSelect
                mode="multiple"
                fixed={procedure === "three_step" ? threeStep : undefined}
                onChange={(_, options) => {
                  const list = [options ?? []].flat() as { value?: string; label?: unknown }[];
                  setPowerLabels((m) => ({
                    ...m,
                    ...Object.fromEntries(list.map((o) => [String(o.value), String(o.label ?? o.value)])),
                  }));
                }}
              />
            </Form.Item>
            <Space wrap>
              <Form.Item
                name="actOn"
                label="违法行为发生日期"
                rules={[{ required: true, message: "请选择日期" }]}
              >
                <DatePicker />
              </Form.Item>
              <Form.Item
                name="discoveredOn"
                label="发现日期"
                dependencies={["actOn"]}
                rules={[
                  { required: true, message: "请选择日期" },
                  ({ getFieldValue }) => ({
                    validator: async (_, value?: Dayjs) => {
                      const act = getFieldValue("actOn") as Dayjs | undefined;
                      if (value && act && value.isBefore(act, "day"))
                        throw new Error("发现日期不能早于发生日期");
                    },
                  }),
                ]}
              >
                <DatePicker />
              </Form.Item>
            </Space>
            <Form.Item
              name="address"
              label="违法地点"
              rules={[{ required: true, whitespace: true, message: "请填写违法地点" }, { max: 200 }]}
            >
              <Input />
            </Form.Item>
          </>
        )}
        {current === 3 && (
          <Form.Item
            name="officerIds"
            label="办案人员（调查取证须两名以上持证人员，C2）"
            rules={[
              { required: true, type: "array", min: 2, message: "请至少选择两名办案人员（C2）" },
              { type: "array", max: 10, message: "最多 10 名" },
            ]}
          >
            <Select mode="multiple" options={officers} showSearch={{ optionFilterProp: "label" }} />
          </Form.Item>
        )}
        {current === 4 && review()}
      </Form>
    </Modal>
  );
};

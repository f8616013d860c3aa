import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Select,
  Space,
  Switch,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth, useMe } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import type { Paged } from "../lib/types";

/** P1 (APL art. 51): the simple procedure's limits, in yuan. */
const fineLimitYuan = { individual: 200, organisation: 3000 } as const;

type TicketForm = {
  agencyId: string;
  field: string;
  partyType: "individual" | "organisation";
  partyName: string;
  partyId?: string;
  phone?: string;
  partyAddress: string;
  address: string;
  facts: string;
  legalBasis: string;
  warning: boolean;
  fineYuan?: number;
  secondOfficerId: string;
  partySigned: boolean;
};

type Issued = { id: string; number: string | null; version: number; state: string };

const big = { size: "large" as const };

/**
 * 当场处罚 (simple procedure, C07, P1) on a phone: the party, the facts and legal basis, a warning
 * and/or a fine within the P1 limits, the second officer (C2) and the party's signature (P2). It
 * registers the case (procedure "simple") and applies the on-the-spot decision; the case number
 * is the ticket number. Then 送达 serves it on the spot (X3). The server checks everything again.
 */
export default function TicketPage() {
  const me = useMe();
  const agency = useAgency();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<TicketForm>();
  const [saving, setSaving] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);
  /** A lead registered whose on-the-spot decision the server refused (to be corrected and decided). */
  const [pending, setPending] = useState<{ id: string; version: number; key: string } | null>(null);
  const [served, setServed] = useState(false);
  const [fields, setFields] = useState<string[]>([]);
  const [officers, setOfficers] = useState<{ value: string; label: string }[]>([]);
  const agencies = agency.all.filter((a) => can("case.handle", a.id));
  const defaultAgency = agencies.find((a) => a.id === agency.currentId)?.id ?? agencies[0]?.id ?? undefined;
  const agencyId = Form.useWatch("agencyId", form) ?? defaultAgency;
  const partyType = Form.useWatch("partyType", form) ?? "individual";
  const limit = fineLimitYuan[partyType];

  useEffect(() => {
    if (!agencyId) return;
    api
      .get<{ fields: string[] }>(`/agencies/${agencyId}`)
      .then((a) => setFields(a.fields))
      .catch(showError);
    api
      .get<Paged<{ userId: string; displayName: string }>>("/officers", { agencyId, pageSize: 200 })
      .then((res) =>
        setOfficers(
          res.items
            .filter((o) => o.userId !== me.user.id)
            .map((o) => ({ value: o.userId, label: o.displayName })),
        ),
      )
      .catch(showError);
  }, [agencyId, me.user.id, showError]);

  const submit = async (v: TicketForm) => {
    const today = dayjs().format("YYYY-MM-DD");
    const penalty = {
      ...(v.warning ? { warning: true } : {}),
      ...(v.fineYuan ? { fineFen: Math.round(v.fineYuan * 100) } : {}),
    };
    const party =
      v.partyType === "individual"
        ? {
            type: "individual",
            name: v.partyName,
            idNumber: v.partyId ?? "",
            phone: v.phone ?? "",
            address: v.partyAddress,
          }
        : {
            type: "organisation",
            name: v.partyName,
            creditCode: v.partyId ?? "",
            phone: v.phone ?? "",
            address: v.partyAddress,
          };
    const lead = {
      agencyId: v.agencyId,
      procedure: "simple",
      field: v.field,
      summary: v.facts,
      place: { address: v.address },
      party,
      actOn: today,
      discoveredOn: today,
      officerIds: [me.user.id, v.secondOfficerId],
    };
    const key = JSON.stringify(lead);
    setSaving(true);
    try {
      // A lead registered by an earlier refused attempt with the same details is decided on, not registered again.
      const created =
        pending && pending.key === key
          ? pending
          : { ...(await api.post<{ id: string; version: number }>("/cases", lead)), key };
      setPending(created);
      const decided = await api.post<Issued>(`/cases/${created.id}/events/decide`, {
        version: created.version,
        on: today,
        data: {
          outcome: "penalty",
          penalty,
          facts: v.facts,
          legalBasis: v.legalBasis,
          partySigned: v.partySigned,
        },
      });
      setIssued(decided);
      setPending(null);
      message.success("当场处罚决定已作出");
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  const serve = async () => {
    if (!issued) return;
    setSaving(true);
    try {
      const r = await api.post<Issued>(`/cases/${issued.id}/events/serve`, {
        version: issued.version,
        on: dayjs().format("YYYY-MM-DD"),
        data: { method: "on_the_spot", receipt: "当场交付当事人" },
      });
      setIssued({ ...issued, ...r });
      setServed(true);
      message.success("已当场送达");
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  const again = () => {
    setIssued(null);
    setServed(false);
    setPending(null);
    form.resetFields();
  };

  return (
    <div style={{ maxWidth: 480, margin: "0 auto" }}>
      <Card title="当场处罚（简易程序）">
        {issued ? (
          <Result
            status="success"
            title={<span data-testid="ticket-number">{issued.number ?? "—"}</span>}
            subTitle={
              served
                ? "当场行政处罚决定书已送达当事人。罚款应在 15 日内到指定银行缴纳（罚缴分离）。"
                : "当场行政处罚决定书编号如上，请交付当事人并送达。"
            }
            extra={
              <Space orientation="vertical" style={{ width: "100%" }}>
                {!served && (
                  <Button type="primary" size="large" block loading={saving} onClick={serve}>
                    当场送达
                  </Button>
                )}
                <Link to={`/cases/${issued.id}`}>
                  <Button size="large" block>
                    查看案件
                  </Button>
                </Link>
                <Button size="large" block onClick={again}>
                  继续开具
                </Button>
              </Space>
            }
          />
        ) : (
          <Form<TicketForm>
            form={form}
            layout="vertical"
            size="large"
            onFinish={submit}
            initialValues={{
              agencyId: defaultAgency,
              partyType: "individual",
              warning: false,
              partySigned: true,
            }}
          >
            {pending && (
              <Typography.Paragraph type="warning">
                案件线索已登记，但当场处罚决定未通过校验：请按提示修改后重新提交（当事人和违法行为信息不变时不会重复登记），或到
                <Link to={`/cases/${pending.id}`}>案件页面</Link>
                办理。
              </Typography.Paragraph>
            )}
            {agencies.length > 1 && (
              <Form.Item
                name="agencyId"
                label="执法机构"
                rules={[{ required: true, message: "请选择执法机构" }]}
              >
                <Select options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
              </Form.Item>
            )}
            {agencies.length <= 1 && (
              <Form.Item name="agencyId" hidden>
                <Input />
              </Form.Item>
            )}
            <Form.Item name="field" label="执法领域" rules={[{ required: true, message: "请选择执法领域" }]}>
              <Select options={fields.map((f) => ({ value: f, label: f }))} />
            </Form.Item>
            <Form.Item name="partyType" label="当事人">
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={[
                  { value: "individual", label: "个人" },
                  { value: "organisation", label: "单位" },
                ]}
              />
            </Form.Item>
            <Form.Item
              name="partyName"
              label={partyType === "organisation" ? "单位名称" : "姓名"}
              rules={[{ required: true, whitespace: true, message: "请填写当事人" }, { max: 200 }]}
            >
              <Input {...big} />
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
              <Input {...big} inputMode={partyType === "organisation" ? "text" : "numeric"} />
            </Form.Item>
            <Form.Item name="phone" label="联系电话" rules={[{ max: 30 }]}>
              <Input {...big} inputMode="tel" />
            </Form.Item>
            <Form.Item
              name="partyAddress"
              label={partyType === "organisation" ? "单位地址" : "住址"}
              extra="决定书须载明当事人地址（X1）"
              rules={[{ required: true, whitespace: true, message: "请填写当事人地址" }, { max: 200 }]}
            >
              <Input {...big} />
            </Form.Item>
            <Form.Item
              name="address"
              label="违法地点"
              rules={[{ required: true, whitespace: true, message: "请填写违法地点" }, { max: 200 }]}
            >
              <Input {...big} />
            </Form.Item>
            <Form.Item
              name="facts"
              label="违法事实"
              rules={[{ required: true, whitespace: true, message: "请填写违法事实" }, { max: 2000 }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item
              name="legalBasis"
              label="法律依据"
              rules={[{ required: true, whitespace: true, message: "请填写法律依据" }, { max: 2000 }]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="warning" label="警告" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item
              name="fineYuan"
              label={`罚款（元）`}
              extra={`简易程序罚款限额（P1）：个人 200 元以下，单位 3000 元以下；当前上限 ${limit} 元`}
              dependencies={["warning", "partyType"]}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, value?: number) => {
                    if (value !== undefined && value !== null && value > limit)
                      throw new Error(`超过简易程序罚款限额 ${limit} 元（P1），应当适用一般程序`);
                    if (!getFieldValue("warning") && !value) throw new Error("请给予警告或填写罚款金额");
                  },
                }),
              ]}
            >
              <InputNumber
                min={0}
                max={3000}
                precision={2}
                style={{ width: "100%" }}
                suffix="元"
                inputMode="decimal"
              />
            </Form.Item>
            <Form.Item
              name="secondOfficerId"
              label="另一名执法人员（须两名持证人员，C2）"
              rules={[{ required: true, message: "请选择另一名执法人员" }]}
            >
              <Select options={officers} showSearch={{ optionFilterProp: "label" }} />
            </Form.Item>
            <Form.Item
              name="partySigned"
              label="当事人已在决定书上签名（拒绝签名的关闭并在决定书上注明）"
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={saving}>
              作出当场处罚决定
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}

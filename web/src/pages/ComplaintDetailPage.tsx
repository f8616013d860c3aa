import { EyeOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Image,
  Input,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api } from "../lib/api";
import { lightColors } from "../lib/cases";
import {
  type ComplaintDetail,
  closeReasonLabels,
  complaintEventLabels,
  pendingColor,
  pendingDueText,
} from "../lib/complaints";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";

type Field = { name: string; label: string; input: ReactNode; required?: boolean };

/** The form of each step (the server decides which steps the user may take: `actions`). */
function stepFields(d: ComplaintDetail, step: string): Field[] {
  const text = (rows = 3) => <Input.TextArea rows={rows} maxLength={2000} />;
  switch (step) {
    case "dispatch":
      return [
        {
          name: "agencyId",
          label: "承办单位",
          required: true,
          input: <Select options={d.dispatchTargets.map((u) => ({ value: u.id, label: u.name }))} />,
        },
        { name: "note", label: "分派说明", input: text(2) },
      ];
    case "accept":
      return [{ name: "note", label: "受理说明", input: text(2) }];
    case "return":
      return [{ name: "reason", label: "退回理由", required: true, input: text() }];
    case "transfer":
      return [
        { name: "department", label: "接收部门", required: true, input: <Input maxLength={100} /> },
        { name: "reason", label: "移送理由", required: true, input: text() },
      ];
    case "verify":
      return [{ name: "findings", label: "核实情况", required: true, input: text(4) }];
    case "link":
      return [
        { name: "caseId", label: "关联已有案件（案件 ID，留空则新建线索）", input: <Input /> },
        {
          name: "partyType",
          label: "当事人类型",
          input: (
            <Select
              options={[
                { value: "individual", label: "自然人" },
                { value: "organisation", label: "法人或其他组织" },
              ]}
            />
          ),
        },
        { name: "partyName", label: "当事人（未查明可写“待查明”）", input: <Input maxLength={200} /> },
      ];
    case "close":
      return [
        {
          name: "reason",
          label: "办结理由",
          required: true,
          input: (
            <Select options={Object.entries(closeReasonLabels).map(([value, label]) => ({ value, label }))} />
          ),
        },
        { name: "note", label: "说明", input: text(2) },
      ];
    case "answer":
      return [
        { name: "answer", label: "答复内容（公开显示，不得含举报人信息）", required: true, input: text(5) },
      ];
    case "merge":
      return [
        {
          name: "intoId",
          label: "合并到",
          required: true,
          input: (
            <Select
              options={d.duplicates.map((x) => ({
                value: x.id,
                label: `${x.trackingCode} ${x.placeAddress}`,
              }))}
            />
          ),
        },
      ];
    default:
      return [];
  }
}

function bodyOf(step: string, v: Record<string, string | undefined>, version: number) {
  if (step === "link")
    return v.caseId
      ? { version, caseId: v.caseId }
      : { version, lead: { partyType: v.partyType ?? "individual", partyName: v.partyName || "待查明" } };
  const out: Record<string, unknown> = { version };
  for (const [k, x] of Object.entries(v)) if (x !== undefined && x !== "") out[k] = x;
  return out;
}

/** 投诉举报详情: the facts, steps, deadlines, duplicates and the actions the user may take. */
export default function ComplaintDetailPage() {
  const { id } = useParams();
  const [d, setD] = useState<ComplaintDetail>();
  const [step, setStep] = useState<{ step: string; label: string }>();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const showError = useApiError();
  const { modal, message } = App.useApp();

  const load = useCallback(() => {
    api.get<ComplaintDetail>(`/complaints/${id}`).then(setD).catch(showError);
  }, [id, showError]);
  useEffect(load, [load]);

  const open = (s: { step: string; label: string }) => setStep(s);
  // The form is mounted afresh for each step (destroyOnHidden), starting from these values.
  const initialValues =
    step?.step === "dispatch" && d?.proposedAgencyId
      ? { agencyId: d.proposedAgencyId }
      : step?.step === "link"
        ? { partyType: "individual", partyName: "待查明" }
        : {};
  const run = async () => {
    if (!d || !step) return;
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      await api.post(`/complaints/${d.id}/${step.step}`, bodyOf(step.step, v, d.version));
      message.success(`${step.label}完成`);
      setStep(undefined);
      load();
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };
  const viewReporter = async () => {
    if (!d) return;
    try {
      const r = await api.get<{ name: string; phone: string; email: string }>(`/complaints/${d.id}/reporter`);
      modal.info({
        title: "举报人信息（依法保密，本次查看已记入全过程记录）",
        content: (
          <Descriptions column={1} size="small">
            <Descriptions.Item label="姓名">{r.name}</Descriptions.Item>
            <Descriptions.Item label="电话">{r.phone}</Descriptions.Item>
            {r.email && <Descriptions.Item label="电子邮箱">{r.email}</Descriptions.Item>}
          </Descriptions>
        ),
      });
    } catch (e) {
      showError(e);
    }
  };

  if (!d) return <Card loading />;
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Card
        title={
          <Space>
            投诉举报 {d.trackingCode}
            <Tag color="blue">{d.stateName}</Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {d.actions
              .filter((a) => a.step !== "merge" || d.duplicates.length > 0)
              .map((a) => (
                <Button
                  key={a.step}
                  type={a.step === "accept" || a.step === "dispatch" ? "primary" : "default"}
                  onClick={() => open(a)}
                >
                  {a.label}
                </Button>
              ))}
            {d.mayViewReporter && (
              <Button icon={<EyeOutlined />} onClick={viewReporter}>
                查看举报人信息
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label="来源">{d.sourceName}</Descriptions.Item>
          <Descriptions.Item label="类别">{d.categoryName}</Descriptions.Item>
          <Descriptions.Item label="地点">{d.placeAddress}</Descriptions.Item>
          <Descriptions.Item label="区域">{d.area || "—"}</Descriptions.Item>
          <Descriptions.Item label="内容" span={2}>
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>
              {d.description}
            </Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label="受理单位（首问）">{d.bureauName}</Descriptions.Item>
          <Descriptions.Item label="承办单位">
            {d.agencyName}
            {d.pendingAgencyName && `（已分派 ${d.pendingAgencyName}，待受理）`}
          </Descriptions.Item>
          <Descriptions.Item label="举报人">{d.named ? "实名（信息保密）" : "匿名"}</Descriptions.Item>
          <Descriptions.Item label="收到日期">{d.receivedOn}</Descriptions.Item>
          <Descriptions.Item label="期限">
            <Space wrap>
              {d.deadlines.length
                ? d.deadlines.map((x) => (
                    <Tag key={x.kind} color={lightColors[x.light] ?? pendingColor}>
                      {x.label} {x.dueOn ?? pendingDueText}
                    </Tag>
                  ))
                : "—"}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="案件">
            {d.caseId ? <Link to={`/cases/${d.caseId}`}>查看案件线索</Link> : "—"}
          </Descriptions.Item>
          {d.closeReasonName && <Descriptions.Item label="办结理由">{d.closeReasonName}</Descriptions.Item>}
          {d.transferDepartment && (
            <Descriptions.Item label="移送部门">{d.transferDepartment}</Descriptions.Item>
          )}
          <Descriptions.Item label="答复" span={2}>
            {d.publicAnswer ? (
              <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>
                {d.publicAnswer}（{d.answeredOn ?? "已重新办理"}）
              </Typography.Paragraph>
            ) : (
              "未答复"
            )}
          </Descriptions.Item>
          {d.rating !== null && <Descriptions.Item label="满意度">{d.rating} 星</Descriptions.Item>}
        </Descriptions>
        {d.photos.length > 0 && (
          <Image.PreviewGroup>
            <Space wrap style={{ marginTop: 16 }}>
              {d.photos.map((p) => (
                <Image key={p.id} width={120} src={`/api/v1/complaint-photos/${p.id}`} />
              ))}
            </Space>
          </Image.PreviewGroup>
        )}
      </Card>
      {d.duplicates.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message="疑似重复投诉举报（同一类别、同一地点、相近时间），可合并办理"
          description={
            <List
              size="small"
              dataSource={d.duplicates}
              renderItem={(x) => (
                <List.Item>
                  <Link to={`/complaints/${x.id}`}>{x.trackingCode}</Link> {x.receivedOn} {x.placeAddress}{" "}
                  {x.stateName}
                </List.Item>
              )}
            />
          }
        />
      )}
      <Card title="办理记录">
        <Timeline
          items={d.events.map((e) => ({
            key: e.id,
            children: (
              <>
                <Typography.Text strong>{complaintEventLabels[e.event] ?? e.event}</Typography.Text>{" "}
                {dayjs(e.at).format("YYYY-MM-DD HH:mm")} {e.actorName}
                {typeof e.data.reason === "string" && e.data.reason && <div>理由：{e.data.reason}</div>}
                {typeof e.data.findings === "string" && <div>核实：{e.data.findings}</div>}
                {typeof e.data.agencyName === "string" && <div>单位：{e.data.agencyName}</div>}
                {typeof e.data.notice === "string" && (
                  <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>
                    {e.data.notice}
                  </Typography.Paragraph>
                )}
              </>
            ),
          }))}
        />
      </Card>
      <Modal
        open={!!step}
        title={step?.label}
        onCancel={() => setStep(undefined)}
        onOk={run}
        confirmLoading={saving}
        okText="确定"
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={initialValues} preserve={false}>
          {d &&
            step &&
            stepFields(d, step.step).map((f) => (
              <Form.Item
                key={f.name}
                name={f.name}
                label={f.label}
                rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}
              >
                {f.input}
              </Form.Item>
            ))}
        </Form>
      </Modal>
    </Space>
  );
}

import { PlusOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { FullPageSpin } from "../components/FullPageSpin";
import { type TrainingChange, TrainingChangeDialog } from "../components/TrainingChangeDialog";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import {
  fmtPercent,
  type OfficerSummary,
  type PlanDetail,
  sessionKindLabels,
  type Trainer,
} from "../lib/officers";
import type { Paged } from "../lib/types";

type Dialog =
  | { kind: "session" }
  | { kind: "exam" }
  | { kind: "attendance"; sessionId: string; title: string }
  | { kind: "results"; examId: string; title: string };

/** A training plan: sessions with attendance, exams with results (C04). */
export default function TrainingPlanPage() {
  const { id } = useParams();
  const { can } = useAuth();
  const showError = useApiError();
  const [plan, setPlan] = useState<PlanDetail | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [change, setChange] = useState<TrainingChange | null>(null);
  const load = useCallback(() => {
    api.get<PlanDetail>(`/training/plans/${id}`).then(setPlan).catch(showError);
  }, [id, showError]);
  useEffect(load, [load]);
  if (!plan) return <FullPageSpin />;
  const live = !plan.withdrawnAt;
  // training.manage is held where the plan is (its bureau); other readers only read.
  const manage = can("training.manage", plan.agencyId) && live;
  const withdrawn = (w: { withdrawnAt: string | null; withdrawnReason: string | null }) =>
    w.withdrawnAt ? <Tag color="red">已撤销：{w.withdrawnReason}</Tag> : null;

  return (
    <Space orientation="vertical" style={{ width: "100%" }} size={16}>
      <Card
        title={
          <Space>
            <Link to="/training">教育培训</Link>/<span>{plan.title}</span>
            {withdrawn(plan)}
          </Space>
        }
        extra={
          manage && (
            <Space>
              <Button onClick={() => setChange({ kind: "editPlan" })}>修改计划</Button>
              <Button
                danger
                onClick={() =>
                  setChange({
                    kind: "withdraw",
                    target: "plan",
                    id: plan.id,
                    version: plan.version,
                    title: plan.title,
                  })
                }
              >
                撤销计划
              </Button>
            </Space>
          )
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 4 }}>
          <Descriptions.Item label="机构">{plan.agencyName}</Descriptions.Item>
          <Descriptions.Item label="年度">{plan.year}</Descriptions.Item>
          <Descriptions.Item label="课程">{plan.sessionCount}</Descriptions.Item>
          <Descriptions.Item label="总学时">{plan.totalHours}</Descriptions.Item>
          <Descriptions.Item label="说明">{plan.note || "—"}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title="培训课程"
        extra={
          manage && (
            <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: "session" })}>
              新增课程
            </Button>
          )
        }
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={plan.sessions}
          columns={[
            { title: "日期", dataIndex: "heldOn", width: 110 },
            {
              title: "课程",
              dataIndex: "title",
              render: (v: string, s) => (
                <Space size={4} wrap>
                  {v}
                  {withdrawn(s)}
                </Space>
              ),
            },
            {
              title: "类别",
              dataIndex: "kind",
              width: 100,
              render: (v: string) => sessionKindLabels[v] ?? v,
            },
            { title: "方式", dataIndex: "online", width: 80, render: (v: boolean) => (v ? "线上" : "线下") },
            { title: "学时", dataIndex: "hours", width: 70 },
            { title: "授课", dataIndex: "trainerName", width: 100, render: (v: string | null) => v ?? "—" },
            {
              title: "出勤",
              key: "attendees",
              render: (_, s) => (
                <Space size={[0, 4]} wrap>
                  {s.attendees.map((a) => (
                    <Tag key={a.officerId}>
                      {a.displayName} {a.hours}h
                    </Tag>
                  ))}
                  {manage && !s.withdrawnAt && (
                    <>
                      <Button
                        size="small"
                        type="link"
                        onClick={() => setDialog({ kind: "attendance", sessionId: s.id, title: s.title })}
                      >
                        登记出勤
                      </Button>
                      {s.attendees.length > 0 && (
                        <Button
                          size="small"
                          type="link"
                          onClick={() => setChange({ kind: "correctAttendance", session: s })}
                        >
                          更正出勤
                        </Button>
                      )}
                      <Button
                        size="small"
                        type="link"
                        onClick={() => setChange({ kind: "editSession", session: s })}
                      >
                        修改
                      </Button>
                      <Button
                        size="small"
                        type="link"
                        danger
                        onClick={() =>
                          setChange({
                            kind: "withdraw",
                            target: "session",
                            id: s.id,
                            version: s.version,
                            title: s.title,
                          })
                        }
                      >
                        撤销
                      </Button>
                    </>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card
        title="考试"
        extra={
          manage && (
            <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: "exam" })}>
              新增考试
            </Button>
          )
        }
      >
        {plan.exams.map((e) => (
          <Card
            key={e.id}
            type="inner"
            size="small"
            style={{ marginBottom: 12 }}
            title={
              <Space size={4}>
                {`${e.heldOn} ${e.title}（合格分 ${e.passMark}）`}
                {withdrawn(e)}
              </Space>
            }
            extra={
              <Space>
                <span>
                  参考率 {fmtPercent(e.participationPercent)} · 合格率 {fmtPercent(e.passPercent)}
                </span>
                {manage && !e.withdrawnAt && (
                  <>
                    <Button
                      size="small"
                      onClick={() => setDialog({ kind: "results", examId: e.id, title: e.title })}
                    >
                      登记成绩
                    </Button>
                    {e.results.length > 0 && (
                      <Button size="small" onClick={() => setChange({ kind: "correctResult", exam: e })}>
                        更正成绩
                      </Button>
                    )}
                    <Button size="small" onClick={() => setChange({ kind: "editExam", exam: e })}>
                      修改
                    </Button>
                    <Button
                      size="small"
                      danger
                      onClick={() =>
                        setChange({
                          kind: "withdraw",
                          target: "exam",
                          id: e.id,
                          version: e.version,
                          title: e.title,
                        })
                      }
                    >
                      撤销
                    </Button>
                  </>
                )}
              </Space>
            }
          >
            <Space size={[0, 4]} wrap>
              {e.results.map((r) => (
                <Tag key={r.officerId} color={r.score === null ? "default" : r.passed ? "green" : "red"}>
                  {r.displayName} {r.score === null ? "缺考" : `${r.score} 分`}
                </Tag>
              ))}
            </Space>
          </Card>
        ))}
      </Card>
      {change && (
        <TrainingChangeDialog
          plan={plan}
          change={change}
          onClose={() => setChange(null)}
          onDone={(p) => {
            setChange(null);
            setPlan(p);
          }}
        />
      )}
      {dialog && (
        <PlanDialog
          plan={plan}
          dialog={dialog}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            load();
          }}
        />
      )}
    </Space>
  );
}

const PlanDialog = ({
  plan,
  dialog,
  onClose,
  onDone,
}: {
  plan: PlanDetail;
  dialog: Dialog;
  onClose: () => void;
  onDone: () => void;
}) => {
  const [form] = Form.useForm();
  const showError = useApiError();
  const { message } = App.useApp();
  const [officers, setOfficers] = useState<OfficerSummary[]>([]);
  const [trainers, setTrainers] = useState<Trainer[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api
      .get<Paged<OfficerSummary>>("/officers", { agencyId: plan.agencyId, pageSize: 200 })
      .then((r) => setOfficers(r.items))
      .catch(showError);
    api
      .get<Paged<Trainer>>("/training/trainers", { pageSize: 200 })
      .then((r) => setTrainers(r.items))
      .catch(showError);
  }, [plan.agencyId, showError]);

  const officerOptions = officers.map((o) => ({ value: o.id, label: `${o.displayName}（${o.agencyName}）` }));
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      const d = (x: Dayjs) => x.format("YYYY-MM-DD");
      if (dialog.kind === "session")
        await api.post(`/training/plans/${plan.id}/sessions`, {
          title: v.title,
          kind: v.kind,
          online: v.online ?? false,
          heldOn: d(v.heldOn),
          hours: v.hours,
          field: v.field ?? "",
          trainerId: v.trainerId ?? null,
        });
      else if (dialog.kind === "exam")
        await api.post(`/training/plans/${plan.id}/exams`, {
          title: v.title,
          heldOn: d(v.heldOn),
          passMark: v.passMark ?? undefined,
        });
      else if (dialog.kind === "attendance")
        await api.post(`/training/sessions/${dialog.sessionId}/attendance`, {
          officerIds: v.officerIds,
          hours: v.hours ?? undefined,
        });
      else
        await api.post(`/training/exams/${dialog.examId}/results`, {
          results: (v.results as { officerId: string; score?: number | null }[]).map((r) => ({
            officerId: r.officerId,
            score: r.score ?? null,
          })),
        });
      message.success("已保存");
      onDone();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  const titles = {
    session: "新增培训课程",
    exam: "新增考试",
    attendance: `登记出勤 · ${"title" in dialog ? dialog.title : ""}`,
    results: `登记成绩 · ${"title" in dialog ? dialog.title : ""}`,
  };
  return (
    <Modal
      title={titles[dialog.kind]}
      open
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okText="保存"
      width={640}
    >
      <Form
        name="trainingPlanEntry"
        form={form}
        layout="vertical"
        initialValues={{ kind: "on_post", online: false, results: [{}] }}
      >
        {(dialog.kind === "session" || dialog.kind === "exam") && (
          <>
            <Form.Item
              name="title"
              label="名称"
              rules={[{ required: true, min: 2, max: 100, message: "2–100 字" }]}
            >
              <Input />
            </Form.Item>
            <Form.Item
              name="heldOn"
              label={`日期（${plan.year} 年内）`}
              rules={[{ required: true, message: "请选择日期" }]}
            >
              <DatePicker />
            </Form.Item>
          </>
        )}
        {dialog.kind === "session" && (
          <Space wrap>
            <Form.Item name="kind" label="类别">
              <Select
                style={{ width: 130 }}
                options={Object.entries(sessionKindLabels).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
            <Form.Item name="online" label="线上" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="hours" label="学时" rules={[{ required: true, message: "请填写学时" }]}>
              <InputNumber min={1} max={200} />
            </Form.Item>
            <Form.Item name="field" label="领域" rules={[{ max: 50 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="trainerId" label="授课师资">
              <Select
                allowClear
                style={{ width: 160 }}
                options={trainers.map((t) => ({ value: t.id, label: t.name }))}
              />
            </Form.Item>
          </Space>
        )}
        {dialog.kind === "exam" && (
          <Form.Item name="passMark" label="合格分（留空按设置）">
            <InputNumber min={0} max={100} />
          </Form.Item>
        )}
        {dialog.kind === "attendance" && (
          <>
            <Form.Item name="officerIds" label="出勤人员" rules={[{ required: true, message: "请选择人员" }]}>
              <Select mode="multiple" showSearch={{ optionFilterProp: "label" }} options={officerOptions} />
            </Form.Item>
            <Form.Item name="hours" label="计入学时（留空按课程学时）">
              <InputNumber min={1} max={200} />
            </Form.Item>
          </>
        )}
        {dialog.kind === "results" && (
          <Form.List name="results">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item
                      name={[f.name, "officerId"]}
                      rules={[{ required: true, message: "请选择人员" }]}
                    >
                      <Select
                        style={{ width: 260 }}
                        showSearch={{ optionFilterProp: "label" }}
                        options={officerOptions}
                        placeholder="人员"
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, "score"]}>
                      <InputNumber min={0} max={100} placeholder="分数（空为缺考）" style={{ width: 150 }} />
                    </Form.Item>
                    <Button type="link" danger onClick={() => remove(f.name)}>
                      删除
                    </Button>
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />}>
                  添加一行
                </Button>
              </>
            )}
          </Form.List>
        )}
      </Form>
    </Modal>
  );
};

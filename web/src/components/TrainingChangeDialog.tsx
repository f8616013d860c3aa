import { App, DatePicker, Form, Input, InputNumber, Modal, Select, Switch } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { api } from "../lib/api";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import { type PlanDetail, sessionKindLabels } from "../lib/officers";

type Session = PlanDetail["sessions"][number];
type Exam = PlanDetail["exams"][number];
export type TrainingChange =
  | { kind: "editPlan" }
  | { kind: "editSession"; session: Session }
  | { kind: "editExam"; exam: Exam }
  | { kind: "withdraw"; target: "plan" | "session" | "exam"; id: string; version: number; title: string }
  | { kind: "correctAttendance"; session: Session }
  | { kind: "correctResult"; exam: Exam };

const targetLabels = { plan: "培训计划", session: "培训课程", exam: "考试" };

/**
 * Edits (a new version), withdrawals (撤销, kept and marked) and corrections of attendance and
 * results (new rows; the database refuses to change the old ones).
 */
export const TrainingChangeDialog = ({
  plan,
  change,
  onClose,
  onDone,
}: {
  plan: PlanDetail;
  change: TrainingChange;
  onClose: () => void;
  onDone: (p: PlanDetail) => void;
}) => {
  const [form] = Form.useForm();
  const showError = useApiError();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const initial =
    change.kind === "editPlan"
      ? { title: plan.title, note: plan.note }
      : change.kind === "editSession"
        ? { ...change.session, heldOn: dayjs(change.session.heldOn) }
        : change.kind === "editExam"
          ? { ...change.exam, heldOn: dayjs(change.exam.heldOn) }
          : {};
  const people =
    change.kind === "correctAttendance"
      ? change.session.attendees.map((a) => ({
          value: a.officerId,
          label: `${a.displayName}（${a.hours} 学时）`,
        }))
      : change.kind === "correctResult"
        ? change.exam.results.map((r) => ({
            value: r.officerId,
            label: `${r.displayName}（${r.score === null ? "缺考" : `${r.score} 分`}）`,
          }))
        : [];

  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      const reason = v.reason || undefined;
      let result: PlanDetail;
      if (change.kind === "editPlan")
        result = await api.patch(`/training/plans/${plan.id}`, {
          version: plan.version,
          title: v.title,
          note: v.note ?? "",
          reason,
        });
      else if (change.kind === "editSession")
        result = await api.patch(`/training/sessions/${change.session.id}`, {
          version: change.session.version,
          title: v.title,
          kind: v.kind,
          online: Boolean(v.online),
          heldOn: v.heldOn.format("YYYY-MM-DD"),
          hours: v.hours,
          reason,
        });
      else if (change.kind === "editExam")
        result = await api.patch(`/training/exams/${change.exam.id}`, {
          version: change.exam.version,
          title: v.title,
          heldOn: v.heldOn.format("YYYY-MM-DD"),
          passMark: v.passMark,
          reason,
        });
      else if (change.kind === "withdraw")
        result = await api.post(`/training/${change.target}s/${change.id}/withdrawal`, {
          version: change.version,
          reason: v.reason,
        });
      else if (change.kind === "correctAttendance")
        result = await api.post(`/training/sessions/${change.session.id}/attendance-corrections`, {
          officerId: v.officerId,
          hours: v.hours,
          note: v.reason,
        });
      else
        result = await api.post(`/training/exams/${change.exam.id}/result-corrections`, {
          officerId: v.officerId,
          score: v.score ?? null,
          note: v.reason,
        });
      message.success("已保存（原记录保留）");
      onDone(result);
    } catch (e) {
      showError(e);
    } finally {
      setSaving(false);
    }
  };

  const title =
    change.kind === "editPlan"
      ? "修改培训计划"
      : change.kind === "editSession"
        ? `修改课程 · ${change.session.title}`
        : change.kind === "editExam"
          ? `修改考试 · ${change.exam.title}`
          : change.kind === "withdraw"
            ? `撤销${targetLabels[change.target]} · ${change.title}`
            : change.kind === "correctAttendance"
              ? `更正出勤 · ${change.session.title}`
              : `更正成绩 · ${change.exam.title}`;
  const editing = change.kind.startsWith("edit");
  return (
    <Modal
      title={title}
      open
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okText="保存"
      width={600}
    >
      <Form name="trainingChange" form={form} layout="vertical" initialValues={initial}>
        {editing && (
          <Form.Item
            name="title"
            label="名称"
            rules={[{ required: true, min: 2, max: 100, message: "2–100 字" }]}
          >
            <Input />
          </Form.Item>
        )}
        {change.kind === "editPlan" && (
          <Form.Item name="note" label="说明">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        )}
        {(change.kind === "editSession" || change.kind === "editExam") && (
          <Form.Item name="heldOn" label={`日期（${plan.year} 年内）`} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        )}
        {change.kind === "editSession" && (
          <>
            <Form.Item name="kind" label="类别">
              <Select
                options={Object.entries(sessionKindLabels).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
            <Form.Item name="online" label="线上" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="hours" label="学时" rules={[{ required: true }]}>
              <InputNumber min={1} max={200} />
            </Form.Item>
          </>
        )}
        {change.kind === "editExam" && (
          <Form.Item name="passMark" label="合格分" rules={[{ required: true }]}>
            <InputNumber min={0} max={100} />
          </Form.Item>
        )}
        {(change.kind === "correctAttendance" || change.kind === "correctResult") && (
          <Form.Item name="officerId" label="人员" rules={[{ required: true, message: "请选择人员" }]}>
            <Select options={people} showSearch={{ optionFilterProp: "label" }} />
          </Form.Item>
        )}
        {change.kind === "correctAttendance" && (
          <Form.Item name="hours" label="更正后的学时（0 为未出勤）" rules={[{ required: true }]}>
            <InputNumber min={0} max={change.session.hours} />
          </Form.Item>
        )}
        {change.kind === "correctResult" && (
          <Form.Item name="score" label="更正后的分数（空为缺考）">
            <InputNumber min={0} max={100} />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={editing ? "修改原因（可不填）" : "原因"}
          rules={editing ? [] : [{ required: true, min: 2, message: "请填写原因" }]}
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
};

import { App, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Switch, Typography } from "antd";
import { useEffect, useState } from "react";
import { api } from "../lib/api";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import { yuanToFen } from "../lib/labels";
import { powerFieldOptions } from "../lib/powers";
import { type MajorCriteria, type MajorCriterion, majorPenaltyKindLabels } from "../lib/reviews";

interface CriterionForm {
  name: string;
  penaltyKinds: string[];
  fineYuan: number | null;
  confiscationYuan: number | null;
  hearingHeld: boolean;
  hearingThreshold: boolean;
  fields: string[];
  needs: ("review" | "discussion")[];
  reason: string;
}

const kindOptions = Object.entries(majorPenaltyKindLabels).map(([value, label]) => ({ value, label }));
const fieldOptions = powerFieldOptions.map((f) => ({ value: f, label: f }));
const needOptions = [
  { value: "review", label: "须法制审核" },
  { value: "discussion", label: "须集体讨论" },
];
/** The server's ceiling for an amount (10^12 fen), in yuan. */
const maxYuan = 10_000_000_000;
const noCondition = "至少设置一个条件（处罚种类、罚款数额、没收数额、经过听证、达到听证标准或执法领域）";

const toForm = (c: MajorCriterion | null): CriterionForm => ({
  name: c?.name ?? "",
  penaltyKinds: c?.criteria.penaltyKinds ?? [],
  fineYuan: c?.criteria.fineFenAtLeast !== undefined ? c.criteria.fineFenAtLeast / 100 : null,
  confiscationYuan:
    c?.criteria.confiscationFenAtLeast !== undefined ? c.criteria.confiscationFenAtLeast / 100 : null,
  hearingHeld: c?.criteria.hearingHeld ?? false,
  hearingThreshold: c?.criteria.hearingThreshold ?? false,
  fields: c?.criteria.fields ?? [],
  needs: c
    ? [...(c.needsReview ? ["review" as const] : []), ...(c.needsDiscussion ? ["discussion" as const] : [])]
    : ["review"],
  // A change states its own reason (it is recorded with the new version).
  reason: "",
});

/** The conditions the form sets (only those set are sent). */
const toCriteria = (v: CriterionForm): MajorCriteria => {
  const fields = v.fields.map((f) => f.trim()).filter(Boolean);
  return {
    ...(v.penaltyKinds.length ? { penaltyKinds: v.penaltyKinds } : {}),
    ...(v.fineYuan != null ? { fineFenAtLeast: yuanToFen(v.fineYuan) } : {}),
    ...(v.confiscationYuan != null ? { confiscationFenAtLeast: yuanToFen(v.confiscationYuan) } : {}),
    ...(v.hearingHeld ? { hearingHeld: true } : {}),
    ...(v.hearingThreshold ? { hearingThreshold: true } : {}),
    ...(fields.length ? { fields } : {}),
  };
};

/**
 * New or changed criterion of the L1 list (重大执法决定目录) of one agency. The client asks for at
 * least one condition and one requirement; the server decides and its message is shown when it refuses.
 */
export const MajorCriterionModal = ({
  open,
  agencyId,
  editing,
  onClose,
  onSaved,
}: {
  open: boolean;
  agencyId: string;
  /** null: a new criterion. */
  editing: MajorCriterion | null;
  onClose: () => void;
  onSaved: () => void;
}) => {
  const [form] = Form.useForm<CriterionForm>();
  const { message } = App.useApp();
  const showError = useApiError();
  const [saving, setSaving] = useState(false);
  const [conditionError, setConditionError] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(toForm(editing));
    setConditionError(false);
  }, [open, editing, form]);

  const onOk = async () => {
    const v = await validValues(form);
    if (!v) return;
    const criteria = toCriteria(v);
    if (Object.keys(criteria).length === 0) {
      setConditionError(true);
      return;
    }
    setSaving(true);
    try {
      await api.post("/major-decision-criteria", {
        agencyId,
        ...(editing ? { criterionId: editing.criterionId } : {}),
        name: v.name.trim(),
        criteria,
        needsReview: v.needs.includes("review"),
        needsDiscussion: v.needs.includes("discussion"),
        reason: v.reason.trim(),
      });
      message.success(editing ? "已修改目录条件" : "已新增目录条件");
      onSaved();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? `修改目录条件：${editing.name}` : "新增重大执法决定目录条件"}
      okText="保存"
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={saving}
      width={640}
      forceRender
    >
      <Form<CriterionForm>
        name="majorCriterion"
        form={form}
        layout="vertical"
        onValuesChange={() => conditionError && setConditionError(false)}
      >
        <Form.Item
          name="name"
          label="名称"
          rules={[{ required: true, whitespace: true, message: "请输入名称" }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Typography.Text type="secondary">
          条件（满足任一即列入目录；选择执法领域时仅限这些领域）
        </Typography.Text>
        <Form.Item name="penaltyKinds" label="处罚种类" style={{ marginTop: 8 }}>
          <Select mode="multiple" allowClear options={kindOptions} placeholder="不限" />
        </Form.Item>
        <Space size="large" align="start" wrap>
          <Form.Item name="fineYuan" label="罚款数额达到（元）">
            <InputNumber<number> min={0} max={maxYuan} precision={2} suffix="元" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="confiscationYuan" label="没收数额达到（元）">
            <InputNumber<number> min={0} max={maxYuan} precision={2} suffix="元" style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Space size="large" align="start" wrap>
          <Form.Item name="hearingHeld" label="经过听证" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            name="hearingThreshold"
            label="达到听证标准"
            valuePropName="checked"
            tooltip="罚款或没收数额达到听证的较大数额标准（参数设置）"
          >
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="fields" label="执法领域">
          <Select
            mode="tags"
            allowClear
            tokenSeparators={[",", "，", "、"]}
            options={fieldOptions}
            placeholder="不限"
          />
        </Form.Item>
        {conditionError && (
          <Typography.Paragraph type="danger" data-testid="condition-error">
            {noCondition}
          </Typography.Paragraph>
        )}
        <Form.Item
          name="needs"
          label="要求"
          rules={[{ required: true, type: "array", message: "须至少要求法制审核或集体讨论之一" }]}
        >
          <Checkbox.Group options={needOptions} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="理由"
          rules={[{ required: true, whitespace: true, message: "请说明理由" }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            placeholder={editing ? "说明修改的理由" : "说明列入目录的理由"}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};

import { App, Descriptions, Form, Input, InputNumber, Modal } from "antd";
import { useEffect, useState } from "react";
import { ApiError, api } from "../lib/api";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import { formatSettingValue, settingSourceLabel } from "../lib/labels";
import type { Setting } from "../lib/types";

interface Props {
  agencyId: string;
  agencyName: string;
  setting: Setting | null;
  onClose: () => void;
  onSaved: () => void;
}

interface EditForm {
  value: number | string | null;
  reason: string;
}

/** Form value → stored value: money is entered in yuan and stored in fen. */
const toStored = (s: Setting, v: EditForm["value"]) =>
  s.type === "money" ? Math.round(Number(v) * 100) : s.type === "string" ? String(v ?? "").trim() : Number(v);

const toInput = (s: Setting, v: Setting["value"]) =>
  s.type === "money" && typeof v === "number" ? v / 100 : (v ?? undefined);

interface ValueInputProps {
  setting: Setting;
  /** Injected by Form.Item so the label points at the input. */
  id?: string;
  value?: number | string | null;
  onChange?: (value: number | string | null) => void;
}

/** Input matching the setting's type: text, integer, percent, or money in yuan. */
const ValueInput = ({ setting, id, value, onChange }: ValueInputProps) => {
  if (setting.type === "string") {
    return (
      <Input
        id={id}
        value={value == null ? "" : String(value)}
        onChange={(e) => onChange?.(e.target.value)}
        placeholder={setting.unit ? `格式：${setting.unit}` : undefined}
        style={{ width: 240 }}
      />
    );
  }
  const money = setting.type === "money";
  return (
    <InputNumber<number>
      id={id}
      value={typeof value === "number" ? value : null}
      onChange={(v) => onChange?.(v)}
      style={{ width: 240 }}
      min={0}
      precision={money ? 2 : setting.type === "integer" ? 0 : undefined}
      suffix={money ? "元" : setting.type === "percent" ? "%" : setting.unit || undefined}
    />
  );
};

export const SettingEditModal = ({ agencyId, agencyName, setting, onClose, onSaved }: Props) => {
  const [form] = Form.useForm<EditForm>();
  const { message } = App.useApp();
  const showError = useApiError();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!setting) return;
    form.resetFields();
    form.setFieldsValue({ value: toInput(setting, setting.value) as EditForm["value"], reason: "" });
  }, [setting, form]);

  const onOk = async () => {
    if (!setting) return;
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      await api.put(`/agencies/${agencyId}/settings/${encodeURIComponent(setting.key)}`, {
        value: toStored(setting, v.value),
        reason: v.reason.trim(),
      });
      message.success(`「${setting.label}」已更新`);
      onSaved();
    } catch (err) {
      showError(err);
      const detail = err instanceof ApiError ? err.details.find((d) => d.path === "value") : undefined;
      if (detail) form.setFields([{ name: "value", errors: [detail.message] }]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={Boolean(setting)}
      title={setting ? `修改参数：${setting.label}` : "修改参数"}
      okText="保存"
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={saving}
      width={560}
      forceRender
    >
      {setting && (
        <Descriptions column={1} size="small" bordered style={{ margin: "16px 0" }}>
          <Descriptions.Item label="机构">{agencyName}</Descriptions.Item>
          <Descriptions.Item label="规则">{setting.ruleId}</Descriptions.Item>
          {setting.description && <Descriptions.Item label="说明">{setting.description}</Descriptions.Item>}
          <Descriptions.Item label="当前值">
            {formatSettingValue(setting, setting.value)}（{settingSourceLabel(setting)}）
          </Descriptions.Item>
          <Descriptions.Item label="默认值">
            {formatSettingValue(setting, setting.defaultValue)}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Form<EditForm> name="settingEdit" form={form} layout="vertical">
        {setting && (
          <Form.Item
            name="value"
            label="新值"
            rules={[
              // Only a string rule may carry `whitespace`: it turns the rule into a string type check.
              setting.type === "string"
                ? { required: true, whitespace: true, message: "请输入新值" }
                : { required: true, message: "请输入新值" },
            ]}
          >
            <ValueInput setting={setting} />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label="修改理由"
          rules={[{ required: true, whitespace: true, message: "请填写修改理由（将记入变更历史）" }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：依据某某文件调整" />
        </Form.Item>
      </Form>
    </Modal>
  );
};

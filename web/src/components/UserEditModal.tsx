import { App, Form, Input, Modal, Switch } from "antd";
import { useEffect, useState } from "react";
import { ApiError, api } from "../lib/api";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import type { User } from "../lib/types";
import { phoneRules } from "../lib/validation";

interface EditForm {
  displayName: string;
  phone: string;
  active: boolean;
}

interface Props {
  user: User | null;
  onClose: () => void;
  onSaved: () => void;
}

/** Edits a user's name, phone and active flag (PATCH with optimistic version). */
export const UserEditModal = ({ user, onClose, onSaved }: Props) => {
  const [form] = Form.useForm<EditForm>();
  const { message } = App.useApp();
  const showError = useApiError();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (user) form.setFieldsValue({ displayName: user.displayName, phone: user.phone, active: user.active });
  }, [user, form]);

  const onOk = async () => {
    if (!user) return;
    const v = await validValues(form);
    if (!v) return;
    const phone = (v.phone ?? "").trim();
    const body: Record<string, unknown> = { version: user.version };
    if (v.displayName.trim() !== user.displayName) body.displayName = v.displayName.trim();
    if (v.active !== user.active) body.active = v.active;
    if (Object.keys(body).length === 1 && phone === user.phone) {
      onClose();
      return;
    }
    // Always send the phone: the server currently treats a missing phone as "" (schema default).
    body.phone = phone;
    setSaving(true);
    try {
      await api.patch(`/users/${user.id}`, body);
      message.success("用户信息已保存");
      onSaved();
    } catch (err) {
      showError(err);
      if (err instanceof ApiError && err.code === "CONFLICT") onSaved();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={Boolean(user)}
      title={user ? `编辑用户：${user.username}` : "编辑用户"}
      okText="保存"
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
    >
      <Form<EditForm> name="userEdit" form={form} layout="vertical" style={{ marginTop: 16 }}>
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[{ required: true, whitespace: true, message: "请输入姓名" }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="phone" label="手机号码" rules={phoneRules}>
          <Input />
        </Form.Item>
        <Form.Item name="active" label="账号状态" valuePropName="checked">
          <Switch checkedChildren="启用" unCheckedChildren="停用" />
        </Form.Item>
      </Form>
    </Modal>
  );
};

import { Alert, App, Form, Input, Modal } from "antd";
import { useEffect, useState } from "react";
import { api } from "../lib/api";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import type { User } from "../lib/types";
import { passwordRules } from "../lib/validation";

interface Props {
  user: User | null;
  onClose: () => void;
  onSaved: () => void;
}

/** Administrator sets a new password for a user. */
export const UserPasswordModal = ({ user, onClose, onSaved }: Props) => {
  const [form] = Form.useForm<{ password: string }>();
  const { message } = App.useApp();
  const showError = useApiError();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (user) form.resetFields();
  }, [user, form]);

  const onOk = async () => {
    if (!user) return;
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      await api.post(`/users/${user.id}/password`, { password: v.password });
      message.success(`已重置 ${user.displayName} 的密码`);
      onSaved();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={Boolean(user)}
      title={user ? `重置密码：${user.displayName}（${user.username}）` : "重置密码"}
      okText="重置"
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
    >
      <Alert
        type="warning"
        showIcon
        title="请将新密码当面告知本人，并提醒其登录后立即修改。"
        style={{ margin: "16px 0" }}
      />
      <Form name="userPassword" form={form} layout="vertical">
        <Form.Item
          name="password"
          label="新密码"
          rules={passwordRules}
          validateFirst
          extra="至少 8 位，包含字母和数字"
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
};

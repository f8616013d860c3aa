import { Alert, App, Button, Card, Form, Input } from "antd";
import { useState } from "react";
import { api } from "../lib/api";
import { useApiError } from "../lib/feedback";
import { passwordRules } from "../lib/validation";

interface PasswordForm {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export default function PasswordPage() {
  const [form] = Form.useForm<PasswordForm>();
  const { message } = App.useApp();
  const showError = useApiError();
  const [saving, setSaving] = useState(false);

  const onFinish = async (v: PasswordForm) => {
    setSaving(true);
    try {
      await api.post("/auth/password", { oldPassword: v.oldPassword, newPassword: v.newPassword });
      message.success("密码已修改");
      form.resetFields();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="修改密码" style={{ maxWidth: 520 }}>
      <Alert
        type="info"
        showIcon
        title="新密码至少 8 位，且须同时包含字母和数字。"
        style={{ marginBottom: 24 }}
      />
      <Form<PasswordForm> name="password" form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: "请输入原密码" }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label="新密码" rules={passwordRules} validateFirst hasFeedback>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={["newPassword"]}
          hasFeedback
          rules={[
            { required: true, message: "请再次输入新密码" },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue("newPassword") === value
                  ? Promise.resolve()
                  : Promise.reject(new Error("两次输入的密码不一致")),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存
        </Button>
      </Form>
    </Card>
  );
}

import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Col, Form, Input, Modal, Row, Select, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth, useRoleOptions } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import type { User } from "../lib/types";
import { passwordRules, phoneRules } from "../lib/validation";
import { AgencySelect } from "./AgencySelect";

interface CreateForm {
  username: string;
  displayName: string;
  phone?: string;
  password: string;
  memberships: { agencyId?: string; role?: string }[];
}

interface Props {
  open: boolean;
  defaultAgencyId: string | null;
  onClose: () => void;
  onSaved: (user: User) => void;
}

export const UserCreateModal = ({ open, defaultAgencyId, onClose, onSaved }: Props) => {
  const [form] = Form.useForm<CreateForm>();
  const { message } = App.useApp();
  const showError = useApiError();
  const { can } = useAuth();
  const agency = useAgency();
  const roleOptions = useRoleOptions();
  const [saving, setSaving] = useState(false);
  const manageable = agency.all.filter((a) => can("user.manage", a.id));

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the modal opens
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const first =
      defaultAgencyId && can("user.manage", defaultAgencyId) ? defaultAgencyId : manageable[0]?.id;
    form.setFieldsValue({ memberships: [{ agencyId: first, role: "officer" }] });
  }, [open]);

  const onOk = async () => {
    const v = await validValues(form);
    if (!v) return;
    setSaving(true);
    try {
      const user = await api.post<User>("/users", {
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        phone: v.phone?.trim() ?? "",
        password: v.password,
        memberships: v.memberships.map((m) => ({ agencyId: m.agencyId, role: m.role })),
      });
      message.success(`已创建用户 ${user.displayName}`);
      onSaved(user);
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="新建用户"
      width={680}
      okText="创建"
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
    >
      <Form<CreateForm> name="userCreate" form={form} layout="vertical" style={{ marginTop: 16 }}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="username"
              label="用户名"
              rules={[
                { required: true, message: "请输入用户名" },
                { pattern: /^[A-Za-z0-9_.-]{3,40}$/, message: "3–40 位字母、数字、下划线、点或连字符" },
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="displayName"
              label="姓名"
              rules={[{ required: true, whitespace: true, message: "请输入姓名" }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label="手机号码" rules={phoneRules}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="password"
              label="初始密码"
              rules={passwordRules}
              validateFirst
              extra="至少 8 位，包含字母和数字"
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>任职（机构与角色）</Typography.Text>
        <Form.List
          name="memberships"
          rules={[
            {
              validator: async (_, value: unknown[]) => {
                if (!value || value.length < 1) throw new Error("至少设置一个任职");
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" style={{ display: "flex" }}>
                  <Form.Item
                    name={[field.name, "agencyId"]}
                    rules={[{ required: true, message: "请选择机构" }]}
                    style={{ width: 340 }}
                  >
                    <AgencySelect agencies={manageable} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, "role"]}
                    rules={[{ required: true, message: "请选择角色" }]}
                    style={{ width: 200 }}
                  >
                    <Select options={roleOptions} placeholder="角色" />
                  </Form.Item>
                  {fields.length > 1 && (
                    <MinusCircleOutlined onClick={() => remove(field.name)} aria-label="删除任职" />
                  )}
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ agencyId: defaultAgencyId })}
              >
                添加任职
              </Button>
              <Form.ErrorList errors={errors} />
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
};

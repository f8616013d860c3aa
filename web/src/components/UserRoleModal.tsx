import { App, Form, Modal, Select } from "antd";
import { useEffect, useState } from "react";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth, useRoleOptions } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import type { User } from "../lib/types";
import { AgencySelect } from "./AgencySelect";

interface RoleForm {
  agencyId: string;
  role: string;
}

interface Props {
  user: User | null;
  defaultAgencyId: string | null;
  onClose: () => void;
  onSaved: () => void;
}

/** Grants a user one more role in an agency. */
export const UserRoleModal = ({ user, defaultAgencyId, onClose, onSaved }: Props) => {
  const [form] = Form.useForm<RoleForm>();
  const { message } = App.useApp();
  const showError = useApiError();
  const { can } = useAuth();
  const agency = useAgency();
  const roleOptions = useRoleOptions();
  const [saving, setSaving] = useState(false);
  const manageable = agency.all.filter((a) => can("user.manage", a.id));

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when another user is chosen
  useEffect(() => {
    if (!user) return;
    form.resetFields();
    const agencyId =
      defaultAgencyId && can("user.manage", defaultAgencyId)
        ? defaultAgencyId
        : user.memberships[0]?.agencyId;
    form.setFieldsValue({ agencyId });
  }, [user]);

  const onOk = async () => {
    if (!user) return;
    const v = await validValues(form);
    if (!v) return;
    if (user.memberships.some((m) => m.agencyId === v.agencyId && m.role === v.role)) {
      message.warning("该用户已在此机构担任该角色");
      return;
    }
    setSaving(true);
    try {
      await api.post(`/users/${user.id}/roles`, v);
      message.success("角色已添加");
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
      title={user ? `为 ${user.displayName} 添加角色` : "添加角色"}
      okText="添加"
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
    >
      <Form<RoleForm> name="userRole" form={form} layout="vertical" style={{ marginTop: 16 }}>
        <Form.Item name="agencyId" label="机构" rules={[{ required: true, message: "请选择机构" }]}>
          <AgencySelect agencies={manageable} />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: "请选择角色" }]}>
          <Select options={roleOptions} placeholder="选择角色" />
        </Form.Item>
      </Form>
    </Modal>
  );
};

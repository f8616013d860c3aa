import { DownOutlined, LockOutlined, PlusOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  Dropdown,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { AgencySelect } from "../components/AgencySelect";
import { UserCreateModal } from "../components/UserCreateModal";
import { UserEditModal } from "../components/UserEditModal";
import { UserPasswordModal } from "../components/UserPasswordModal";
import { UserRoleModal } from "../components/UserRoleModal";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth, useRoleOptions } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import type { User, UserMembership } from "../lib/types";
import { useServerList } from "../lib/useServerList";

const isLocked = (u: User) => Boolean(u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs()));

export default function UsersPage() {
  const { can, roleName, me } = useAuth();
  const agency = useAgency();
  const { modal, message } = App.useApp();
  const showError = useApiError();
  const roleOptions = useRoleOptions();

  // The agency filter follows the header switcher until the user picks another one here.
  const [agencyId, setAgencyId] = useState<string | undefined>(agency.currentId ?? undefined);
  const [seenCurrent, setSeenCurrent] = useState(agency.currentId);
  if (seenCurrent !== agency.currentId) {
    setSeenCurrent(agency.currentId);
    setAgencyId(agency.currentId ?? undefined);
  }
  const [role, setRole] = useState<string | undefined>();
  const list = useServerList<User>("/users", { agencyId, role });

  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [granting, setGranting] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);

  const canManage = (u: User) =>
    u.memberships.length ? u.memberships.some((m) => can("user.manage", m.agencyId)) : can("user.manage");

  const removeRole = (u: User, m: UserMembership) =>
    modal.confirm({
      title: "移除角色",
      content: `确定移除 ${u.displayName} 在「${m.agencyName}」的「${roleName(m.role)}」角色吗？`,
      okText: "移除",
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await api.del(`/users/${u.id}/roles/${m.agencyId}/${m.role}`);
          message.success("角色已移除");
          list.reload();
        } catch (err) {
          showError(err);
        }
      },
    });

  const unlock = async (u: User) => {
    try {
      await api.post(`/users/${u.id}/unlock`);
      message.success(`已解除 ${u.displayName} 的锁定`);
      list.reload();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<User> = [
    { title: "用户名", dataIndex: "username", key: "username", width: 140 },
    { title: "姓名", dataIndex: "displayName", key: "displayName", width: 120 },
    { title: "手机号码", dataIndex: "phone", key: "phone", width: 140, render: (v: string) => v || "—" },
    {
      title: "任职",
      key: "memberships",
      render: (_, u) => (
        <Space size={[0, 4]} wrap>
          {u.memberships.map((m) => (
            <Tag
              key={`${m.agencyId}:${m.role}`}
              color="blue"
              closable={can("user.manage", m.agencyId) && u.id !== me?.user.id}
              onClose={(e) => {
                e.preventDefault();
                removeRole(u, m);
              }}
            >
              {m.agencyName} · {roleName(m.role)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: "状态",
      key: "status",
      width: 120,
      render: (_, u) => (
        <Space size={4}>
          {u.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}
          {isLocked(u) && (
            <Tooltip title={`锁定至 ${dayjs(u.lockedUntil).format("YYYY-MM-DD HH:mm")}`}>
              <Tag color="red" icon={<LockOutlined />}>
                锁定
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: "操作",
      key: "actions",
      width: 200,
      render: (_, u) =>
        canManage(u) ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setEditing(u)}>
              编辑
            </Button>
            <Button type="link" size="small" onClick={() => setGranting(u)}>
              添加角色
            </Button>
            <Dropdown
              menu={{
                items: [
                  { key: "password", label: "重置密码" },
                  ...(isLocked(u) ? [{ key: "unlock", label: "解除锁定" }] : []),
                ],
                onClick: ({ key }) => (key === "password" ? setResetting(u) : void unlock(u)),
              }}
            >
              <Button type="link" size="small">
                更多 <DownOutlined />
              </Button>
            </Dropdown>
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  const done = (close: () => void) => () => {
    close();
    list.reload();
  };

  return (
    <Card
      title="人员管理"
      extra={
        can("user.manage") && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建用户
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <AgencySelect
          agencies={agency.all}
          value={agencyId}
          onChange={setAgencyId}
          allowClear
          placeholder="全部机构"
          style={{ width: 280 }}
        />
        <Select
          options={roleOptions}
          value={role}
          onChange={setRole}
          allowClear
          placeholder="全部角色"
          style={{ width: 180 }}
        />
        <Input.Search
          placeholder="搜索用户名、姓名、手机号"
          allowClear
          onSearch={list.setQ}
          style={{ width: 280 }}
        />
      </Space>
      <Table<User>
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={list.pagination}
        onChange={list.onChange}
        size="middle"
      />
      <UserCreateModal
        open={creating}
        defaultAgencyId={agencyId ?? agency.currentId}
        onClose={() => setCreating(false)}
        onSaved={done(() => setCreating(false))}
      />
      <UserEditModal user={editing} onClose={() => setEditing(null)} onSaved={done(() => setEditing(null))} />
      <UserRoleModal
        user={granting}
        defaultAgencyId={agencyId ?? agency.currentId}
        onClose={() => setGranting(null)}
        onSaved={done(() => setGranting(null))}
      />
      <UserPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onSaved={done(() => setResetting(null))}
      />
    </Card>
  );
}

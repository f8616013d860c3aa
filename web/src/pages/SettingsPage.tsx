import { HistoryOutlined, InfoCircleOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { SettingEditModal } from "../components/SettingEditModal";
import { SettingHistoryDrawer } from "../components/SettingHistoryDrawer";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import { formatSettingValue, settingSourceLabel } from "../lib/labels";
import type { Setting } from "../lib/types";

const sourceColor: Record<Setting["source"], string> = {
  default: "default",
  inherited: "blue",
  own: "green",
};

export default function SettingsPage() {
  const { can } = useAuth();
  const { current } = useAgency();
  const { message } = App.useApp();
  const showError = useApiError();
  const [settings, setSettings] = useState<Setting[]>([]);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState("");
  const [editing, setEditing] = useState<Setting | null>(null);
  const [restoring, setRestoring] = useState<Setting | null>(null);
  const [history, setHistory] = useState<{ open: boolean; setting: Setting | null }>({
    open: false,
    setting: null,
  });
  const [restoreForm] = Form.useForm<{ reason: string }>();
  const [restoreSaving, setRestoreSaving] = useState(false);

  const agencyId = current?.id ?? null;
  const canRead = agencyId ? can("settings.read", agencyId) : false;
  const canEdit = agencyId ? can("settings.manage", agencyId) : false;

  const load = useCallback(async () => {
    if (!agencyId || !canRead) {
      setSettings([]);
      return;
    }
    setLoading(true);
    try {
      setSettings(await api.get<Setting[]>(`/agencies/${agencyId}/settings`));
    } catch (err) {
      showError(err);
    } finally {
      setLoading(false);
    }
  }, [agencyId, canRead, showError]);

  useEffect(() => {
    void load();
  }, [load]);

  const visible = useMemo(() => {
    const needle = q.trim().toLowerCase();
    if (!needle) return settings;
    return settings.filter((s) =>
      [s.label, s.ruleId, s.key, s.description].some((t) => t?.toLowerCase().includes(needle)),
    );
  }, [settings, q]);

  const restore = async () => {
    if (!restoring || !agencyId) return;
    const v = await validValues(restoreForm);
    if (!v) return;
    setRestoreSaving(true);
    try {
      await api.del(`/agencies/${agencyId}/settings/${encodeURIComponent(restoring.key)}`, {
        reason: v.reason.trim(),
      });
      message.success(`「${restoring.label}」已恢复继承`);
      setRestoring(null);
      void load();
    } catch (err) {
      showError(err);
    } finally {
      setRestoreSaving(false);
    }
  };

  const columns: TableColumnsType<Setting> = [
    {
      title: "参数",
      dataIndex: "label",
      key: "label",
      render: (label: string, s) => (
        <Space size={4}>
          {label}
          {s.description && (
            <Tooltip title={s.description}>
              <InfoCircleOutlined style={{ color: "#999" }} />
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: "规则",
      dataIndex: "ruleId",
      key: "ruleId",
      width: 90,
      render: (id: string) => <Tag color="purple">{id}</Tag>,
    },
    {
      title: "当前值",
      key: "value",
      width: 180,
      render: (_, s) => <Typography.Text strong>{formatSettingValue(s, s.value)}</Typography.Text>,
    },
    {
      title: "来源",
      dataIndex: "source",
      key: "source",
      width: 240,
      render: (_, s) => <Tag color={sourceColor[s.source]}>{settingSourceLabel(s)}</Tag>,
    },
    {
      title: "操作",
      key: "actions",
      width: 220,
      render: (_, s) => (
        <Space size={0}>
          {canEdit && (
            <Button type="link" size="small" onClick={() => setEditing(s)}>
              修改
            </Button>
          )}
          {canEdit && s.source === "own" && (
            <Button
              type="link"
              size="small"
              onClick={() => {
                restoreForm.resetFields();
                setRestoring(s);
              }}
            >
              恢复继承
            </Button>
          )}
          <Button type="link" size="small" onClick={() => setHistory({ open: true, setting: s })}>
            历史
          </Button>
        </Space>
      ),
    },
  ];

  if (!current) return <Alert type="info" showIcon title="请先在页面顶部选择机构。" />;

  return (
    <Card
      title={`参数设置 · ${current.name}`}
      extra={
        <Space>
          <Input.Search
            placeholder="搜索参数名称或规则编号"
            allowClear
            onSearch={setQ}
            style={{ width: 240 }}
          />
          <Button
            icon={<HistoryOutlined />}
            onClick={() => setHistory({ open: true, setting: null })}
            disabled={!canRead}
          >
            变更历史
          </Button>
        </Space>
      }
    >
      {!canRead ? (
        <Alert type="warning" showIcon title="您无权查看当前机构的参数设置，请在页面顶部切换机构。" />
      ) : (
        <>
          {!canEdit && (
            <Alert
              type="info"
              showIcon
              title="您只能查看当前机构的参数，不能修改。"
              style={{ marginBottom: 16 }}
            />
          )}
          <Table<Setting>
            rowKey="key"
            columns={columns}
            dataSource={visible}
            loading={loading}
            pagination={false}
            size="middle"
          />
        </>
      )}
      <SettingEditModal
        agencyId={current.id}
        agencyName={current.name}
        setting={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void load();
        }}
      />
      <SettingHistoryDrawer
        open={history.open}
        agencyId={current.id}
        agencyName={current.name}
        setting={history.setting}
        settings={settings}
        onClose={() => setHistory({ open: false, setting: null })}
      />
      <Modal
        open={Boolean(restoring)}
        title={restoring ? `恢复继承：${restoring.label}` : "恢复继承"}
        okText="恢复继承"
        onOk={restore}
        onCancel={() => setRestoring(null)}
        confirmLoading={restoreSaving}
        forceRender
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          撤销本机关的设置后，将使用上级机关的设置或默认值。
        </Typography.Paragraph>
        <Form name="settingRestore" form={restoreForm} layout="vertical">
          <Form.Item
            name="reason"
            label="理由"
            rules={[{ required: true, whitespace: true, message: "请填写理由（将记入变更历史）" }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

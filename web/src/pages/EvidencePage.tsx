import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { AgencySelect } from "../components/AgencySelect";
import { EvidenceUploadModal, evidenceKindOptions } from "../components/EvidenceUploadModal";
import { useAgency } from "../lib/agency";
import { api, buildUrl } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import type { Paged, User } from "../lib/types";
import { useServerList } from "../lib/useServerList";

interface Evidence {
  id: string;
  agencyId: string;
  caseId: string | null;
  action: string | null;
  kind: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  capturedAt: string | null;
  deviceId: string | null;
  location: string;
  description: string;
  uploadedAt: string;
}

interface Device {
  id: string;
  agencyId: string;
  agencyName: string;
  serialNumber: string;
  model: string;
  status: string;
  holderId: string | null;
  holderName: string | null;
}

interface RecordingItem {
  action: string;
  label: string;
  level: "full" | "as_needed";
}

interface RecordingList {
  agencyId: string;
  definedBy: string | null;
  items: RecordingItem[];
  version: { id: string; changedAt: string; reason: string } | null;
}

const kindLabel = Object.fromEntries(evidenceKindOptions.map((o) => [o.value, o.label]));
const deviceStatusLabel: Record<string, string> = {
  in_service: "在用",
  maintenance: "维修",
  retired: "报废",
};
const levelLabel: Record<string, string> = { full: "全过程音像记录", as_needed: "根据需要音像记录" };

const formatSize = (n: number) =>
  n >= 1024 ** 3
    ? `${(n / 1024 ** 3).toFixed(2)} GB`
    : n >= 1024 ** 2
      ? `${(n / 1024 ** 2).toFixed(1)} MB`
      : n >= 1024
        ? `${(n / 1024).toFixed(1)} KB`
        : `${n} B`;

/** The agency filter follows the header switcher until the user picks another one here. */
const useAgencyFilter = () => {
  const agency = useAgency();
  const [agencyId, setAgencyId] = useState<string | undefined>(agency.currentId ?? undefined);
  const [seen, setSeen] = useState(agency.currentId);
  if (seen !== agency.currentId) {
    setSeen(agency.currentId);
    setAgencyId(agency.currentId ?? undefined);
  }
  return { agency, agencyId, setAgencyId };
};

const useRecordingList = (agencyId: string | undefined) => {
  const showError = useApiError();
  const [list, setList] = useState<RecordingList | null>(null);
  const reload = useCallback(() => {
    if (!agencyId) return setList(null);
    api.get<RecordingList>("/recording-list", { agencyId }).then(setList).catch(showError);
  }, [agencyId, showError]);
  useEffect(reload, [reload]);
  return { list, reload };
};

const EvidenceTab = () => {
  const { can } = useAuth();
  const { agency, agencyId, setAgencyId } = useAgencyFilter();
  const [kind, setKind] = useState<string | undefined>();
  const [caseId, setCaseId] = useState<string | undefined>();
  const list = useServerList<Evidence>("/evidence", { agencyId, kind, caseId }, { order: "desc" });
  const [uploading, setUploading] = useState(false);
  const { list: recording } = useRecordingList(agencyId);
  const devices = useServerList<Device>(agencyId ? "/devices" : null, { agencyId, status: "in_service" });

  const columns: TableColumnsType<Evidence> = [
    { title: "文件", dataIndex: "fileName", key: "fileName", ellipsis: true },
    { title: "类型", dataIndex: "kind", key: "kind", width: 90, render: (v: string) => kindLabel[v] ?? v },
    { title: "大小", dataIndex: "size", key: "size", width: 100, render: formatSize },
    {
      title: "案件 / 环节",
      key: "case",
      width: 220,
      render: (_, e) => (
        <Space direction="vertical" size={0}>
          <Typography.Text copyable={e.caseId ? { text: e.caseId } : false} style={{ fontSize: 12 }}>
            {e.caseId ? `${e.caseId.slice(0, 8)}…` : "—"}
          </Typography.Text>
          {e.action && <Tag>{recording?.items.find((i) => i.action === e.action)?.label ?? e.action}</Tag>}
        </Space>
      ),
    },
    {
      title: "地点",
      dataIndex: "location",
      key: "location",
      width: 160,
      ellipsis: true,
      render: (v) => v || "—",
    },
    {
      title: "上传时间",
      dataIndex: "uploadedAt",
      key: "uploadedAt",
      width: 160,
      render: (v: string) => dayjs(v).format("YYYY-MM-DD HH:mm"),
    },
    {
      title: "SHA-256",
      dataIndex: "sha256",
      key: "sha256",
      width: 120,
      render: (v: string) => <Typography.Text copyable={{ text: v }}>{v.slice(0, 10)}…</Typography.Text>,
    },
    {
      title: "操作",
      key: "actions",
      width: 130,
      render: (_, e) => (
        <Space size="small">
          {["photo", "audio", "video"].includes(e.kind) && (
            <a
              href={buildUrl(`/evidence/${e.id}/content`, { disposition: "inline" })}
              target="_blank"
              rel="noreferrer"
            >
              查看
            </a>
          )}
          <a href={buildUrl(`/evidence/${e.id}/content`)} download={e.fileName}>
            <DownloadOutlined /> 下载
          </a>
        </Space>
      ),
    },
  ];

  const validCase = caseId && /^[0-9a-f-]{36}$/i.test(caseId);
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <AgencySelect
          agencies={agency.all}
          value={agencyId}
          onChange={setAgencyId}
          allowClear
          placeholder="全部机构"
          style={{ width: 260 }}
        />
        <Select
          options={evidenceKindOptions}
          value={kind}
          onChange={setKind}
          allowClear
          placeholder="全部类型"
          style={{ width: 140 }}
        />
        <Input.Search
          placeholder="案件编号（UUID）"
          allowClear
          onSearch={(v) => setCaseId(/^[0-9a-f-]{36}$/i.test(v.trim()) ? v.trim() : undefined)}
          style={{ width: 320 }}
        />
        <Input.Search
          placeholder="搜索文件名、地点、说明"
          allowClear
          onSearch={list.setQ}
          style={{ width: 240 }}
        />
        {validCase && agencyId && (
          <Button
            icon={<DownloadOutlined />}
            href={buildUrl("/evidence/export", { agencyId, caseId })}
            title="记录条目、包含证明、签名检查点、公钥与证据文件"
          >
            导出本案记录（ZIP）
          </Button>
        )}
        {agencyId && can("evidence.write", agencyId) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setUploading(true)}>
            上传证据
          </Button>
        )}
      </Space>
      <Table<Evidence>
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={list.pagination}
        onChange={list.onChange}
        size="middle"
      />
      <EvidenceUploadModal
        open={uploading}
        agencyId={agencyId ?? null}
        actions={(recording?.items ?? []).map((i) => ({ value: i.action, label: i.label }))}
        devices={devices.items.map((d) => ({ value: d.id, label: `${d.serialNumber} ${d.model}` }))}
        onClose={() => setUploading(false)}
        onSaved={() => {
          setUploading(false);
          list.reload();
        }}
      />
    </>
  );
};

const DevicesTab = () => {
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const { agency, agencyId, setAgencyId } = useAgencyFilter();
  const list = useServerList<Device>("/devices", { agencyId });
  const [registering, setRegistering] = useState(false);
  const [assigning, setAssigning] = useState<Device | null>(null);
  const [officers, setOfficers] = useState<{ value: string; label: string }[]>([]);
  const [regForm] = Form.useForm<{ serialNumber: string; model?: string }>();
  const [assignForm] = Form.useForm<{ officerId: string; note?: string }>();

  useEffect(() => {
    if (!assigning) return;
    api
      .get<Paged<User>>("/users", { agencyId: assigning.agencyId, pageSize: 200 })
      .then((r) =>
        setOfficers(r.items.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))),
      )
      .catch(showError);
  }, [assigning, showError]);

  const register = async () => {
    const v = await validValues(regForm);
    if (!v) return;
    try {
      await api.post("/devices", { agencyId, ...v });
      message.success("记录仪已登记");
      regForm.resetFields();
      setRegistering(false);
      list.reload();
    } catch (err) {
      showError(err);
    }
  };
  const assign = async () => {
    const v = await validValues(assignForm);
    if (!v) return;
    try {
      await api.post(`/devices/${assigning?.id}/assign`, v);
      message.success("已领用");
      assignForm.resetFields();
      setAssigning(null);
      list.reload();
    } catch (err) {
      showError(err);
    }
  };
  const giveBack = async (d: Device) => {
    try {
      await api.post(`/devices/${d.id}/return`, {});
      message.success("已归还");
      list.reload();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<Device> = [
    { title: "序列号", dataIndex: "serialNumber", key: "serialNumber", width: 180 },
    { title: "型号", dataIndex: "model", key: "model", width: 140, render: (v) => v || "—" },
    { title: "所属机关", dataIndex: "agencyName", key: "agencyName" },
    {
      title: "状态",
      dataIndex: "status",
      key: "status",
      width: 90,
      render: (v: string) => (
        <Tag color={v === "in_service" ? "green" : undefined}>{deviceStatusLabel[v] ?? v}</Tag>
      ),
    },
    { title: "领用人", dataIndex: "holderName", key: "holderName", width: 140, render: (v) => v ?? "—" },
    {
      title: "操作",
      key: "actions",
      width: 140,
      render: (_, d) =>
        can("device.manage", d.agencyId) ? (
          d.holderId ? (
            <Button type="link" size="small" onClick={() => giveBack(d)}>
              归还
            </Button>
          ) : d.status === "in_service" ? (
            <Button type="link" size="small" onClick={() => setAssigning(d)}>
              领用
            </Button>
          ) : (
            "—"
          )
        ) : (
          "—"
        ),
    },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <AgencySelect
          agencies={agency.all}
          value={agencyId}
          onChange={setAgencyId}
          allowClear
          placeholder="全部机构"
          style={{ width: 260 }}
        />
        <Input.Search placeholder="搜索序列号、型号" allowClear onSearch={list.setQ} style={{ width: 240 }} />
        {agencyId && can("device.manage", agencyId) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
            登记记录仪
          </Button>
        )}
      </Space>
      <Table<Device>
        rowKey="id"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={list.pagination}
        onChange={list.onChange}
        size="middle"
      />
      <Modal title="登记执法记录仪" open={registering} onOk={register} onCancel={() => setRegistering(false)}>
        <Form name="deviceRegister" form={regForm} layout="vertical">
          <Form.Item name="serialNumber" label="序列号" rules={[{ required: true, message: "请填写序列号" }]}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="model" label="型号">
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={`领用记录仪 ${assigning?.serialNumber ?? ""}`}
        open={assigning !== null}
        onOk={assign}
        onCancel={() => setAssigning(null)}
      >
        <Form name="deviceAssign" form={assignForm} layout="vertical">
          <Form.Item name="officerId" label="领用人" rules={[{ required: true, message: "请选择领用人" }]}>
            <Select options={officers} showSearch={{ optionFilterProp: "label" }} />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
};

const RecordingListTab = () => {
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const { agency, agencyId, setAgencyId } = useAgencyFilter();
  const { list, reload } = useRecordingList(agencyId);
  const [draft, setDraft] = useState<RecordingItem[] | null>(null);
  const [reason, setReason] = useState("");

  const save = async (body: { inherit?: boolean; items?: RecordingItem[] }) => {
    try {
      await api.put(`/recording-list?agencyId=${agencyId}`, { ...body, reason });
      message.success("清单已保存（原清单留存为历史版本）");
      setDraft(null);
      setReason("");
      reload();
    } catch (err) {
      showError(err);
    }
  };
  const editable = agencyId && can("device.manage", agencyId);
  const rows = draft ?? list?.items ?? [];
  const set = (i: number, patch: Partial<RecordingItem>) =>
    setDraft((d) => (d ?? []).map((x, j) => (j === i ? { ...x, ...patch } : x)));

  const columns: TableColumnsType<RecordingItem> = [
    {
      title: "事项代码",
      dataIndex: "action",
      key: "action",
      width: 220,
      render: (v: string, _, i) =>
        draft ? <Input value={v} onChange={(e) => set(i, { action: e.target.value })} /> : v,
    },
    {
      title: "执法环节",
      dataIndex: "label",
      key: "label",
      render: (v: string, _, i) =>
        draft ? <Input value={v} onChange={(e) => set(i, { label: e.target.value })} /> : v,
    },
    {
      title: "要求",
      dataIndex: "level",
      key: "level",
      width: 200,
      render: (v: string, _, i) =>
        draft ? (
          <Select
            value={v}
            style={{ width: 180 }}
            options={Object.entries(levelLabel).map(([value, label]) => ({ value, label }))}
            onChange={(level: string) => set(i, { level: level as RecordingItem["level"] })}
          />
        ) : (
          <Tag color={v === "full" ? "red" : "blue"}>{levelLabel[v]}</Tag>
        ),
    },
    ...(draft
      ? [
          {
            title: "",
            key: "remove",
            width: 70,
            render: (_: unknown, __: RecordingItem, i: number) => (
              <Button
                type="link"
                danger
                size="small"
                onClick={() => setDraft((d) => (d ?? []).filter((_, j) => j !== i))}
              >
                删除
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <AgencySelect agencies={agency.all} value={agencyId} onChange={setAgencyId} style={{ width: 260 }} />
        {list && (
          <Typography.Text type="secondary">
            {list.definedBy === null
              ? "沿用规则 L5 的默认清单"
              : list.definedBy === agencyId
                ? `本机关自定义（${dayjs(list.version?.changedAt).format("YYYY-MM-DD")}：${list.version?.reason}）`
                : `沿用 ${agency.nameOf(list.definedBy)} 的清单`}
          </Typography.Text>
        )}
        {editable && !draft && (
          <Button type="primary" onClick={() => setDraft(list?.items ?? [])}>
            修改本机关清单
          </Button>
        )}
      </Space>
      <Table<RecordingItem>
        rowKey={(r) => r.action}
        columns={columns}
        dataSource={rows}
        pagination={false}
        size="middle"
      />
      {draft && (
        <Space direction="vertical" style={{ marginTop: 16, width: "100%" }}>
          <Button
            icon={<PlusOutlined />}
            onClick={() => setDraft((d) => [...(d ?? []), { action: "", label: "", level: "as_needed" }])}
          >
            添加事项
          </Button>
          <Input.TextArea
            placeholder="修改理由（必填，留存于全过程记录）"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            rows={2}
          />
          <Space>
            <Button type="primary" disabled={!reason.trim()} onClick={() => save({ items: draft })}>
              保存为新版本
            </Button>
            {list?.definedBy === agencyId && (
              <Button disabled={!reason.trim()} onClick={() => save({ inherit: true })}>
                放弃自定义，沿用上级
              </Button>
            )}
            <Button onClick={() => setDraft(null)}>取消</Button>
          </Space>
        </Space>
      )}
    </>
  );
};

export default function EvidencePage() {
  return (
    <Card title="证据与记录仪">
      <Tabs
        items={[
          { key: "evidence", label: "证据", children: <EvidenceTab /> },
          { key: "devices", label: "执法记录仪", children: <DevicesTab /> },
          { key: "recording", label: "音像记录清单", children: <RecordingListTab /> },
        ]}
      />
    </Card>
  );
}

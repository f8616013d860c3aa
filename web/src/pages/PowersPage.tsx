import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { AgencySelect } from "../components/AgencySelect";
import { ArticlePicker } from "../components/ArticlePicker";
import {
  ArticleList,
  CatalogueActions,
  CodeField,
  FlaggedName,
  PublishedFilter,
  publishedTag,
  ReviewFlagNotes,
  TargetAgencyNote,
  useCatalogueEntry,
  useTargetAgency,
  VersionHistory,
} from "../components/CatalogueParts";
import { ViolationsTab } from "../components/ViolationsTab";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import {
  type ArticleRef,
  datePattern,
  options,
  powerFieldOptions,
  powerKindLabels,
  powerStatusLabels,
  type ReviewFlag,
} from "../lib/powers";
import { useServerList } from "../lib/useServerList";

interface PowerItem {
  id: string;
  agencyId: string;
  agencyName: string;
  code: string;
  name: string;
  kind: string;
  field: string;
  basisArticleIds: string[];
  basisText: string;
  transferredFrom: string;
  status: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  published: boolean;
  openFlags: number;
  version: number;
}
type PowerDetail = PowerItem & {
  basis: ArticleRef[];
  versions: { version: number; snapshot: Record<string, unknown>; changedAt: string }[];
  flags: ReviewFlag[];
};

const kindOptions = options(powerKindLabels);
const statusOptions = options(powerStatusLabels);
const fieldOptions = powerFieldOptions.map((f) => ({ value: f, label: f }));

export const ReviewFlagsTable = ({ kind }: { kind?: "power_item" | "benchmark" | "violation" }) => {
  const { can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const [cleared, setCleared] = useState(false);
  const list = useServerList<ReviewFlag>(
    "/powers/needs-review",
    { cleared, targetKind: kind },
    { order: "desc" },
  );
  const [clearing, setClearing] = useState<ReviewFlag | null>(null);
  const [form] = Form.useForm();
  const columns: TableColumnsType<ReviewFlag> = [
    {
      title: "对象",
      dataIndex: "targetLabel",
      key: "t",
      render: (v: string, f) => (
        <Space>
          {f.targetKind === "benchmark" ? (
            <Tag color="purple">裁量基准</Tag>
          ) : f.targetKind === "violation" ? (
            <Tag color="magenta">违法行为</Tag>
          ) : (
            <Tag color="blue">权责事项</Tag>
          )}
          {v}
        </Space>
      ),
    },
    { title: "实施机关", dataIndex: "agencyName", key: "a", width: 220 },
    {
      title: "变更条款",
      key: "c",
      width: 300,
      render: (_, f) => `《${f.lawTitle}》${f.articleNumber}（第 ${f.articleVersion} 版）`,
    },
    {
      title: "标记时间",
      dataIndex: "createdAt",
      key: "d",
      width: 170,
      render: (v: string) => new Date(v).toLocaleString("zh-CN"),
    },
    cleared
      ? { title: "复核意见", dataIndex: "clearNote", key: "n" }
      : {
          title: "操作",
          key: "op",
          width: 100,
          render: (_, f) =>
            can("power.manage", f.agencyId) ? (
              <Button type="link" size="small" onClick={() => setClearing(f)}>
                完成复核
              </Button>
            ) : null,
        },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select
          value={cleared}
          onChange={setCleared}
          options={[
            { value: false, label: "待复核" },
            { value: true, label: "已复核" },
          ]}
          style={{ width: 120 }}
        />
      </Space>
      <Table<ReviewFlag>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={list.pagination}
        onChange={list.onChange}
      />
      <Modal
        open={clearing !== null}
        title={`完成复核：${clearing?.targetLabel ?? ""}`}
        okText="确认"
        onCancel={() => setClearing(null)}
        onOk={async () => {
          const v = await form.validateFields();
          try {
            await api.post(`/review-flags/${clearing!.id}/clear`, { note: v.note });
            message.success("已完成复核");
            setClearing(null);
            form.resetFields();
            list.reload();
          } catch (e) {
            showError(e);
          }
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="note"
            label="复核意见"
            rules={[{ required: true, min: 2, message: "请填写复核意见" }]}
          >
            <Input.TextArea rows={3} maxLength={1000} placeholder="如：已对照新条文核对，事项无需调整" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
};

export default function PowersPage() {
  const { can } = useAuth();
  const agency = useAgency();
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const list = useServerList<PowerItem>("/powers", filters, { sort: "code", order: "asc" });
  const {
    openId,
    setOpenId,
    detail,
    editing,
    setEditing,
    save: saveEntry,
  } = useCatalogueEntry<PowerDetail>("/powers");
  const [form] = Form.useForm();
  const { manageable, targetAgency } = useTargetAgency(filters.agencyId);

  const set = (k: string) => (v: string | undefined) => setFilters((f) => ({ ...f, [k]: v }));

  const openEdit = (d: PowerDetail | "new") => {
    form.resetFields();
    if (d !== "new")
      form.setFieldsValue({ ...d, effectiveFrom: d.effectiveFrom ?? "", effectiveTo: d.effectiveTo ?? "" });
    else form.setFieldsValue({ status: "active", published: false, basisArticleIds: [] });
    setEditing(d);
  };

  const save = async () => {
    const v = await form.validateFields();
    const body = {
      code: v.code,
      name: v.name,
      kind: v.kind,
      field: v.field,
      basisArticleIds: v.basisArticleIds ?? [],
      basisText: v.basisText ?? "",
      transferredFrom: v.transferredFrom ?? "",
      status: v.status,
      effectiveFrom: v.effectiveFrom || null,
      effectiveTo: v.effectiveTo || null,
      published: Boolean(v.published),
    };
    await saveEntry(body, targetAgency, list.reload);
  };

  const columns: TableColumnsType<PowerItem> = [
    {
      title: "编码",
      dataIndex: "code",
      key: "code",
      width: 120,
      sorter: true,
      sortOrder: list.sortOrder("code"),
    },
    {
      title: "事项名称",
      dataIndex: "name",
      key: "name",
      sorter: true,
      sortOrder: list.sortOrder("name"),
      render: (n: string, i) => (
        <FlaggedName name={n} openFlags={i.openFlags} onOpen={() => setOpenId(i.id)} />
      ),
    },
    {
      title: "类别",
      dataIndex: "kind",
      key: "kind",
      width: 100,
      render: (k: string) => <Tag>{powerKindLabels[k] ?? k}</Tag>,
    },
    { title: "领域", dataIndex: "field", key: "field", width: 120 },
    { title: "实施机关", dataIndex: "agencyName", key: "agencyName", width: 200 },
    {
      title: "划转来源",
      dataIndex: "transferredFrom",
      key: "transferredFrom",
      width: 160,
      render: (v: string) => v || "—",
    },
    {
      title: "状态",
      dataIndex: "status",
      key: "status",
      width: 70,
      render: (s: string) => powerStatusLabels[s] ?? s,
    },
    {
      title: "公开",
      dataIndex: "published",
      key: "published",
      width: 70,
      render: publishedTag,
    },
  ];

  return (
    <Card title="权责清单">
      <Tabs
        items={[
          {
            key: "items",
            label: "权责事项",
            children: (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <AgencySelect
                    agencies={agency.all}
                    allowClear
                    placeholder="实施机关"
                    style={{ width: 220 }}
                    value={filters.agencyId}
                    onChange={set("agencyId")}
                  />
                  <Select
                    allowClear
                    placeholder="事项类别"
                    style={{ width: 130 }}
                    options={kindOptions}
                    value={filters.kind}
                    onChange={set("kind")}
                  />
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: "label" }}
                    placeholder="执法领域"
                    style={{ width: 150 }}
                    options={fieldOptions}
                    value={filters.field}
                    onChange={set("field")}
                  />
                  <Select
                    allowClear
                    placeholder="状态"
                    style={{ width: 100 }}
                    options={statusOptions}
                    value={filters.status}
                    onChange={set("status")}
                  />
                  <PublishedFilter value={filters.published} onChange={set("published")} />
                  <Input.Search
                    placeholder="搜索编码、名称、依据"
                    allowClear
                    onSearch={list.setQ}
                    style={{ width: 240 }}
                  />
                  <CatalogueActions
                    path="/powers"
                    fileName="权责清单.xlsx"
                    query={{ ...filters, q: list.state.q }}
                    manageable={manageable.length > 0}
                    targetAgency={targetAgency}
                    onChanged={list.reload}
                    onAdd={() => openEdit("new")}
                    addLabel="新增事项"
                  />
                </Space>
                {manageable.length > 0 && targetAgency && (
                  <TargetAgencyNote
                    targetAgency={targetAgency}
                    what="事项"
                    rule="（导入文件按“事项编码”匹配，任一行有错则全部不导入）"
                  />
                )}
                <Table<PowerItem>
                  rowKey="id"
                  size="middle"
                  columns={columns}
                  dataSource={list.items}
                  loading={list.loading}
                  pagination={list.pagination}
                  onChange={list.onChange}
                />
              </>
            ),
          },
          { key: "violations", label: "违法行为", children: <ViolationsTab /> },
          { key: "review", label: "待复核（法律变更）", children: <ReviewFlagsTable /> },
        ]}
      />
      <Drawer
        open={openId !== null}
        onClose={() => setOpenId(null)}
        size="large"
        title={detail ? `${detail.code} ${detail.name}` : "权责事项"}
        extra={
          detail && can("power.manage", detail.agencyId) ? (
            <Button type="primary" onClick={() => openEdit(detail)}>
              修改
            </Button>
          ) : null
        }
      >
        {detail && (
          <>
            <Descriptions column={2} size="small" bordered>
              <Descriptions.Item label="类别">
                {powerKindLabels[detail.kind] ?? detail.kind}
              </Descriptions.Item>
              <Descriptions.Item label="执法领域">{detail.field}</Descriptions.Item>
              <Descriptions.Item label="实施机关">{detail.agencyName}</Descriptions.Item>
              <Descriptions.Item label="划转来源部门">{detail.transferredFrom || "—"}</Descriptions.Item>
              <Descriptions.Item label="状态">
                {powerStatusLabels[detail.status] ?? detail.status}
              </Descriptions.Item>
              <Descriptions.Item label="是否公开">{detail.published ? "是" : "否"}</Descriptions.Item>
              <Descriptions.Item label="生效日期">{detail.effectiveFrom ?? "—"}</Descriptions.Item>
              <Descriptions.Item label="失效日期">{detail.effectiveTo ?? "—"}</Descriptions.Item>
              <Descriptions.Item label="依据说明" span={2}>
                {detail.basisText || "—"}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              法律依据
            </Typography.Title>
            <ArticleList rows={detail.basis} empty="未关联条款" />
            <ReviewFlagNotes flags={detail.flags} withNote />
            <VersionHistory
              versions={detail.versions}
              summary={(s) =>
                `${String(s.name)} · ${powerStatusLabels[String(s.status)] ?? ""} · ${s.published ? "已公开" : "未公开"}`
              }
            />
          </>
        )}
      </Drawer>
      <Modal
        open={editing !== null}
        title={editing === "new" ? "新增权责事项" : "修改权责事项（将生成新版本）"}
        onOk={save}
        onCancel={() => setEditing(null)}
        okText="保存"
        width={720}
      >
        <Form form={form} layout="vertical">
          <Space style={{ width: "100%" }} align="start">
            <CodeField label="事项编码" />
            <Form.Item name="kind" label="类别" rules={[{ required: true, message: "请选择类别" }]}>
              <Select options={kindOptions} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="field" label="执法领域" rules={[{ required: true, message: "请选择领域" }]}>
              <Select
                options={fieldOptions}
                style={{ width: 170 }}
                showSearch={{ optionFilterProp: "label" }}
              />
            </Form.Item>
            <Form.Item name="status" label="状态" rules={[{ required: true }]}>
              <Select options={statusOptions} style={{ width: 100 }} />
            </Form.Item>
          </Space>
          <Form.Item
            name="name"
            label="事项名称"
            rules={[{ required: true, min: 2, message: "请填写事项名称" }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="basisArticleIds" label="法律依据（条款）">
            <ArticlePicker
              initial={
                editing && editing !== "new"
                  ? editing.basis.map((a) => ({ id: a.id, label: `《${a.lawTitle}》${a.number}` }))
                  : []
              }
            />
          </Form.Item>
          <Form.Item name="basisText" label="依据说明">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Space align="start">
            <Form.Item name="transferredFrom" label="划转来源部门">
              <Input maxLength={100} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="effectiveFrom" label="生效日期" rules={[datePattern]}>
              <Input placeholder="YYYY-MM-DD" style={{ width: 130 }} />
            </Form.Item>
            <Form.Item
              name="effectiveTo"
              label="失效日期"
              dependencies={["effectiveFrom"]}
              rules={[
                datePattern,
                ({ getFieldValue }) => ({
                  validator: (_, v: string) =>
                    !v || !getFieldValue("effectiveFrom") || v >= getFieldValue("effectiveFrom")
                      ? Promise.resolve()
                      : Promise.reject(new Error("失效日期不能早于生效日期")),
                }),
              ]}
            >
              <Input placeholder="YYYY-MM-DD" style={{ width: 130 }} />
            </Form.Item>
            <Form.Item name="published" label="公开" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}

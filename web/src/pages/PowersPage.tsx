import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  type TableColumnsType,
  Tabs,
  Tag,
} from "antd";
import { useState } from "react";
import { CatalogueDrawer } from "../components/CatalogueDrawer";
import { CatalogueForm } from "../components/CatalogueForm";
import { CatalogueList } from "../components/CatalogueList";
import { ListTable } from "../components/ListTable";
import { useCatalogue } from "../components/useCatalogue";
import { ViolationsTab } from "../components/ViolationsTab";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import { validValues } from "../lib/form";
import {
  type ArticleRef,
  type CatalogueDetail,
  type CatalogueItem,
  datePattern,
  options,
  powerKindLabels,
  powerStatusLabels,
  type ReviewFlag,
} from "../lib/powers";
import { useServerList } from "../lib/useServerList";

interface PowerItem extends CatalogueItem {
  kind: string;
  basisArticleIds: string[];
  basisText: string;
  transferredFrom: string;
  status: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
}
type PowerDetail = CatalogueDetail<PowerItem> & { basis: ArticleRef[] };

const texts = {
  item: "事项",
  entry: "权责事项",
  fileName: "权责清单.xlsx",
  rule: "（导入文件按“事项编码”匹配，任一行有错则全部不导入）",
  search: { placeholder: "搜索编码、名称、依据", width: 240 },
};
const kindOptions = options(powerKindLabels);
const statusOptions = options(powerStatusLabels);

/** The request body of the form's values. */
const toBody = (v: Record<string, unknown>) => ({
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
});

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
      <ListTable list={list} columns={columns} />
      <Modal
        open={clearing !== null}
        title={`完成复核：${clearing?.targetLabel ?? ""}`}
        okText="确认"
        onCancel={() => setClearing(null)}
        onOk={async () => {
          const v = await validValues(form);
          if (!v) return;
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
        <Form name="reviewFlagClear" form={form} layout="vertical">
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
  const c = useCatalogue<PowerItem, PowerDetail>("/powers", texts, { sort: "code", order: "asc" });
  const { form, entry, list, filters, set } = c;

  const openEdit = (d: PowerDetail | "new") => {
    form.resetFields();
    if (d !== "new")
      form.setFieldsValue({ ...d, effectiveFrom: d.effectiveFrom ?? "", effectiveTo: d.effectiveTo ?? "" });
    else form.setFieldsValue({ status: "active", published: false, basisArticleIds: [] });
    entry.setEditing(d);
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
    { ...c.columns.name("事项名称"), sorter: true, sortOrder: list.sortOrder("name") },
    {
      title: "类别",
      dataIndex: "kind",
      key: "kind",
      width: 100,
      render: (k: string) => <Tag>{powerKindLabels[k] ?? k}</Tag>,
    },
    c.columns.field,
    c.columns.agency,
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
    c.columns.published(70),
  ];

  return (
    <Card title="权责清单">
      <Tabs
        items={[
          {
            key: "items",
            label: "权责事项",
            children: (
              <CatalogueList catalogue={c} columns={columns} onAdd={() => openEdit("new")}>
                <Select
                  allowClear
                  placeholder="事项类别"
                  style={{ width: 130 }}
                  options={kindOptions}
                  value={filters.kind}
                  onChange={set("kind")}
                />
                <CatalogueList.FieldFilter value={filters.field} onChange={set("field")} />
                <Select
                  allowClear
                  placeholder="状态"
                  style={{ width: 100 }}
                  options={statusOptions}
                  value={filters.status}
                  onChange={set("status")}
                />
              </CatalogueList>
            ),
          },
          { key: "violations", label: "违法行为", children: <ViolationsTab /> },
          { key: "review", label: "待复核（法律变更）", children: <ReviewFlagsTable /> },
        ]}
      />
      <CatalogueDrawer
        catalogue={c}
        onEdit={openEdit}
        articles={(d) => [{ title: "法律依据", rows: d.basis }]}
        withNote
        summary={(s) =>
          `${String(s.name)} · ${powerStatusLabels[String(s.status)] ?? ""} · ${s.published ? "已公开" : "未公开"}`
        }
      >
        {(detail) => (
          <>
            <Descriptions.Item label="类别">{powerKindLabels[detail.kind] ?? detail.kind}</Descriptions.Item>
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
          </>
        )}
      </CatalogueDrawer>
      <CatalogueForm
        name="powerItem"
        catalogue={c}
        head={
          <>
            <Form.Item name="kind" label="类别" rules={[{ required: true, message: "请选择类别" }]}>
              <Select options={kindOptions} style={{ width: 140 }} />
            </Form.Item>
            <CatalogueForm.Field />
            <Form.Item name="status" label="状态" rules={[{ required: true }]}>
              <Select options={statusOptions} style={{ width: 100 }} />
            </Form.Item>
          </>
        }
        toBody={toBody}
      >
        <CatalogueForm.Name label="事项名称" message="请填写事项名称" maxLength={200} />
        <CatalogueForm.Articles
          name="basisArticleIds"
          label="法律依据（条款）"
          cited={entry.editing && entry.editing !== "new" ? entry.editing.basis : []}
        />
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
          <CatalogueForm.Published />
        </Space>
      </CatalogueForm>
    </Card>
  );
}

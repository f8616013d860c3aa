import {
  Button,
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
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import { type ArticleRef, powerFieldOptions, type ReviewFlag } from "../lib/powers";
import { useServerList } from "../lib/useServerList";
import { AgencySelect } from "./AgencySelect";
import { ArticlePicker } from "./ArticlePicker";
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
} from "./CatalogueParts";

interface Violation {
  id: string;
  agencyId: string;
  agencyName: string;
  code: string;
  name: string;
  field: string;
  powerItemId: string | null;
  powerItemCode: string | null;
  powerItemName: string | null;
  violatedArticleIds: string[];
  penaltyArticleIds: string[];
  published: boolean;
  openFlags: number;
  benchmarks: number;
  version: number;
}
type ViolationDetail = Violation & {
  violatedArticles: ArticleRef[];
  penaltyArticles: ArticleRef[];
  versions: { version: number; snapshot: Record<string, unknown>; changedAt: string }[];
  flags: ReviewFlag[];
};

const fieldOptions = powerFieldOptions.map((f) => ({ value: f, label: f }));
const citeLabel = (a: ArticleRef) => ({ id: a.id, label: `《${a.lawTitle}》${a.number}` });

/** 违法行为 (C03): list with search, filters and paging; detail with provisions and versions; edit; Excel. */
export const ViolationsTab = () => {
  const { can } = useAuth();
  const agency = useAgency();
  const showError = useApiError();
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const list = useServerList<Violation>("/violations", filters, { order: "asc" });
  const [marks, setMarks] = useState<{ id: string; code: string; published: boolean }[]>([]);
  const {
    openId,
    setOpenId,
    detail,
    editing,
    setEditing,
    save: saveEntry,
  } = useCatalogueEntry<ViolationDetail>("/violations", async (id) => {
    const b = await api.get<{ items: { id: string; code: string; published: boolean }[] }>("/benchmarks", {
      violationId: id,
      pageSize: 200,
    });
    setMarks(b.items);
  });
  const [powerOptions, setPowerOptions] = useState<{ value: string; label: string }[]>([]);
  const [form] = Form.useForm();
  const { manageable, targetAgency } = useTargetAgency(filters.agencyId);

  const set = (k: string) => (v: string | undefined) => setFilters((f) => ({ ...f, [k]: v }));

  const openEdit = async (d: ViolationDetail | "new") => {
    form.resetFields();
    if (d !== "new") form.setFieldsValue(d);
    else form.setFieldsValue({ published: false, violatedArticleIds: [], penaltyArticleIds: [] });
    setEditing(d);
    try {
      const items = await api.get<{ items: { id: string; code: string; name: string }[] }>("/powers", {
        pageSize: 200,
        kind: "penalty",
      });
      setPowerOptions(items.items.map((i) => ({ value: i.id, label: `${i.code} ${i.name}` })));
    } catch (e) {
      showError(e);
    }
  };

  const save = async () => {
    const v = await form.validateFields();
    const body = {
      code: v.code,
      name: v.name,
      field: v.field,
      powerItemId: v.powerItemId ?? null,
      violatedArticleIds: v.violatedArticleIds ?? [],
      penaltyArticleIds: v.penaltyArticleIds ?? [],
      published: Boolean(v.published),
    };
    await saveEntry(body, targetAgency, list.reload);
  };

  const columns: TableColumnsType<Violation> = [
    { title: "编码", dataIndex: "code", key: "code", width: 120 },
    {
      title: "违法行为",
      dataIndex: "name",
      key: "name",
      render: (n: string, i) => (
        <FlaggedName name={n} openFlags={i.openFlags} onOpen={() => setOpenId(i.id)} />
      ),
    },
    { title: "领域", dataIndex: "field", key: "field", width: 120 },
    {
      title: "权责事项",
      key: "power",
      width: 220,
      render: (_, v) => (v.powerItemCode ? `${v.powerItemCode} ${v.powerItemName ?? ""}` : "—"),
    },
    { title: "裁量基准", dataIndex: "benchmarks", key: "benchmarks", width: 90 },
    { title: "实施机关", dataIndex: "agencyName", key: "agencyName", width: 200 },
    {
      title: "公开",
      dataIndex: "published",
      key: "published",
      width: 80,
      render: publishedTag,
    },
  ];

  return (
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
          showSearch={{ optionFilterProp: "label" }}
          placeholder="执法领域"
          style={{ width: 150 }}
          options={fieldOptions}
          value={filters.field}
          onChange={set("field")}
        />
        <PublishedFilter value={filters.published} onChange={set("published")} />
        <Input.Search placeholder="搜索编码、名称" allowClear onSearch={list.setQ} style={{ width: 220 }} />
        <CatalogueActions
          path="/violations"
          fileName="违法行为.xlsx"
          query={{ ...filters, q: list.state.q }}
          manageable={manageable.length > 0}
          targetAgency={targetAgency}
          onChanged={list.reload}
          onAdd={() => void openEdit("new")}
          addLabel="新增违法行为"
        />
      </Space>
      {manageable.length > 0 && targetAgency && (
        <TargetAgencyNote
          targetAgency={targetAgency}
          what="违法行为"
          rule="（导入按“违法行为编码”匹配，任一行有错则全部不导入）"
        />
      )}
      <Table<Violation>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.items}
        loading={list.loading}
        pagination={list.pagination}
        onChange={list.onChange}
      />
      <Drawer
        open={openId !== null}
        onClose={() => setOpenId(null)}
        size="large"
        title={detail ? `${detail.code} ${detail.name}` : "违法行为"}
        extra={
          detail && can("power.manage", detail.agencyId) ? (
            <Button type="primary" onClick={() => void openEdit(detail)}>
              修改
            </Button>
          ) : null
        }
      >
        {detail && (
          <>
            <Descriptions column={2} size="small" bordered>
              <Descriptions.Item label="执法领域">{detail.field}</Descriptions.Item>
              <Descriptions.Item label="实施机关">{detail.agencyName}</Descriptions.Item>
              <Descriptions.Item label="权责事项" span={2}>
                {detail.powerItemCode ? `${detail.powerItemCode} ${detail.powerItemName ?? ""}` : "—"}
              </Descriptions.Item>
              <Descriptions.Item label="裁量基准">
                {marks.length ? marks.map((m) => <Tag key={m.id}>{m.code}</Tag>) : "—"}
              </Descriptions.Item>
              <Descriptions.Item label="是否公开">{detail.published ? "是" : "否"}</Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              违反条款
            </Typography.Title>
            <ArticleList rows={detail.violatedArticles} empty="未关联条款" />
            <Typography.Title level={5}>处罚依据</Typography.Title>
            <ArticleList rows={detail.penaltyArticles} empty="未关联条款" />
            <ReviewFlagNotes flags={detail.flags} />
            <VersionHistory
              versions={detail.versions}
              summary={(s) => `${String(s.name)} · ${s.published ? "已公开" : "未公开"}`}
            />
          </>
        )}
      </Drawer>
      <Modal
        open={editing !== null}
        title={editing === "new" ? "新增违法行为" : "修改违法行为（将生成新版本）"}
        onOk={save}
        onCancel={() => setEditing(null)}
        okText="保存"
        width={720}
      >
        <Form form={form} layout="vertical">
          <Space style={{ width: "100%" }} align="start">
            <CodeField label="违法行为编码" />
            <Form.Item name="field" label="执法领域" rules={[{ required: true, message: "请选择领域" }]}>
              <Select
                options={fieldOptions}
                style={{ width: 170 }}
                showSearch={{ optionFilterProp: "label" }}
              />
            </Form.Item>
            <Form.Item name="published" label="公开" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item
            name="name"
            label="违法行为名称"
            rules={[{ required: true, min: 2, message: "请填写名称" }]}
          >
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="powerItemId" label="权责事项">
            <Select allowClear showSearch={{ optionFilterProp: "label" }} options={powerOptions} />
          </Form.Item>
          <Form.Item name="violatedArticleIds" label="违反条款">
            <ArticlePicker
              initial={editing && editing !== "new" ? editing.violatedArticles.map(citeLabel) : []}
            />
          </Form.Item>
          <Form.Item name="penaltyArticleIds" label="处罚依据">
            <ArticlePicker
              initial={editing && editing !== "new" ? editing.penaltyArticles.map(citeLabel) : []}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
};

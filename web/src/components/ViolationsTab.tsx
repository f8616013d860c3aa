import { Descriptions, Form, Select, type TableColumnsType, Tag } from "antd";
import { useState } from "react";
import { api } from "../lib/api";
import { useApiError } from "../lib/feedback";
import type { ArticleRef, CatalogueDetail, CatalogueItem } from "../lib/powers";
import { CatalogueDrawer } from "./CatalogueDrawer";
import { CatalogueForm } from "./CatalogueForm";
import { CatalogueList } from "./CatalogueList";
import { useCatalogue } from "./useCatalogue";

interface Violation extends CatalogueItem {
  powerItemId: string | null;
  powerItemCode: string | null;
  powerItemName: string | null;
  violatedArticleIds: string[];
  penaltyArticleIds: string[];
  benchmarks: number;
}
type ViolationDetail = CatalogueDetail<Violation> & {
  violatedArticles: ArticleRef[];
  penaltyArticles: ArticleRef[];
};

const texts = {
  item: "违法行为",
  fileName: "违法行为.xlsx",
  rule: "（导入按“违法行为编码”匹配，任一行有错则全部不导入）",
  search: { placeholder: "搜索编码、名称", width: 220 },
};

/** The request body of the form's values. */
const toBody = (v: Record<string, unknown>) => ({
  code: v.code,
  name: v.name,
  field: v.field,
  powerItemId: v.powerItemId ?? null,
  violatedArticleIds: v.violatedArticleIds ?? [],
  penaltyArticleIds: v.penaltyArticleIds ?? [],
  published: Boolean(v.published),
});

/** 违法行为 (C03): list with search, filters and paging; detail with provisions and versions; edit; Excel. */
export const ViolationsTab = () => {
  const showError = useApiError();
  const [marks, setMarks] = useState<{ id: string; code: string; published: boolean }[]>([]);
  const c = useCatalogue<Violation, ViolationDetail>("/violations", texts, { order: "asc" }, async (id) => {
    const b = await api.get<{ items: { id: string; code: string; published: boolean }[] }>("/benchmarks", {
      violationId: id,
      pageSize: 200,
    });
    setMarks(b.items);
  });
  const { form, entry } = c;
  const [powerOptions, setPowerOptions] = useState<{ value: string; label: string }[]>([]);

  const openEdit = async (d: ViolationDetail | "new") => {
    form.resetFields();
    if (d !== "new") form.setFieldsValue(d);
    else form.setFieldsValue({ published: false, violatedArticleIds: [], penaltyArticleIds: [] });
    entry.setEditing(d);
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

  const edited = entry.editing !== "new" ? entry.editing : null;

  const columns: TableColumnsType<Violation> = [
    { title: "编码", dataIndex: "code", key: "code", width: 120 },
    c.columns.name("违法行为"),
    c.columns.field,
    {
      title: "权责事项",
      key: "power",
      width: 220,
      render: (_, v) => (v.powerItemCode ? `${v.powerItemCode} ${v.powerItemName ?? ""}` : "—"),
    },
    { title: "裁量基准", dataIndex: "benchmarks", key: "benchmarks", width: 90 },
    c.columns.agency,
    c.columns.published(80),
  ];

  return (
    <>
      <CatalogueList catalogue={c} columns={columns} onAdd={() => void openEdit("new")}>
        <CatalogueList.FieldFilter value={c.filters.field} onChange={c.set("field")} />
      </CatalogueList>
      <CatalogueDrawer
        catalogue={c}
        onEdit={(d) => void openEdit(d)}
        articles={(d) => [
          { title: "违反条款", rows: d.violatedArticles },
          { title: "处罚依据", rows: d.penaltyArticles },
        ]}
        summary={(s) => `${String(s.name)} · ${s.published ? "已公开" : "未公开"}`}
      >
        {(detail) => (
          <>
            <Descriptions.Item label="执法领域">{detail.field}</Descriptions.Item>
            <Descriptions.Item label="实施机关">{detail.agencyName}</Descriptions.Item>
            <Descriptions.Item label="权责事项" span={2}>
              {detail.powerItemCode ? `${detail.powerItemCode} ${detail.powerItemName ?? ""}` : "—"}
            </Descriptions.Item>
            <Descriptions.Item label="裁量基准">
              {marks.length ? marks.map((m) => <Tag key={m.id}>{m.code}</Tag>) : "—"}
            </Descriptions.Item>
            <Descriptions.Item label="是否公开">{detail.published ? "是" : "否"}</Descriptions.Item>
          </>
        )}
      </CatalogueDrawer>
      <CatalogueForm
        name="violation"
        catalogue={c}
        head={
          <>
            <CatalogueForm.Field />
            <CatalogueForm.Published />
          </>
        }
        toBody={toBody}
      >
        <CatalogueForm.Name label="违法行为名称" message="请填写名称" maxLength={300} />
        <Form.Item name="powerItemId" label="权责事项">
          <Select allowClear showSearch={{ optionFilterProp: "label" }} options={powerOptions} />
        </Form.Item>
        <CatalogueForm.Articles
          name="violatedArticleIds"
          label="违反条款"
          cited={edited?.violatedArticles ?? []}
        />
        <CatalogueForm.Articles
          name="penaltyArticleIds"
          label="处罚依据"
          cited={edited?.penaltyArticles ?? []}
        />
      </CatalogueForm>
    </>
  );
};

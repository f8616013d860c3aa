import { Form, type FormInstance, Input, Modal, Select, Space, Switch } from "antd";
import type { ReactNode } from "react";
import { validValues } from "../lib/form";
import type { ArticleRef, CatalogueItem } from "../lib/powers";
import { ArticlePicker } from "./ArticlePicker";
import { fieldOptions } from "./CatalogueShared";
import { type CatalogueTexts, type EntryState, entryWord } from "./useCatalogue";

// The form of a new or changed versioned catalogue entry (权责事项, 违法行为) and its fields.

/**
 * The form of a new or changed entry: the code and the `head` fields on the first line, then the
 * others (children); saved (toBody: the request body of the form's values) as a new entry in the
 * target agency, or a change as a new version. `name` names the form (its fields' DOM ids), unique on
 * the page: the catalogues' forms share field names.
 */
export function CatalogueForm<D extends CatalogueItem>({
  name,
  catalogue,
  head,
  toBody,
  children,
}: {
  name: string;
  catalogue: {
    entry: EntryState<D>;
    form: FormInstance;
    texts: CatalogueTexts;
    save: (body: object) => Promise<void>;
  };
  head: ReactNode;
  toBody: (values: Record<string, unknown>) => object;
  children: ReactNode;
}) {
  const { entry, form, texts } = catalogue;
  const { editing, setEditing } = entry;
  const save = async () => {
    const v = await validValues(form);
    if (!v) return;
    await catalogue.save(toBody(v));
  };
  const what = entryWord(texts);
  return (
    <Modal
      open={editing !== null}
      title={editing === "new" ? `新增${what}` : `修改${what}（将生成新版本）`}
      onOk={save}
      onCancel={() => setEditing(null)}
      okText="保存"
      width={720}
    >
      <Form name={name} form={form} layout="vertical">
        <Space style={{ width: "100%" }} align="start">
          <CodeField label={`${texts.item}编码`} />
          {head}
        </Space>
        {children}
      </Form>
    </Modal>
  );
}

/** The name of an entry (at least two characters). */
const NameField = ({ label, message, maxLength }: { label: string; message: string; maxLength: number }) => (
  <Form.Item name="name" label={label} rules={[{ required: true, min: 2, message }]}>
    <Input maxLength={maxLength} />
  </Form.Item>
);

/** The 执法领域 of an entry. */
const FieldField = () => (
  <Form.Item name="field" label="执法领域" rules={[{ required: true, message: "请选择领域" }]}>
    <Select options={fieldOptions} style={{ width: 170 }} showSearch={{ optionFilterProp: "label" }} />
  </Form.Item>
);

/** Whether an entry is published (公开). */
const PublishedField = () => (
  <Form.Item name="published" label="公开" valuePropName="checked">
    <Switch />
  </Form.Item>
);

/** Cited articles (ids under `name`), starting from those the entry cites. */
const ArticlesField = ({ name, label, cited }: { name: string; label: string; cited: ArticleRef[] }) => (
  <Form.Item name={name} label={label}>
    <ArticlePicker initial={cited.map((a) => ({ id: a.id, label: `《${a.lawTitle}》${a.number}` }))} />
  </Form.Item>
);

/** The code of an entry (letters, digits, - _ .). */
export const CodeField = ({ label }: { label: string }) => (
  <Form.Item
    name="code"
    label={label}
    rules={[
      { required: true, message: "请填写编码" },
      { pattern: /^[A-Za-z0-9\-_.]+$/, message: "只能包含字母、数字和 - _ ." },
    ]}
  >
    <Input maxLength={50} style={{ width: 160 }} />
  </Form.Item>
);

CatalogueForm.Name = NameField;
CatalogueForm.Field = FieldField;
CatalogueForm.Published = PublishedField;
CatalogueForm.Articles = ArticlesField;

import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import {
  App,
  Badge,
  Button,
  Descriptions,
  Drawer,
  Form,
  type FormInstance,
  Input,
  List,
  Modal,
  Select,
  Space,
  Switch,
  type TableColumnsType,
  type TableColumnType,
  Tag,
  Timeline,
  Typography,
} from "antd";
import { Fragment, type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import {
  type ArticleRef,
  type CatalogueDetail,
  type CatalogueItem,
  type CatalogueVersion,
  downloadFile,
  powerFieldOptions,
  type ReviewFlag,
} from "../lib/powers";
import { useServerList } from "../lib/useServerList";
import { AgencySelect } from "./AgencySelect";
import { ArticlePicker } from "./ArticlePicker";
import { ImportExcelButton } from "./ImportExcelButton";
import { ListTable } from "./ListTable";

// Pieces shared by the versioned catalogues (权责事项, 违法行为): list, detail drawer and form.

/**
 * The agencies where the user may manage the catalogue (power.manage), and the one new and
 * imported entries go to: the filtered agency, else the current one, else the first.
 */
export function useTargetAgency(filteredId: string | undefined) {
  const { agenciesWith } = useAuth();
  const agency = useAgency();
  const manageable = agenciesWith("power.manage");
  const targetAgency =
    filteredId && manageable.includes(filteredId)
      ? filteredId
      : agency.currentId && manageable.includes(agency.currentId)
        ? agency.currentId
        : (manageable[0] ?? null);
  return { manageable, targetAgency };
}

/**
 * The entry open in the detail drawer (loaded from path/id, then `also` for what goes with it) and
 * the one being edited; save creates (in agencyId, then opens it) or changes it (a new version).
 */
export function useCatalogueEntry<D extends { id: string; version: number }>(
  path: string,
  also?: (id: string) => Promise<void>,
) {
  const { message } = App.useApp();
  const showError = useApiError();
  const [openId, setOpenId] = useState<string | null>(null);
  const [detail, setDetail] = useState<D | null>(null);
  const [editing, setEditing] = useState<D | "new" | null>(null);
  const alsoRef = useRef(also);
  alsoRef.current = also;

  const load = useCallback(
    async (id: string) => {
      try {
        setDetail(await api.get<D>(`${path}/${id}`));
        await alsoRef.current?.(id);
      } catch (e) {
        showError(e);
      }
    },
    [path, showError],
  );
  useEffect(() => {
    if (openId) void load(openId);
    else setDetail(null);
  }, [openId, load]);

  const save = async (body: object, agencyId: string | null, onSaved: () => void) => {
    try {
      if (editing === "new") {
        const item = await api.post<{ id: string }>(path, { ...body, agencyId });
        setOpenId(item.id);
      } else if (editing) {
        await api.patch(`${path}/${editing.id}`, { ...body, version: editing.version });
        void load(editing.id);
      }
      message.success("已保存（生成新版本）");
      setEditing(null);
      onSaved();
    } catch (e) {
      showError(e);
    }
  };

  return { openId, setOpenId, detail, editing, setEditing, save };
}

/** The words of a catalogue page. */
export type CatalogueTexts = {
  /** An entry in the list: 新增…, …编码, 新增和导入的…属于. */
  item: string;
  /** An entry in the detail and form titles, when not `item`. */
  entry?: string;
  /** The exported file. */
  fileName: string;
  /** How an import matches its rows. */
  rule: string;
  search: { placeholder: string; width: number };
};

/**
 * The state of a catalogue page (path, with its texts): the filters, the server list, the entry
 * open or edited (`also` loads what goes with an open one), its form, and the agencies where the
 * user manages it.
 */
export function useCatalogue<T extends CatalogueItem, D extends CatalogueDetail<T>>(
  path: string,
  texts: CatalogueTexts,
  initial: { sort?: string; order: "asc" | "desc" },
  also?: (id: string) => Promise<void>,
) {
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const list = useServerList<T>(path, filters, initial);
  const entry = useCatalogueEntry<D>(path, also);
  const [form] = Form.useForm();
  const target = useTargetAgency(filters.agencyId);
  const set = (k: string) => (v: string | undefined) => setFilters((f) => ({ ...f, [k]: v }));
  /** Saves the form's body (created in the target agency, or a new version), then reloads the list. */
  const save = (body: object) => entry.save(body, target.targetAgency, list.reload);
  const columns = catalogueColumns<T>(entry.setOpenId);
  return { path, texts, filters, set, list, entry, form, ...target, save, columns };
}

/** The columns every catalogue list has; the name opens the entry and shows its open review flags. */
function catalogueColumns<T extends CatalogueItem>(open: (id: string) => void) {
  return {
    name: (title: string): TableColumnType<T> => ({
      title,
      dataIndex: "name",
      key: "name",
      render: (n: string, i: T) => <FlaggedName name={n} openFlags={i.openFlags} onOpen={() => open(i.id)} />,
    }),
    field: { title: "领域", dataIndex: "field", key: "field", width: 120 } as TableColumnType<T>,
    agency: {
      title: "实施机关",
      dataIndex: "agencyName",
      key: "agencyName",
      width: 200,
    } as TableColumnType<T>,
    published: (width: number): TableColumnType<T> => ({
      title: "公开",
      dataIndex: "published",
      key: "published",
      width,
      render: publishedTag,
    }),
  };
}

type Catalogue<T extends CatalogueItem> = Pick<
  ReturnType<typeof useCatalogue<T, CatalogueDetail<T>>>,
  "path" | "texts" | "filters" | "set" | "list" | "manageable" | "targetAgency"
>;
type EntryState<D extends CatalogueItem> = ReturnType<typeof useCatalogueEntry<D>>;
const entryWord = (t: CatalogueTexts) => t.entry ?? t.item;

const fieldOptions = powerFieldOptions.map((f) => ({ value: f, label: f }));

/** A list filter: its value, undefined when cleared. */
type FilterProps = { value: string | undefined; onChange: (v: string | undefined) => void };

/** The 执法领域 filter. */
const FieldFilter = ({ value, onChange }: FilterProps) => (
  <Select
    allowClear
    showSearch={{ optionFilterProp: "label" }}
    placeholder="执法领域"
    style={{ width: 150 }}
    options={fieldOptions}
    value={value}
    onChange={onChange}
  />
);

/**
 * A catalogue's list: the agency filter, the catalogue's own filters (children), 是否公开, the
 * search, the actions (导出, 导入 and 新增 into the target agency, with a note saying where they go
 * and how an import matches), then the table.
 */
export function CatalogueList<T extends CatalogueItem>({
  catalogue,
  columns,
  onAdd,
  children,
}: {
  catalogue: Catalogue<T>;
  columns: TableColumnsType<T>;
  onAdd: () => void;
  children: ReactNode;
}) {
  const agency = useAgency();
  const { path, texts, filters, set, list, manageable, targetAgency } = catalogue;
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
        {children}
        <PublishedFilter value={filters.published} onChange={set("published")} />
        <Input.Search
          placeholder={texts.search.placeholder}
          allowClear
          onSearch={list.setQ}
          style={{ width: texts.search.width }}
        />
        <CatalogueActions
          path={path}
          fileName={texts.fileName}
          query={{ ...filters, q: list.state.q }}
          manageable={manageable.length > 0}
          targetAgency={targetAgency}
          onChanged={list.reload}
          onAdd={onAdd}
          addLabel={`新增${texts.item}`}
        />
      </Space>
      {manageable.length > 0 && targetAgency && (
        <TargetAgencyNote targetAgency={targetAgency} what={texts.item} rule={texts.rule} />
      )}
      <ListTable list={list} columns={columns} />
    </>
  );
}

/**
 * The detail drawer of the open entry (titled by the entry word until it is loaded), with 修改 for
 * managers: the entry's own details (children: the Descriptions items), the articles it cites
 * (each list under its title), its review flags (with the reviewers' notes where withNote) and its
 * versions (each summarised by `summary`).
 */
export function CatalogueDrawer<D extends CatalogueDetail<CatalogueItem>>({
  catalogue,
  onEdit,
  articles,
  withNote,
  summary,
  children,
}: {
  catalogue: { entry: EntryState<D>; texts: CatalogueTexts };
  onEdit: (detail: D) => void;
  articles: (detail: D) => { title: string; rows: ArticleRef[] }[];
  withNote?: boolean;
  summary: (snapshot: Record<string, unknown>) => ReactNode;
  children: (detail: D) => ReactNode;
}) {
  const { can } = useAuth();
  const { openId, setOpenId, detail } = catalogue.entry;
  return (
    <Drawer
      open={openId !== null}
      onClose={() => setOpenId(null)}
      size="large"
      title={detail ? `${detail.code} ${detail.name}` : entryWord(catalogue.texts)}
      extra={
        detail && can("power.manage", detail.agencyId) ? (
          <Button type="primary" onClick={() => onEdit(detail)}>
            修改
          </Button>
        ) : null
      }
    >
      {detail && (
        <>
          <Descriptions column={2} size="small" bordered>
            {children(detail)}
          </Descriptions>
          {articles(detail).map((a, i) => (
            <Fragment key={a.title}>
              <Typography.Title level={5} style={i === 0 ? { marginTop: 16 } : undefined}>
                {a.title}
              </Typography.Title>
              <ArticleList rows={a.rows} empty="未关联条款" />
            </Fragment>
          ))}
          <ReviewFlagNotes flags={detail.flags} withNote={withNote} />
          <VersionHistory versions={detail.versions} summary={summary} />
        </>
      )}
    </Drawer>
  );
}

/**
 * The form of a new or changed entry: the code and the `head` fields on the first line, then the
 * others (children); saved (toBody: the request body of the form's values) as a new entry in the
 * target agency, or a change as a new version.
 */
export function CatalogueForm<D extends CatalogueItem>({
  catalogue,
  head,
  toBody,
  children,
}: {
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
    const v = await form.validateFields();
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
      <Form form={form} layout="vertical">
        <Space style={{ width: "100%" }} align="start">
          <CodeField label={`${texts.item}编码`} />
          {head}
        </Space>
        {children}
      </Form>
    </Modal>
  );
}

/** The name of an entry, opening its detail, with the number of open review flags. */
export const FlaggedName = ({
  name,
  openFlags,
  onOpen,
}: {
  name: string;
  openFlags: number;
  onOpen: () => void;
}) => (
  <Space>
    <Button type="link" style={{ padding: 0, whiteSpace: "normal", textAlign: "left" }} onClick={onOpen}>
      {name}
    </Button>
    {openFlags > 0 && <Badge count={`需复核 ${openFlags}`} style={{ backgroundColor: "#fa8c16" }} />}
  </Space>
);

export const publishedTag = (p: boolean) => (p ? <Tag color="green">已公开</Tag> : <Tag>未公开</Tag>);

/** The 是否公开 filter ("true" | "false"). */
export const PublishedFilter = ({ value, onChange }: FilterProps) => (
  <Select
    allowClear
    placeholder="是否公开"
    style={{ width: 110 }}
    options={[
      { value: "true", label: "已公开" },
      { value: "false", label: "未公开" },
    ]}
    value={value}
    onChange={onChange}
  />
);

/**
 * 导出 Excel (the list as filtered), and for managers 导入 and 新增 into the target agency, with a
 * note saying where they go and how an import matches (by `matchedBy`).
 */
export function CatalogueActions({
  path,
  fileName,
  query,
  manageable,
  targetAgency,
  onChanged,
  onAdd,
  addLabel,
}: {
  path: string;
  fileName: string;
  query: Record<string, string | undefined>;
  manageable: boolean;
  targetAgency: string | null;
  onChanged: () => void;
  onAdd: () => void;
  addLabel: string;
}) {
  const showError = useApiError();
  return (
    <>
      <Button
        icon={<DownloadOutlined />}
        onClick={() => downloadFile(`${path}/export`, query, fileName).catch(showError)}
      >
        导出 Excel
      </Button>
      {manageable && (
        <>
          <ImportExcelButton path={`${path}/import`} agencyId={targetAgency} onDone={onChanged} />
          <Button type="primary" icon={<PlusOutlined />} onClick={onAdd} disabled={!targetAgency}>
            {addLabel}
          </Button>
        </>
      )}
    </>
  );
}

/** Where new and imported entries (`what`) go, and how an import matches (`rule`). */
export function TargetAgencyNote({
  targetAgency,
  what,
  rule,
}: {
  targetAgency: string;
  what: string;
  rule: string;
}) {
  const agency = useAgency();
  return (
    <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
      新增和导入的{what}属于：{agency.nameOf(targetAgency)}
      {rule}
    </Typography.Paragraph>
  );
}

/** Cited articles with their text and version. */
export const ArticleList = ({ rows, empty }: { rows: ArticleRef[]; empty: string }) => (
  <List
    size="small"
    dataSource={rows}
    locale={{ emptyText: empty }}
    renderItem={(a) => (
      <List.Item>
        <List.Item.Meta title={`《${a.lawTitle}》${a.number}（第 ${a.version} 版）`} description={a.text} />
      </List.Item>
    )}
  />
);

/** 复核标记 (when there are any), with the reviewer's note where withNote. */
export const ReviewFlagNotes = ({ flags, withNote }: { flags: ReviewFlag[]; withNote?: boolean }) =>
  flags.length > 0 ? (
    <>
      <Typography.Title level={5}>复核标记</Typography.Title>
      {flags.map((f) => (
        <Typography.Paragraph key={f.id}>
          {f.clearedAt ? <Tag>已复核</Tag> : <Tag color="orange">需复核</Tag>} {f.reason}
          {withNote && f.clearNote ? `；复核意见：${f.clearNote}` : ""}
        </Typography.Paragraph>
      ))}
    </>
  ) : null;

/** 版本历史: each version with when it was saved and a summary of its snapshot. */
export const VersionHistory = ({
  versions,
  summary,
}: {
  versions: CatalogueVersion[];
  summary: (snapshot: Record<string, unknown>) => ReactNode;
}) => (
  <>
    <Typography.Title level={5}>版本历史</Typography.Title>
    <Timeline
      items={versions.map((v) => ({
        content: (
          <>
            <Typography.Text strong>第 {v.version} 版</Typography.Text>{" "}
            <Typography.Text type="secondary">
              {new Date(v.changedAt).toLocaleString("zh-CN")}
            </Typography.Text>
            <div>{summary(v.snapshot)}</div>
          </>
        ),
      }))}
    />
  </>
);

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

CatalogueList.FieldFilter = FieldFilter;
CatalogueForm.Name = NameField;
CatalogueForm.Field = FieldField;
CatalogueForm.Published = PublishedField;
CatalogueForm.Articles = ArticlesField;

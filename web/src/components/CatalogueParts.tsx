import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Badge, Button, Form, Input, List, Select, Space, Tag, Timeline, Typography } from "antd";
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import { type ArticleRef, downloadFile, type ReviewFlag } from "../lib/powers";
import { ImportExcelButton } from "./ImportExcelButton";

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
export const PublishedFilter = ({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (v: string | undefined) => void;
}) => (
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
  versions: { version: number; snapshot: Record<string, unknown>; changedAt: string }[];
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

import { Button, Descriptions, Drawer, List, Tag, Timeline, Typography } from "antd";
import { Fragment, type ReactNode } from "react";
import { useAuth } from "../lib/auth";
import type { ArticleRef, CatalogueDetail, CatalogueItem, CatalogueVersion, ReviewFlag } from "../lib/powers";
import { type CatalogueTexts, type EntryState, entryWord } from "./useCatalogue";

// The detail drawer of a versioned catalogue entry (权责事项, 违法行为): its details, cited articles,
// review flags and versions.

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

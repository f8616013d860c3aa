import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Input, Select, Space, type TableColumnsType, Typography } from "antd";
import type { ReactNode } from "react";
import { useAgency } from "../lib/agency";
import { useApiError } from "../lib/feedback";
import { type CatalogueItem, downloadFile } from "../lib/powers";
import { AgencySelect } from "./AgencySelect";
import { fieldOptions } from "./CatalogueShared";
import { ImportExcelButton } from "./ImportExcelButton";
import { ListTable } from "./ListTable";
import type { Catalogue } from "./useCatalogue";

// The list of a versioned catalogue (权责事项, 违法行为): its filters, actions and table.

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

CatalogueList.FieldFilter = FieldFilter;

import { Table, type TableColumnsType } from "antd";
import type { useServerList } from "../lib/useServerList";

/** The table of a server list (useServerList): its rows, loading state, pages and sorting. */
export function ListTable<T extends { id: string }>({
  list,
  columns,
}: {
  list: ReturnType<typeof useServerList<T>>;
  columns: TableColumnsType<T>;
}) {
  return (
    <Table<T>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={list.items}
      loading={list.loading}
      pagination={list.pagination}
      onChange={list.onChange}
    />
  );
}

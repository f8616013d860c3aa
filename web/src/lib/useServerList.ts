import type { TablePaginationConfig, TableProps } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { api } from "./api";
import { useApiError } from "./feedback";
import type { Paged } from "./types";

export type Filters = Record<string, string | number | boolean | null | undefined>;

interface ListState {
  page: number;
  pageSize: number;
  q: string;
  sort?: string;
  order?: "asc" | "desc";
}

/**
 * Server-driven list: page, pageSize, q, sort and order (plus page-specific filters) are sent to
 * the API, which answers { items, total, page, pageSize }. Pass path null to pause loading.
 */
export const useServerList = <T>(
  path: string | null,
  filters: Filters = {},
  initial: Partial<ListState> = {},
) => {
  const showError = useApiError();
  const [state, setState] = useState<ListState>({ page: 1, pageSize: 20, q: "", ...initial });
  const [data, setData] = useState<Paged<T>>({ items: [], total: 0, page: 1, pageSize: 20 });
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);

  // A change of the filters starts again from the first page.
  const filterKey = JSON.stringify(filters);
  const [lastFilterKey, setLastFilterKey] = useState(filterKey);
  if (filterKey !== lastFilterKey) {
    setLastFilterKey(filterKey);
    if (state.page !== 1) setState((s) => ({ ...s, page: 1 }));
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: filterKey stands for filters; tick forces a reload
  useEffect(() => {
    if (!path) return;
    const ctrl = new AbortController();
    setLoading(true);
    api
      .get<Paged<T>>(path, { ...filters, ...state }, { signal: ctrl.signal })
      .then((res) => setData(res))
      .catch(showError)
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [path, filterKey, state, tick, showError]);

  const setQ = useCallback((q: string) => setState((s) => ({ ...s, q: q.trim(), page: 1 })), []);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  const onChange = useCallback<NonNullable<TableProps<T>["onChange"]>>((pagination, _filters, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = one?.order ? String(one.columnKey ?? one.field ?? "") : "";
    setState((s) => {
      const sort = field || undefined;
      const order = one?.order === "ascend" ? "asc" : one?.order === "descend" ? "desc" : undefined;
      const sortChanged = sort !== s.sort || order !== s.order;
      const pageSize = pagination.pageSize ?? s.pageSize;
      return {
        ...s,
        sort,
        order,
        pageSize,
        page: sortChanged || pageSize !== s.pageSize ? 1 : (pagination.current ?? 1),
      };
    });
  }, []);

  const pagination = useMemo<TablePaginationConfig>(
    () => ({
      current: state.page,
      pageSize: state.pageSize,
      total: data.total,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
      showTotal: (total) => `共 ${total} 条`,
    }),
    [state.page, state.pageSize, data.total],
  );

  /** antd sortOrder for a column key, so the header arrow follows the state. */
  const sortOrder = (key: string) =>
    state.sort === key
      ? state.order === "asc"
        ? "ascend"
        : state.order === "desc"
          ? "descend"
          : null
      : null;

  return { data, items: data.items, loading, state, setQ, reload, onChange, pagination, sortOrder };
};

import { useEffect, useState } from "react";
import { api } from "../../lib/api";
import { useApiError } from "../../lib/feedback";
import type { Paged } from "../../lib/publicSite";

/** A paged public list with server-side search (q) and filters. */
export function usePublicList<T>(
  path: string,
  filters: Record<string, string | undefined> = {},
  pageSize = 10,
) {
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Paged<T>>();
  const [loading, setLoading] = useState(false);
  const showError = useApiError();
  const key = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: filters are compared by value (key)
  useEffect(() => {
    setLoading(true);
    api
      .get<Paged<T>>(path, { ...filters, q, page, pageSize })
      .then(setData, showError)
      .finally(() => setLoading(false));
  }, [path, key, q, page, pageSize, showError]);
  return {
    data,
    loading,
    page,
    setPage,
    /** The loading, rows and pagination props of the antd List showing it. */
    listProps: {
      loading,
      dataSource: data?.items ?? [],
      pagination: {
        current: page,
        pageSize: data?.pageSize ?? 10,
        total: data?.total ?? 0,
        onChange: setPage,
        size: "small" as const,
        showSizeChanger: false,
      },
    },
    search: (v: string) => {
      setQ(v.trim());
      setPage(1);
    },
  };
}

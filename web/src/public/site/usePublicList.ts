import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router-dom";
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

/** Search form values of a URL-driven list: text and choices by name, and an optional date range. */
export type UrlListValues = Record<string, unknown> & { dates?: [Dayjs, Dayjs] | null };

/**
 * A paged public list whose search lives in the page address (?q=…&page=2, so a search can be
 * shared and the back button works): `keys` are the filters read from and written to it, plus
 * `from`/`to` from a `dates` range.
 */
export function useUrlList<T>(path: string, keys: readonly string[], pageSize = 10) {
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(false);
  const showError = useApiError();
  const names = [...keys, "from", "to"];
  const key = names.map((k) => params.get(k) ?? "").join("\u0001");
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query is compared by value (key)
  const query = useMemo(() => Object.fromEntries(names.map((k) => [k, params.get(k) ?? undefined])), [key]);
  const page = Number(params.get("page") ?? 1) || 1;
  useEffect(() => {
    setLoading(true);
    api
      .get<T>(path, { ...query, page, pageSize })
      .then(setData, showError)
      .finally(() => setLoading(false));
  }, [path, query, page, pageSize, showError]);
  return {
    query: query as Record<string, string | undefined>,
    page,
    data,
    loading,
    /** The form's initial values from the address (the date range when both ends are set). */
    initialValues: {
      ...query,
      dates: query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : undefined,
    },
    search: (v: UrlListValues) => {
      const next: Record<string, string> = {};
      for (const k of keys) {
        const value = typeof v[k] === "string" ? (v[k] as string).trim() : undefined;
        if (value) next[k] = value;
      }
      if (v.dates?.[0]) next.from = v.dates[0].format("YYYY-MM-DD");
      if (v.dates?.[1]) next.to = v.dates[1].format("YYYY-MM-DD");
      setParams(next);
    },
    setPage: (p: number) => setParams({ ...Object.fromEntries(params), page: String(p) }),
  };
}

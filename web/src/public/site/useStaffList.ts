import { App } from "antd";
import { useCallback, useEffect, useState } from "react";
import { api } from "../../lib/api";
import { useApiError } from "../../lib/feedback";
import type { Paged } from "../../lib/publicSite";

/** The props of a staff table showing one page (10 rows) of a paged list. */
export const pagedTableProps = <T>(
  data: Paged<T> | undefined,
  page: number,
  setPage: (p: number) => void,
) => ({
  size: "small" as const,
  loading: !data,
  dataSource: data?.items ?? [],
  scroll: { x: true as const },
  pagination: {
    current: page,
    pageSize: 10,
    total: data?.total ?? 0,
    onChange: setPage,
    showSizeChanger: false,
  },
});

/**
 * One agency's entries of a published list, for its staff editor: loaded page by page, and `act`
 * to save something, say so, and load the page again (errors are shown, not thrown).
 */
export function useStaffList<T>(path: string, agencyId: string) {
  const { message } = App.useApp();
  const showError = useApiError();
  const [data, setData] = useState<Paged<T>>();
  const [page, setPage] = useState(1);

  const load = useCallback(async () => {
    try {
      setData(await api.get<Paged<T>>(path, { agencyId, page, pageSize: 10 }));
    } catch (e) {
      showError(e);
    }
  }, [path, agencyId, page, showError]);
  useEffect(() => {
    void load();
  }, [load]);

  /** Runs action; on success shows done (of its answer), calls then, and loads the page again. */
  const act = async <R>(action: () => Promise<R>, done: string | ((r: R) => string), then?: () => void) => {
    try {
      const r = await action();
      message.success(typeof done === "string" ? done : done(r));
      then?.();
      await load();
    } catch (e) {
      showError(e);
    }
  };

  return { data, act, tableProps: pagedTableProps(data, page, setPage) };
}

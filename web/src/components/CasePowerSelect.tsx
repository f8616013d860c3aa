import { Select, type SelectProps } from "antd";
import { useEffect, useRef, useState } from "react";
import { api } from "../lib/api";
import { useApiError } from "../lib/feedback";
import type { Paged } from "../lib/types";

export interface PowerOption {
  id: string;
  code: string;
  name: string;
  field: string;
  agencyName?: string;
}

type Props = Omit<SelectProps<string | string[]>, "options" | "onSearch" | "filterOption" | "showSearch"> & {
  /** When given, only these items are offered (e.g. the agency's three-step list); else searched on the server. */
  fixed?: PowerOption[];
};

const labelOf = (p: PowerOption) => `${p.code} ${p.name}`;

/**
 * Power items (行政处罚事项) searched on the server (GET /powers?q=…&kind=penalty), by code or
 * name. Selected items keep their labels while the user searches on.
 */
export const CasePowerSelect = ({ fixed, ...rest }: Props) => {
  const showError = useApiError();
  const [q, setQ] = useState("");
  const [found, setFound] = useState<PowerOption[]>([]);
  const [loading, setLoading] = useState(false);
  const known = useRef(new Map<string, string>());

  useEffect(() => {
    if (fixed) return;
    const ctrl = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      api
        .get<Paged<PowerOption>>("/powers", { q, kind: "penalty", pageSize: 50 }, { signal: ctrl.signal })
        .then((res) => setFound(res.items))
        .catch(showError)
        .finally(() => {
          if (!ctrl.signal.aborted) setLoading(false);
        });
    }, 250);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q, fixed, showError]);

  const list = fixed ?? found;
  for (const p of list) known.current.set(p.id, labelOf(p));
  const selected = rest.value === undefined || rest.value === null ? [] : [rest.value].flat();
  const options = [
    ...list.map((p) => ({ value: p.id, label: labelOf(p) })),
    ...selected
      .filter((id) => !list.some((p) => p.id === id))
      .map((id) => ({ value: id, label: known.current.get(id) ?? id })),
  ];

  return (
    <Select
      placeholder="输入事项编码或名称搜索"
      loading={loading}
      notFoundContent={loading ? "正在搜索…" : "没有符合条件的行政处罚事项"}
      {...rest}
      showSearch={
        fixed
          ? { optionFilterProp: "label" }
          : { filterOption: false, onSearch: (text: string) => setQ(text.trim()) }
      }
      options={options}
    />
  );
};

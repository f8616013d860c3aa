import { Select, type SelectProps } from "antd";
import { useEffect, useState } from "react";
import { api } from "../lib/api";
import type { Paged } from "../lib/types";

interface Hit {
  id: string;
  lawTitle: string;
  number: string;
  version: number;
  current: boolean;
}

type Props = Omit<SelectProps<string[]>, "options" | "mode"> & { initial?: { id: string; label: string }[] };

/** Multi-select of law articles, searched on the server (current versions). */
export const ArticlePicker = ({ initial = [], ...rest }: Props) => {
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<Paged<Hit>>("/law-articles", { q, pageSize: 50 }, { signal: ctrl.signal })
        .then((r) =>
          setHits(
            r.items.map((h) => ({
              value: h.id,
              label: `《${h.lawTitle}》${h.number}${h.version > 1 ? `（第${h.version}版）` : ""}`,
            })),
          ),
        )
        .catch(() => {});
    }, 250);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q]);
  const known = new Map([
    ...initial.map((i) => [i.id, i.label] as const),
    ...hits.map((h) => [h.value, h.label] as const),
  ]);
  return (
    <Select<string[]>
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="输入法律名称、条号或内容检索"
      {...rest}
      options={[...known].map(([value, label]) => ({ value, label }))}
    />
  );
};

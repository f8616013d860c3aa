import { App, Form } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { useAgency } from "../lib/agency";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useApiError } from "../lib/feedback";
import type { CatalogueDetail, CatalogueItem } from "../lib/powers";
import { useServerList } from "../lib/useServerList";
import { catalogueColumns } from "./CatalogueShared";

// The state of a versioned catalogue page (权责事项, 违法行为): filters, list, the open and edited
// entry, and the agencies where the user manages it.

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

/** The words of a catalogue page. */
export type CatalogueTexts = {
  /** An entry in the list: 新增…, …编码, 新增和导入的…属于. */
  item: string;
  /** An entry in the detail and form titles, when not `item`. */
  entry?: string;
  /** The exported file. */
  fileName: string;
  /** How an import matches its rows. */
  rule: string;
  search: { placeholder: string; width: number };
};

/**
 * The state of a catalogue page (path, with its texts): the filters, the server list, the entry
 * open or edited (`also` loads what goes with an open one), its form, and the agencies where the
 * user manages it.
 */
export function useCatalogue<T extends CatalogueItem, D extends CatalogueDetail<T>>(
  path: string,
  texts: CatalogueTexts,
  initial: { sort?: string; order: "asc" | "desc" },
  also?: (id: string) => Promise<void>,
) {
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const list = useServerList<T>(path, filters, initial);
  const entry = useCatalogueEntry<D>(path, also);
  const [form] = Form.useForm();
  const target = useTargetAgency(filters.agencyId);
  const set = (k: string) => (v: string | undefined) => setFilters((f) => ({ ...f, [k]: v }));
  /** Saves the form's body (created in the target agency, or a new version), then reloads the list. */
  const save = (body: object) => entry.save(body, target.targetAgency, list.reload);
  const columns = catalogueColumns<T>(entry.setOpenId);
  return { path, texts, filters, set, list, entry, form, ...target, save, columns };
}

/** What the list needs of a catalogue page's state. */
export type Catalogue<T extends CatalogueItem> = Pick<
  ReturnType<typeof useCatalogue<T, CatalogueDetail<T>>>,
  "path" | "texts" | "filters" | "set" | "list" | "manageable" | "targetAgency"
>;
/** The open and edited entry (useCatalogueEntry). */
export type EntryState<D extends CatalogueItem> = ReturnType<typeof useCatalogueEntry<D>>;
/** The word for one entry in the drawer and form titles. */
export const entryWord = (t: CatalogueTexts) => t.entry ?? t.item;

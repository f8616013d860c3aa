import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api } from "./api";
import { useMe } from "./auth";
import type { AgencyKind, AgencyNode } from "./types";

export interface AgencyOption {
  id: string;
  name: string;
  kind: AgencyKind;
  depth: number;
}

interface AgencyValue {
  /** The agency chosen in the header switcher: default filter of the lists. */
  currentId: string | null;
  current: AgencyOption | null;
  setCurrentId: (id: string) => void;
  /** Agencies offered by the switcher: memberships and the readable agencies below them. */
  options: AgencyOption[];
  /** Every agency the user can read (GET /agencies/tree). */
  tree: AgencyNode[];
  /** Flat, depth-annotated list of `tree` (plus memberships missing from it). */
  all: AgencyOption[];
  nameOf: (id: string | null | undefined) => string;
  reloadTree: () => Promise<void>;
}

const AgencyContext = createContext<AgencyValue | null>(null);

const storageKey = (userId: string) => `guifan.agency.${userId}`;

const flatten = (nodes: AgencyNode[], depth = 0, out: AgencyOption[] = []): AgencyOption[] => {
  for (const n of nodes) {
    out.push({ id: n.id, name: n.name, kind: n.kind, depth });
    flatten(n.children ?? [], depth + 1, out);
  }
  return out;
};

/** Membership agencies and everything below them in the readable tree, in tree order. */
const switcherOptions = (nodes: AgencyNode[], memberIds: Set<string>): AgencyOption[] => {
  const out: AgencyOption[] = [];
  const walk = (list: AgencyNode[], inside: boolean, depth: number) => {
    for (const n of list) {
      const take = inside || memberIds.has(n.id);
      if (take) out.push({ id: n.id, name: n.name, kind: n.kind, depth });
      walk(n.children ?? [], take, take ? depth + 1 : depth);
    }
  };
  walk(nodes, false, 0);
  return out;
};

export const AgencyProvider = ({ children }: { children: ReactNode }) => {
  const me = useMe();
  const [tree, setTree] = useState<AgencyNode[]>([]);
  const [stored, setStored] = useState<string | null>(() => localStorage.getItem(storageKey(me.user.id)));

  const reloadTree = useCallback(async () => {
    try {
      setTree(await api.get<AgencyNode[]>("/agencies/tree"));
    } catch {
      setTree([]);
    }
  }, []);

  useEffect(() => {
    void reloadTree();
  }, [reloadTree]);

  const value = useMemo<AgencyValue>(() => {
    const memberIds = new Set(me.memberships.map((m) => m.agencyId));
    const fromTree = switcherOptions(tree, memberIds);
    const seen = new Set(fromTree.map((o) => o.id));
    const missing: AgencyOption[] = me.memberships
      .filter((m) => !seen.has(m.agencyId))
      .map((m) => ({ id: m.agencyId, name: m.agencyName, kind: m.agencyKind, depth: 0 }));
    const options = [...missing, ...fromTree];
    const flat = flatten(tree);
    const flatIds = new Set(flat.map((o) => o.id));
    const all = [...missing.filter((o) => !flatIds.has(o.id)), ...flat];
    const names = new Map(all.map((o) => [o.id, o.name]));
    const current = options.find((o) => o.id === stored) ?? options[0] ?? null;
    return {
      currentId: current?.id ?? null,
      current,
      setCurrentId: (id: string) => {
        localStorage.setItem(storageKey(me.user.id), id);
        setStored(id);
      },
      options,
      tree,
      all,
      nameOf: (id) => (id ? (names.get(id) ?? "") : ""),
      reloadTree,
    };
  }, [me, tree, stored, reloadTree]);

  return <AgencyContext.Provider value={value}>{children}</AgencyContext.Provider>;
};

export const useAgency = (): AgencyValue => {
  const ctx = useContext(AgencyContext);
  if (!ctx) throw new Error("useAgency outside AgencyProvider");
  return ctx;
};

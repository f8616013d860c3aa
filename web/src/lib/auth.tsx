import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api, onUnauthorized } from "./api";
import { fallbackRoleNames } from "./labels";
import type { Me, Role } from "./types";

interface AuthValue {
  /** null when not logged in; undefined while the first probe is running. */
  me: Me | null | undefined;
  /** True after the user logged out on purpose (the next login starts at the workbench). */
  loggedOut: boolean;
  roles: Role[];
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
  /** Whether the user holds `perm` in `agencyId`, or in any agency when none is given. */
  can: (perm: string, agencyId?: string | null) => boolean;
  /** Ids of the agencies where the user holds `perm`. */
  agenciesWith: (perm: string) => string[];
  roleName: (code: string) => string;
}

const AuthContext = createContext<AuthValue | null>(null);

export const AuthProvider = ({ children }: { children: ReactNode }) => {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [roles, setRoles] = useState<Role[]>([]);
  const [loggedOut, setLoggedOut] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setMe(await api.get<Me>("/auth/me", undefined, { quiet401: true }));
    } catch {
      setMe(null);
    }
  }, []);

  useEffect(() => {
    onUnauthorized(() => setMe(null));
    void refresh();
    return () => onUnauthorized(null);
  }, [refresh]);

  const loggedIn = Boolean(me);
  useEffect(() => {
    if (!loggedIn) return;
    api
      .get<Role[]>("/roles")
      .then(setRoles)
      .catch(() => setRoles([]));
  }, [loggedIn]);

  const login = useCallback(
    async (username: string, password: string) => {
      await api.post("/auth/login", { username, password }, { quiet401: true });
      setLoggedOut(false);
      await refresh();
    },
    [refresh],
  );

  const logout = useCallback(async () => {
    try {
      await api.post("/auth/logout", {}, { quiet401: true });
    } finally {
      setLoggedOut(true);
      setMe(null);
      setRoles([]);
    }
  }, []);

  const value = useMemo<AuthValue>(() => {
    const perms = me?.permissions ?? {};
    const roleNames = new Map(roles.map((r) => [r.code, r.name]));
    return {
      me,
      loggedOut,
      roles,
      login,
      logout,
      refresh,
      can: (perm, agencyId) =>
        agencyId
          ? (perms[agencyId]?.includes(perm) ?? false)
          : Object.values(perms).some((list) => list.includes(perm)),
      agenciesWith: (perm) =>
        Object.entries(perms)
          .filter(([, list]) => list.includes(perm))
          .map(([id]) => id),
      roleName: (code) => roleNames.get(code) ?? fallbackRoleNames[code] ?? code,
    };
  }, [me, loggedOut, roles, login, logout, refresh]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
};

export const useAuth = (): AuthValue => {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside AuthProvider");
  return ctx;
};

/** The logged-in user; only for components rendered below RequireAuth. */
export const useMe = (): Me => {
  const { me } = useAuth();
  if (!me) throw new Error("useMe without a logged-in user");
  return me;
};

/** Role choices for Selects: the server's list, or the built-in names until it has answered. */
export const useRoleOptions = (): { value: string; label: string }[] => {
  const { roles, roleName } = useAuth();
  const codes = roles.length ? roles.map((r) => r.code) : Object.keys(fallbackRoleNames);
  return codes.map((code) => ({ value: code, label: roleName(code) }));
};

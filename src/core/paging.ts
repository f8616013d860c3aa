export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type PageRequest = { page: number; pageSize: number; q?: string; order: "asc" | "desc" };

export const offsetOf = (r: PageRequest): number => (r.page - 1) * r.pageSize;

/** Escapes % and _ so a search string matches literally inside ILIKE. */
export const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// Thin fetch wrapper for the same-origin JSON API. Every non-2xx response becomes an ApiError
// carrying the server's stable code and Chinese message.

export interface ErrorDetail {
  path?: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  readonly requestId?: string;

  constructor(
    status: number,
    code: string,
    message: string,
    details: ErrorDetail[] = [],
    requestId?: string,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not trigger the global "not logged in" handler on 401 (login form, initial probe). */
  quiet401?: boolean;
}

let unauthorizedHandler: (() => void) | null = null;

/** Registered by the auth provider: called whenever a request answers 401. */
export const onUnauthorized = (handler: (() => void) | null): void => {
  unauthorizedHandler = handler;
};

export const buildUrl = (path: string, query?: Query): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ""}`;
};

const parseError = async (res: Response): Promise<ApiError> => {
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string; details?: ErrorDetail[]; requestId?: string };
    };
    const e = body.error;
    if (e?.message)
      return new ApiError(res.status, e.code ?? "UNKNOWN", e.message, e.details ?? [], e.requestId);
  } catch {
    // not JSON; fall through
  }
  return new ApiError(res.status, "HTTP_ERROR", `请求失败（HTTP ${res.status}）`);
};

export const request = async <T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> => {
  const init: RequestInit = { method, credentials: "include", signal: opts.signal, headers: {} };
  if (opts.body !== undefined) {
    init.headers = { "content-type": "application/json" };
    init.body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), init);
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "NETWORK", "无法连接服务器，请检查网络");
  }
  if (!res.ok) {
    const error = await parseError(res);
    if (res.status === 401 && !opts.quiet401) unauthorizedHandler?.();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
};

export const api = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, "query" | "body">) =>
    request<T>("GET", path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, "body">) =>
    request<T>("POST", path, { ...opts, body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>("PUT", path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>("PATCH", path, { body: body ?? {} }),
  del: <T>(path: string, query?: Query) => request<T>("DELETE", path, { query }),
};

export const isAbort = (err: unknown): boolean => err instanceof DOMException && err.name === "AbortError";

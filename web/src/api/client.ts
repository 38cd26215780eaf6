// The one way the UI talks to the server: JSON over fetch with the session cookie, the CSRF
// header on every write, and the server's problem body turned into an ApiError whose message is
// in the user's language. Nothing here retries writes — callers that must never lose input
// (the exam page) keep their own journal (src/exam/journal.ts).

import { locale } from '@/i18n';

export interface Problem {
  code?: string;
  detail?: string;
  detail_zh?: string;
  request_id?: string;
  status?: number;
  [k: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;
  constructor(status: number, problem: Problem) {
    const msg =
      (locale.value === 'zh' ? problem.detail_zh || problem.detail : problem.detail || problem.detail_zh) ||
      (status === 0 ? networkMessage() : `HTTP ${status}`);
    super(msg);
    this.status = status;
    this.code = problem.code || (status === 0 ? 'network.unreachable' : `http.${status}`);
    this.problem = problem;
  }
  get offline(): boolean {
    return this.status === 0;
  }
}

function networkMessage(): string {
  return locale.value === 'zh'
    ? '无法连接服务器，请检查网络后重试。'
    : 'Cannot reach the server. Check the network and try again.';
}

export function csrfToken(): string {
  const m = document.cookie.match(/(?:^|;\s*)kaoping_csrf=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : '';
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  raw?: boolean; // return the Response (downloads)
  headers?: Record<string, string>;
  body?: BodyInit; // a non-JSON body (file upload)
}

export function url(path: string, query?: RequestOptions['query']): string {
  const u = new URL(path.startsWith('/') ? path : `/api/v1/${path}`, window.location.origin);
  if (query) {
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '') u.searchParams.set(k, String(v));
    }
  }
  return u.pathname + u.search;
}

export async function request<T = unknown>(
  method: string,
  path: string,
  json?: unknown,
  opts: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...(opts.headers || {}) };
  let body: BodyInit | undefined = opts.body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const t = csrfToken();
    if (t) headers['X-CSRF-Token'] = t;
  }
  let res: Response;
  try {
    res = await fetch(url(path, opts.query), { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, {});
  }
  if (opts.raw) {
    if (!res.ok) throw new ApiError(res.status, await readProblem(res));
    return res as unknown as T;
  }
  if (!res.ok) throw new ApiError(res.status, await readProblem(res));
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('Content-Type') || '';
  if (type.includes('json')) return (await res.json()) as T;
  return (await res.text()) as unknown as T;
}

async function readProblem(res: Response): Promise<Problem> {
  try {
    const p = (await res.json()) as Problem;
    return p && typeof p === 'object' ? p : {};
  } catch {
    return {};
  }
}

export const api = {
  get: <T = unknown>(path: string, query?: RequestOptions['query'], opts: RequestOptions = {}) =>
    request<T>('GET', path, undefined, { ...opts, query }),
  post: <T = unknown>(path: string, json: unknown = {}, opts: RequestOptions = {}) => request<T>('POST', path, json, opts),
  put: <T = unknown>(path: string, json: unknown = {}, opts: RequestOptions = {}) => request<T>('PUT', path, json, opts),
  patch: <T = unknown>(path: string, json: unknown = {}, opts: RequestOptions = {}) => request<T>('PATCH', path, json, opts),
  del: <T = unknown>(path: string, opts: RequestOptions = {}) => request<T>('DELETE', path, undefined, opts),
};

// Saves a server file (PDF, JSON, XLSX) under its own name.
export async function download(path: string, filename: string): Promise<void> {
  const res = await request<Response>('GET', path, undefined, { raw: true });
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

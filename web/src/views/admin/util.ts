// Helpers shared by the admin, proctor and examiner pages: error text that says what to do next,
// time formatting, and the standards list (cached for the session).
import { ref } from 'vue';
import { api, ApiError } from '@/api/client';
import { t, pick } from '@/i18n';

// The server's message plus a hint chosen by the kind of failure.
export function explain(e: unknown): string {
  if (e instanceof ApiError) {
    let hint = '';
    if (e.offline) hint = t('adm.hint.offline');
    else if (e.status === 401) hint = t('adm.hint.login');
    else if (e.status === 403) hint = t('adm.hint.denied');
    else if (e.status === 404) hint = t('adm.hint.notfound');
    else if (e.status === 409) hint = t('adm.hint.conflict');
    else if (e.status >= 500) hint = t('adm.hint.server');
    else hint = t('adm.hint.fix');
    return hint ? `${e.message} ${hint}` : e.message;
  }
  return `${String((e as Error)?.message || e)} ${t('adm.hint.server')}`;
}

export function fmtTime(ms?: number | null): string {
  if (!ms) return '—';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function fmtDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m ${String(s % 60).padStart(2, '0')}s`;
}

export interface Level { id: string; name: string; en?: string; rank?: number }
export interface Direction { id: string; name: string; en?: string }
export interface StandardSummary {
  id: string;
  code?: string;
  kind?: string;
  status?: string;
  title: { zh: string; en: string };
  short_name?: { zh: string; en: string };
  levels: Level[];
  directions: Direction[];
  counts?: Record<string, number>;
  source?: { title?: string; issuer?: string; file?: string };
}

// Per page load: a pack imported elsewhere shows after a reload; this tab's import drops it.
const standardsCache = ref<StandardSummary[] | null>(null);
export async function loadStandards(): Promise<StandardSummary[]> {
  if (!standardsCache.value) {
    const res = await api.get<{ standards: StandardSummary[] }>('standards');
    standardsCache.value = res.standards;
  }
  return standardsCache.value;
}

// Drops the cached list (after a pack was imported), so the next loadStandards() asks the server.
export function forgetStandards(): void {
  standardsCache.value = null;
}

export function standardName(s?: StandardSummary | null): string {
  if (!s) return '';
  return pick(s.short_name?.zh || s.title.zh, s.short_name?.en || s.title.en) || s.id;
}

export function levelName(s: StandardSummary | undefined, id: string): string {
  const l = s?.levels.find((x) => x.id === id);
  return l ? pick(l.name, l.en) : id;
}

export interface UserRow { id: number; login: string; display_name: string; roles: string[]; must_change_password?: boolean; created_ms?: number }
// Every user (optionally of one role), following the server's pages of 1000.
export async function loadUsers(role?: string): Promise<UserRow[]> {
  const out: UserRow[] = [];
  for (let after = 0; ; ) {
    const res = await api.get<{ users: UserRow[] }>('users', { role, limit: 1000, after });
    out.push(...res.users);
    if (res.users.length < 1000) return out;
    after = res.users[res.users.length - 1].id;
  }
}

export const ROLES = ['admin', 'author', 'reviewer', 'proctor', 'examiner', 'candidate', 'org', 'auditor'];

// Chinese first, English second. Messages live in per-area modules (i18n/*.ts) so each part of
// the UI owns its own words; `t('area.key')` looks them up in the current locale and falls back
// to Chinese, then to the key itself (a missing key is visible, never blank).
import { ref, watch } from 'vue';
import common from './common';

export type Locale = 'zh' | 'en';
export type Messages = Record<string, { zh: string; en: string }>;

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('kaoping.locale') : null;
export const locale = ref<Locale>(stored === 'en' ? 'en' : 'zh');
watch(locale, (l) => {
  localStorage.setItem('kaoping.locale', l);
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
});

const table: Messages = {};
export function registerMessages(m: Messages): void {
  Object.assign(table, m);
}
registerMessages(common);

// Modules under i18n/ register themselves when imported; this picks up every one of them.
const modules = import.meta.glob<{ default: Messages }>('./*.ts', { eager: true });
for (const [path, mod] of Object.entries(modules)) {
  if (!path.endsWith('/index.ts') && mod.default) registerMessages(mod.default);
}

export function t(key: string, params?: Record<string, string | number>): string {
  const entry = table[key];
  let s = entry ? entry[locale.value] || entry.zh : key;
  if (params) for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

// For server data carrying both languages: {zh, en} or (name, name_en) pairs.
export function pick(zh?: string | null, en?: string | null): string {
  return (locale.value === 'en' ? en || zh : zh || en) || '';
}

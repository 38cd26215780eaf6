// The router. Each area of the UI owns one module in routes/ (public.ts, candidate.ts,
// admin.ts, examiner.ts, …) exporting its RouteRecordRaw[]; this file merges them, so areas can
// grow without touching each other. Route meta:
//   roles:  string[]   — the page needs a login with one of these roles (none: public)
//   nav:    { key, order, roles? } — shown in the header menu (key is an i18n key)
//   wide:   boolean    — no max-width container (exam page, consoles)
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { session, hasRole, loadSession } from '@/stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    roles?: string[];
    nav?: { key: string; order: number; roles?: string[] };
    wide?: boolean;
    title?: string; // i18n key of the page title
  }
}

const modules = import.meta.glob<{ default: RouteRecordRaw[] }>('./*.ts', { eager: true });
const areaRoutes: RouteRecordRaw[] = [];
for (const [path, mod] of Object.entries(modules)) {
  if (!path.endsWith('/index.ts') && Array.isArray(mod.default)) areaRoutes.push(...mod.default);
}

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('@/views/HomeView.vue'), meta: { nav: { key: 'nav.home', order: 0 } } },
  { path: '/login', name: 'login', component: () => import('@/views/LoginView.vue'), meta: { title: 'auth.login' } },
  { path: '/denied', name: 'denied', component: () => import('@/views/DeniedView.vue') },
  ...areaRoutes,
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/views/NotFoundView.vue') },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  if (!session.loaded) await loadSession();
  const roles = to.meta.roles;
  if (roles && roles.length) {
    if (!session.user) return { name: 'login', query: { next: to.fullPath } };
    if (!hasRole(...roles)) return { name: 'denied', query: { from: to.fullPath } };
  }
  return true;
});

// Header menu entries visible to the current user.
export function navEntries(): { path: string; key: string; order: number }[] {
  return router
    .getRoutes()
    .filter((r) => r.meta.nav && (!r.meta.nav.roles || hasRole(...r.meta.nav.roles)))
    .filter((r) => !r.meta.roles || (session.user && hasRole(...r.meta.roles)))
    .map((r) => ({ path: r.path, key: r.meta.nav!.key, order: r.meta.nav!.order }))
    .sort((a, b) => a.order - b.order);
}

// Public area: the standards browser and certificate verification (no login needed).
import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/standards',
    name: 'standards',
    component: () => import('@/views/public/StandardsView.vue'),
    meta: { nav: { key: 'nav.standards', order: 10 }, title: 'nav.standards' },
  },
  { path: '/standards/:id', name: 'standard', component: () => import('@/views/public/StandardView.vue'), props: true },
  {
    path: '/verify',
    name: 'verify',
    component: () => import('@/views/public/VerifyView.vue'),
    meta: { nav: { key: 'nav.verify', order: 20 }, title: 'nav.verify' },
  },
  { path: '/verify/:number', name: 'verify-number', component: () => import('@/views/public/VerifyView.vue'), props: true },
];
export default routes;

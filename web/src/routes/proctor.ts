// Proctor console: my rooms, the live roster of attempts, actions with a reason, event logs.
import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/proctor',
    name: 'proctor',
    component: () => import('@/views/proctor/ProctorView.vue'),
    meta: { roles: ['proctor', 'admin'], nav: { key: 'nav.proctor', order: 40, roles: ['proctor', 'admin'] }, wide: true },
  },
];
export default routes;

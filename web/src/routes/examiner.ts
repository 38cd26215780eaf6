// Examiner: assigned scripts, the blind rubric scoring form, the chief examiner's adjudication queue.
import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/examiner',
    name: 'examiner',
    component: () => import('@/views/examiner/ScriptsView.vue'),
    meta: { roles: ['examiner', 'admin'], nav: { key: 'nav.examiner', order: 30, roles: ['examiner'] } },
  },
  {
    path: '/examiner/scripts/:script',
    name: 'examiner-script',
    component: () => import('@/views/examiner/ScriptView.vue'),
    meta: { roles: ['examiner', 'admin'] },
  },
  {
    path: '/examiner/adjudication',
    name: 'examiner-adjudication',
    component: () => import('@/views/examiner/AdjudicationView.vue'),
    meta: { roles: ['examiner', 'admin'] },
  },
];
export default routes;

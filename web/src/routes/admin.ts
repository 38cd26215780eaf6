// Administration: dashboard, standards, item bank (also for authors and reviewers), blueprint and
// assembly, exam plans, registrations, results, certificates and the audit log.
import type { RouteRecordRaw } from 'vue-router';
import { hasRole } from '@/stores/session';

const ADMIN = ['admin'];
const BANK = ['admin', 'author', 'reviewer'];
const STAFF = [...BANK, 'auditor']; // auditors reach the audit log only

const routes: RouteRecordRaw[] = [
  {
    path: '/admin',
    component: () => import('@/views/admin/AdminLayout.vue'),
    meta: { roles: STAFF, nav: { key: 'nav.admin', order: 50, roles: STAFF } },
    children: [
      {
        path: '',
        name: 'admin',
        component: () => import('@/views/admin/DashboardView.vue'),
        meta: { roles: STAFF, title: 'adm.dash.title' },
        beforeEnter: () => (hasRole(...BANK) ? true : '/admin/audit'),
      },
      { path: 'standards', name: 'admin-standards', component: () => import('@/views/admin/StandardsView.vue'), meta: { roles: ADMIN } },
      { path: 'items', name: 'admin-items', component: () => import('@/views/admin/ItemsView.vue'), meta: { roles: BANK } },
      { path: 'items/new', name: 'admin-item-new', component: () => import('@/views/admin/ItemNewView.vue'), meta: { roles: ['admin', 'author'] } },
      { path: 'items/:id', name: 'admin-item', component: () => import('@/views/admin/ItemView.vue'), meta: { roles: BANK } },
      { path: 'import', name: 'admin-import', component: () => import('@/views/admin/ImportView.vue'), meta: { roles: BANK } },
      { path: 'assemble', name: 'admin-assemble', component: () => import('@/views/admin/AssembleView.vue'), meta: { roles: ADMIN } },
      { path: 'papers/:id', name: 'admin-paper', component: () => import('@/views/admin/PaperView.vue'), meta: { roles: ADMIN } },
      { path: 'plans', name: 'admin-plans', component: () => import('@/views/admin/PlansView.vue'), meta: { roles: ADMIN } },
      { path: 'plans/new', name: 'admin-plan-new', component: () => import('@/views/admin/PlanEditView.vue'), meta: { roles: ADMIN } },
      { path: 'plans/:id', name: 'admin-plan', component: () => import('@/views/admin/PlanView.vue'), meta: { roles: ADMIN } },
      { path: 'registrations', name: 'admin-registrations', component: () => import('@/views/admin/RegistrationsView.vue'), meta: { roles: ADMIN } },
      { path: 'results', name: 'admin-results', component: () => import('@/views/admin/ResultsView.vue'), meta: { roles: ADMIN } },
      { path: 'certificates', name: 'admin-certificates', component: () => import('@/views/admin/CertificatesView.vue'), meta: { roles: ADMIN } },
      { path: 'users', name: 'admin-users', component: () => import('@/views/admin/UsersView.vue'), meta: { roles: ADMIN } },
      { path: 'audit', name: 'admin-audit', component: () => import('@/views/admin/AuditView.vue'), meta: { roles: ['admin', 'auditor'] } },
    ],
  },
];
export default routes;

// Candidate area ("考生中心" at /me): sign-up, profile, eligibility, registration, admission
// ticket, the exam page, results and certificates.
import type { RouteRecordRaw } from 'vue-router';

const roles = ['candidate'];
const routes: RouteRecordRaw[] = [
  { path: '/signup', name: 'signup', component: () => import('@/views/candidate/SignupView.vue'), meta: { title: 'nav.signup' } },
  {
    path: '/me',
    name: 'me',
    component: () => import('@/views/candidate/MeView.vue'),
    meta: { roles, nav: { key: 'nav.candidate', order: 30, roles }, title: 'nav.candidate' },
  },
  { path: '/me/password', name: 'me-password', component: () => import('@/views/candidate/PasswordView.vue'), meta: { roles } },
  { path: '/me/profile', name: 'me-profile', component: () => import('@/views/candidate/ProfileView.vue'), meta: { roles } },
  { path: '/me/eligibility', name: 'me-eligibility', component: () => import('@/views/candidate/EligibilityView.vue'), meta: { roles } },
  { path: '/me/tickets/:id', name: 'me-ticket', component: () => import('@/views/candidate/TicketView.vue'), props: true, meta: { roles } },
  { path: '/me/attempts/:id', name: 'me-exam', component: () => import('@/views/candidate/ExamView.vue'), props: true, meta: { roles, wide: true } },
  { path: '/me/attempts/:id/done', name: 'me-exam-done', component: () => import('@/views/candidate/ExamDoneView.vue'), props: true, meta: { roles } },
  { path: '/me/results', name: 'me-results', component: () => import('@/views/candidate/ResultsView.vue'), meta: { roles } },
  { path: '/me/results/:id', name: 'me-result', component: () => import('@/views/candidate/ResultView.vue'), props: true, meta: { roles } },
];
export default routes;

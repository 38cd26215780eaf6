// The whole journey on a fresh server, through the UI of every role (issue #7's acceptance):
//
//   admin assembles a skill paper and opens a staffed session today
//   → a candidate signs up, registers for the demo theory plan and the new skill plan, is admitted
//   → takes both exams; the skill exam with the network cut for a while and a reload mid-exam,
//     every answer kept; submits through the dialog
//   → the three examiners score the hands-on tasks (and the theory paper's written answers)
//   → the admin computes, reviews and publishes, then issues the certificate
//   → the candidate opens the result and downloads the certificate PDF
//   → the public page verifies it (phone-sized screen).
//
// The candidate answers with the keys an administrator reads through the review API (audited):
// a pass needs theory ≥ 60 and skill ≥ 60 (standard 002 §1.5.3). Screenshots of each step are
// written to KAOPING_ARTIFACTS as journey-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, newPage, screenshot, uiLogin, apiClient } from './harness.mjs';
import { assemblePaperAndOpenSession, approveRegistrations, startScoring, scoreAndPublish, issueCertificate } from './steps/admin.mjs';
import { scoreAllScripts } from './steps/examiner.mjs';
import { signUpAndRegister, takeExam, openResultAndDownloadCertificate } from './steps/candidate.mjs';
import { verifyCertificate } from './steps/public.mjs';

const ctx = serverAndBrowser();

test('admin → candidate (offline gap, reload) → examiners → publish → certificate → public verification', async () => {
  const { server, browser } = ctx;
  const adminApi = await apiClient(server.url, server.admin.login, server.admin.password);
  const theory = (await adminApi.get('plans')).plans.find((p) => p.kind === 'theory' && p.title.includes('演示'));
  assert.ok(theory, 'the demo seeds a theory plan');

  // 1. The administrator assembles a skill paper and opens a staffed session today.
  const admin = await newPage(browser);
  await uiLogin(admin, server.url, server.admin.login, server.admin.password);
  const { planId: skillPlan, paperId } = await assemblePaperAndOpenSession(admin, server, { kind: 'skill', title: '旅程测试 · 中级技能操作考核' });
  assert.ok(skillPlan > 0 && paperId);
  await screenshot(admin, 'journey-1-admin-plan');

  // 2. A candidate signs up and registers for both subjects; pending ones are approved.
  const cand = await newPage(browser);
  const who = await signUpAndRegister(cand, server, { planIds: [theory.id, skillPlan], name: '李建国' });
  await screenshot(cand, 'journey-2-candidate-registered');
  for (const r of who.registrations) {
    if (r.status !== 'approved') await approveRegistrations(admin, server, { planId: r.planId });
  }
  const candApi = await apiClient(server.url, who.login, who.password);
  const regs = (await candApi.get('registrations')).registrations;
  assert.equal(regs.filter((r) => r.status === 'approved').length, 2, JSON.stringify(regs));
  await cand.goto(`${server.url}/me/tickets/${regs.find((r) => r.plan_id === skillPlan).id}`);
  assert.match(await cand.textContent('[data-test=ticket-number]'), /^KP-/);
  await screenshot(cand, 'journey-2-candidate-ticket');

  // The keys of both papers, read as the administrator (audited), so the candidate can pass.
  const keys = new Map();
  for (const a of (await candApi.get('attempts')).attempts) {
    for (const it of (await adminApi.get(`attempts/${a.id}/review`)).items) keys.set(it.item?.id || it.item_id, it.item || it);
  }
  const right = (item) => {
    const k = keys.get(item.itemId);
    if (!k) return undefined;
    const key = k.answer_key || k.answer || [];
    if (item.type === 'multiple_choice') return key;
    if (item.type === 'single_choice' || item.type === 'true_false') return key[0];
    if (item.type === 'fill_in') return (k.blanks || []).map((b) => (b.accepted || [])[0] || '');
    return `${k.reference_answer || ''}\n按任务要求逐项完成：环境检查、部署、配置、验证并记录结果。`.trim();
  };

  // 3. The exams: theory straight through; the skill exam with a network cut and a reload.
  await takeExam(cand, server, { planId: theory.id, offlineGap: false, reload: false, answer: right });
  const skillExam = await takeExam(cand, server, { planId: skillPlan, offlineGap: true, reload: true, answer: right, shots: true });
  assert.equal(skillExam.unanswered, 0, 'every hands-on task was answered and kept');
  await screenshot(cand, 'journey-3-candidate-submitted');
  const skillAttempt = (await candApi.get('attempts')).attempts.find((a) => a.plan_id === skillPlan);
  const saved = await adminApi.get(`attempts/${skillAttempt.id}`);
  assert.equal(saved.status, 'submitted', JSON.stringify(saved));
  assert.equal(saved.answers.filter((a) => a.sequence > 0).length, skillExam.answered, 'the server holds every answer given');

  // 4. Scoring starts; the three examiners score every script assigned to them, blind.
  const examiners = server.demo.examiner || [];
  assert.equal(examiners.length, 3);
  await startScoring(admin, server, { planIds: [theory.id, skillPlan] });
  let scored = 0;
  for (const ex of examiners) {
    const page = await newPage(browser);
    scored += await scoreAllScripts(page, server, { login: ex.login, password: ex.password });
    if (ex === examiners[0]) await screenshot(page, 'journey-4-examiner-scripts');
    await page.close();
  }
  assert.ok(scored >= 3, `examiners scored ${scored} scripts`);

  // 5. The administrator computes, reviews and publishes; then issues the certificate.
  await scoreAndPublish(admin, server, { planIds: [theory.id, skillPlan] });
  const results = (await adminApi.get(`results?user=${who.userId}`)).results;
  assert.equal(results.length, 1, JSON.stringify(results));
  assert.equal(results[0].state, 'published');
  assert.equal(results[0].passed, true, JSON.stringify(results[0].reasons));
  const { number } = await issueCertificate(admin, server, { resultId: results[0].id });
  assert.ok(number, 'a certificate number');
  await screenshot(admin, 'journey-5-admin-certificate');

  // 6. The candidate opens the result and downloads the PDF.
  const { number: seen, pdfBytes } = await openResultAndDownloadCertificate(cand, server, { shots: false });
  assert.equal(seen, number);
  assert.equal(pdfBytes.subarray(0, 4).toString(), '%PDF');
  await screenshot(cand, 'journey-6-candidate-result');

  // 7. Anyone verifies it on a phone-sized screen, as the QR code on the PDF leads them.
  const phone = await newPage(browser, { viewport: { width: 390, height: 844 } });
  assert.equal(await verifyCertificate(phone, server, number, { shot: 'journey-7-public-verify' }), '有效');
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no horizontal scrolling on a phone (${width}px)`);
  await phone.close();
  await cand.close();
  await admin.close();
});

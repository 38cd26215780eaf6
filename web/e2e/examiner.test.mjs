// Scoring through the UI, end to end on one skill plan: the admin assembles a paper and opens a
// staffed session, the demo candidate takes the exam (through the API: the exam page is tested by
// the candidate area), the admin starts scoring, three examiners score blind with the rubric form
// (the third far apart, so criteria need adjudication), the chief examiner adjudicates, the admin
// computes, reviews and publishes the result and issues the certificate.
// Needs the scoring, results and certificate routes (docs/api-scoring-certificates.md): on a
// server without them the test is skipped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, screenshot, uiLogin, apiClient } from './harness.mjs';
import { assemblePaperAndOpenSession, approveRegistrations, startScoring, scoreAndPublish, issueCertificate } from './steps/admin.mjs';
import { scoreAllScripts, adjudicateAll } from './steps/examiner.mjs';

let server;
let browser;
let hasScoring = false;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const r = await fetch(`${server.url}/api/v1/scoring/scripts`);
  const body = await r.json().catch(() => ({}));
  hasScoring = !(r.status === 404 && body.code === 'http.not_found');
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('examiners score blind, the chief adjudicates, the admin publishes and issues the certificate', async (t) => {
  assert.ok(hasScoring, 'the scoring routes exist');
  const admin = await newPage(browser);
  await uiLogin(admin, server.url, server.admin.login, server.admin.password);
  const { planId } = await assemblePaperAndOpenSession(admin, server, { kind: 'skill', level: 'mid', title: '技能操作评分测试' });

  // the candidate registers and takes the exam
  const cand = server.demo.candidate[0];
  const c = await apiClient(server.url, cand.login, cand.password);
  const reg = await c.post(`plans/${planId}/registrations`);
  if (reg.status !== 'approved') await approveRegistrations(admin, server, { planId });
  const { attempts } = await c.get(`attempts?plan=${planId}`);
  assert.equal(attempts.length, 1, 'the attempt is prepared');
  const attemptId = attempts[0].id;
  await c.post(`attempts/${attemptId}/start`);
  const { items } = await c.get(`attempts/${attemptId}/items`);
  for (const it of items) {
    await c.put(`attempts/${attemptId}/answers/${encodeURIComponent(it.item_id)}`, {
      sequence: 1,
      response: { text: `使用 vLLM 部署服务并配置监控：第 ${it.position} 题的操作记录与结果说明。` },
    });
  }
  await c.post(`attempts/${attemptId}/submit`);

  // the same candidate also sits the demo theory plan (plan 1) and answers with the keys (read by
  // the admin through the review route), so the level result can pass and earn a certificate
  const a = await apiClient(server.url, server.admin.login, server.admin.password);
  const theory = (await c.get('attempts?plan=1')).attempts[0];
  if (theory?.status === 'ready') {
    await c.post(`attempts/${theory.id}/start`);
    const review = await a.get(`attempts/${theory.id}/review`);
    for (const it of review.items) {
      let response;
      if (it.type === 'fill_in') response = { blanks: Object.fromEntries(it.blanks.map((b) => [b.id, b.accepted[0]])) };
      else response = it.answer_key;
      await c.put(`attempts/${theory.id}/answers/${encodeURIComponent(it.item_id)}`, { sequence: 1, response });
    }
    await c.post(`attempts/${theory.id}/submit`);
  }
  assert.ok(theory, 'the demo candidate has an attempt on the demo theory plan');
  assert.equal((await c.get(`attempts/${theory.id}`)).status, 'submitted');
  const planIds = [1, planId];

  await startScoring(admin, server, { planIds });
  await admin.waitForSelector('[data-test=scoring-progress]');
  await screenshot(admin, 'admin-plan-scoring');

  const examiners = server.demo.examiner;
  // examiner 1: blind until submitted — nothing names the candidate, no other scores shown
  const e1 = await newPage(browser);
  await uiLogin(e1, server.url, examiners[0].login, examiners[0].password);
  await e1.goto(`${server.url}/examiner`);
  await e1.waitForSelector('[data-test=exm-scripts][data-loaded=true] [data-test=exm-script-link]');
  await screenshot(e1, 'examiner-scripts');
  await e1.click('[data-test=exm-script-link]');
  await e1.waitForSelector('[data-test=exm-submit]');
  const text = await e1.textContent('body');
  assert.ok(!text.includes('演示考生') && !text.includes('KP-0'), 'the script does not identify the candidate');
  assert.equal(await e1.$('[data-test=exm-panel]'), null, 'other scores are hidden before submitting');
  const first = await e1.$('input[data-test^=exm-points-]');
  const max = Number(await first.getAttribute('data-max'));
  await first.fill(String(max + 1));
  await e1.click('[data-test=exm-submit]');
  assert.match(await e1.textContent('[data-test=exm-error]'), /满分|0 到/, 'points above the maximum are refused before sending');
  await screenshot(e1, 'examiner-script');
  await e1.close();

  const n1 = await scoreAllScripts(await newPage(browser), server, { ...examiners[0] });
  assert.ok(n1 >= 1, 'examiner 1 scored the scripts');
  await scoreAllScripts(await newPage(browser), server, { ...examiners[1] });
  const e3 = await newPage(browser);
  await scoreAllScripts(e3, server, { ...examiners[2], points: () => 0 });
  // after submitting, the panel's scores, median and spread are visible
  await e3.goto(`${server.url}/examiner`);
  await e3.selectOption('select[data-test=exm-filter]', 'submitted');
  await e3.click('[data-test=exm-script-link]');
  await e3.waitForSelector('[data-test=exm-panel] [data-test=exm-median]');
  await screenshot(e3, 'examiner-panel');

  const chief = await newPage(browser);
  await uiLogin(chief, server.url, examiners[0].login, examiners[0].password);
  await chief.goto(`${server.url}/examiner/adjudication`);
  await chief.waitForSelector('[data-test=adj-list][data-loaded=true]');
  await screenshot(chief, 'examiner-adjudication');
  const settled = await adjudicateAll(chief, server, { ...examiners[0] });
  assert.ok(settled >= 1, 'the far-apart third examiner put criteria in the queue');
  const progress = await a.get(`plans/${planId}/scoring`);
  assert.equal(progress.scripts_final, progress.scripts_total, 'every script is final');

  const { resultIds } = await scoreAndPublish(admin, server, { planIds });
  assert.equal(resultIds.length, 1, 'one result for the candidate');
  await screenshot(admin, 'admin-results');
  await admin.goto(`${server.url}/admin/results?plan=${planId}`);
  await admin.waitForSelector(`[data-test=res-passed-${resultIds[0]}]`);
  assert.equal((await admin.textContent(`[data-test=res-state-${resultIds[0]}]`)).trim(), '已发布');
  assert.equal((await admin.textContent(`[data-test=res-passed-${resultIds[0]}]`)).trim(), '合格', 'theory and skill both pass');
  const { number } = await issueCertificate(admin, server, { resultId: resultIds[0] });
  assert.ok(number && number !== '—', 'a certificate number');
  await admin.goto(`${server.url}/admin/certificates`);
  await admin.waitForSelector(`[data-test="cert-state-${number}"]`);
  assert.equal((await admin.textContent(`[data-test="cert-state-${number}"]`)).trim(), '有效');
  const [pdf] = await Promise.all([admin.waitForEvent('download'), admin.click(`[data-test="cert-pdf-${number}"]`)]);
  assert.match(pdf.suggestedFilename(), /certificate\.pdf$/);
  await screenshot(admin, 'admin-certificates');
});

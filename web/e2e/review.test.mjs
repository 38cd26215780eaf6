// 综合评审 (comprehensive review) through the UI: the admin opens a senior review plan staffed with
// three examiners, a candidate signs up, is approved and submits two achievements on 考生中心, the
// admin starts scoring, examiner 1 sees the achievements on an anonymous script and scores every
// rubric criterion in the form (examiners 2 and 3 through the API), and the computed result
// carries the panel's review score as the "review" subject.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, newPage, screenshot, uiLogin, apiClient } from './harness.mjs';
import { signUpAndRegister } from './steps/candidate.mjs';
import { startScoring } from './steps/admin.mjs';

const ctx = serverAndBrowser();

test('a review plan: the candidate submits achievements, the panel scores them blind, the result counts them', async () => {
  const { server, browser } = ctx;
  const admin = await apiClient(server.url, server.admin.login, server.admin.password);
  const ids = async (role) =>
    (await admin.get(`users?role=${role}`)).users.filter((u) => u.login.startsWith('demo-')).map((u) => u.id);
  const examiners = (await ids('examiner')).slice(0, 3);
  const plan = await admin.post('plans', {
    title: '大模型部署工程师（高级）综合评审 · 测试',
    standard: 'llm-deploy-engineer',
    level: 'senior',
    kind: 'review',
    duration_minutes: 60,
    rooms: [{ code: 'R01', name: '评审室', capacity: 10, starts_ms: Date.now() + 3_600_000, proctors: (await ids('proctor')).slice(0, 2), examiners }],
  });

  // the candidate registers; the admin approves (senior asks for experience the new account may lack)
  const page = await newPage(browser);
  const who = await signUpAndRegister(page, server, { planIds: [plan.id], name: '李评审' });
  if (who.registrations[0].status !== 'approved') {
    const { registrations } = await admin.get(`registrations?plan=${plan.id}`);
    const mine = registrations.find((r) => r.user_id === who.userId);
    await admin.post(`registrations/${mine.id}/decision`, { decision: 'approve', reason: '材料复核通过 / documents checked' });
  }

  // two achievements through the 考生中心 form; an empty title is refused in plain words
  await page.goto(`${server.url}/me`);
  const panel = page.locator(`[data-test=achievements-${plan.id}]`);
  await panel.waitFor();
  await panel.locator('[data-test=achievement-none]').waitFor();
  await panel.locator('[data-test=achievement-submit]').click();
  assert.match(await panel.locator('[role=alert]').first().innerText(), /请填写成果名称/);
  const works = [
    { kind: 'project', title: '千卡推理集群上线', summary: '负责 vLLM 推理集群的部署、扩缩容与监控，P99 延迟下降 35%。' },
    { kind: 'report', title: '推理成本优化报告', summary: '量化与批处理调优使单位 token 成本下降 40%。' },
  ];
  for (const [i, w] of works.entries()) {
    await panel.locator('[data-test=achievement-kind]').selectOption(w.kind);
    await panel.locator('[data-test=achievement-title]').fill(w.title);
    await panel.locator('[data-test=achievement-summary]').fill(w.summary);
    await panel.locator('[data-test=achievement-submit]').click();
    await page.waitForFunction(
      ([sel, n]) => document.querySelectorAll(`${sel} [data-test=achievement]`).length === n,
      [`[data-test=achievements-${plan.id}]`, i + 1],
    );
  }
  await screenshot(page, 'candidate-review-achievements');
  await page.close();

  // the admin sees them on the plan page (no paper card) and starts scoring there: one anonymous
  // script per candidate with achievements
  const adminPage = await newPage(browser);
  await uiLogin(adminPage, server.url, server.admin.login, server.admin.password);
  await adminPage.goto(`${server.url}/admin/plans/${plan.id}`);
  await adminPage.waitForSelector('[data-test=plan-achievements][data-loaded=true]');
  const card = await adminPage.innerText('[data-test=plan-achievements]');
  for (const w of works) assert.ok(card.includes(w.title), `${w.title} is listed for the admin`);
  assert.equal(await adminPage.$('[data-test=plan-paper-select]'), null, 'a review plan has no paper to attach');
  await startScoring(adminPage, server, { planIds: [plan.id] });
  await adminPage.waitForSelector('[data-test=scoring-progress]');
  await screenshot(adminPage, 'admin-review-plan');
  await adminPage.close();
  const examinerLogins = server.demo.examiner.map((e) => e.login);
  const e1 = await newPage(browser);
  await uiLogin(e1, server.url, server.demo.examiner[0].login, server.demo.examiner[0].password);
  await e1.goto(`${server.url}/examiner`);
  await e1.waitForSelector('[data-test=exm-scripts][data-loaded=true]');
  const list = await e1.innerText('[data-test=exm-scripts]');
  assert.match(list, /综合评审/);
  await e1.click('[data-test=exm-script-link]');
  await e1.waitForSelector('[data-test=exm-review-materials]');
  const materials = await e1.innerText('[data-test=exm-review-materials]');
  for (const w of works) assert.ok(materials.includes(w.title), `${w.title} is shown to the examiner`);
  assert.ok(!(await e1.innerText('main, body')).includes('李评审'), 'the candidate is not named');
  const code = (await e1.innerText('[data-test=exm-script-code]')).trim();
  const inputs = await e1.$$('input[data-test^=exm-points-]');
  assert.ok(inputs.length >= 3, 'one input per rubric criterion (per 职业功能)');
  const rubric = [];
  for (const input of inputs) {
    const id = (await input.getAttribute('data-test')).replace('exm-points-', '');
    const max = Number(await input.getAttribute('data-max'));
    rubric.push({ id, max });
    await input.fill(String(max * 0.8));
  }
  await screenshot(e1, 'examiner-review-script');
  await e1.click('[data-test=exm-submit]');
  await e1.waitForSelector('[data-test=exm-notice]');
  await e1.close();

  for (const login of examinerLogins.slice(1, 3)) {
    const e = await apiClient(server.url, login, server.demo.examiner.find((x) => x.login === login).password);
    await e.post(`scoring/scripts/${encodeURIComponent(code)}/scores`, {
      scores: Object.fromEntries(rubric.map((c) => [c.id, c.max * 0.8])),
    });
  }

  const computed = await admin.post(`plans/${plan.id}/results/compute`, {});
  const result = computed.results.find((r) => r.user_id === who.userId);
  assert.ok(result, 'the candidate has a result');
  const review = result.subjects.find((s) => s.subject === 'review');
  assert.ok(review, 'the review subject is part of the decision');
  assert.equal(review.score, 80);
  // theory and skill are still to come: a review alone never grants the level (002 review_levels)
  assert.equal(result.passed, false);
});

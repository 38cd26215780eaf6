// Candidate area in a real browser: sign-up, profile (masked ID, check-digit error in words),
// eligibility, registration for the demo theory plan, the admission ticket, the exam with a
// network cut and a reload, submitting through the dialog; and a dedicated test that answers
// typed while offline reach the server after reconnecting, in order, without an older save ever
// overwriting a newer one — also across a reload while the server is unreachable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, screenshot, uiLogin, apiClient } from './harness.mjs';
import {
  signUpAndRegister,
  takeExam,
  testIdNumber,
  gotoQuestion,
  currentItem,
  giveAnswer,
  waitAllSaved,
  openResultAndDownloadCertificate,
} from './steps/candidate.mjs';
import { verifyCertificate } from './steps/public.mjs';

let server;
let browser;
let routes = {};
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  routes = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()).paths || {};
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

// A candidate made through the API (for the tests that are about the exam page, not sign-up).
async function apiCandidate(login) {
  const password = 'Kaoping-test-2026!';
  let r = await fetch(`${server.url}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, display_name: login, password }),
  });
  assert.equal(r.status, 201, await r.text());
  const api = await apiClient(server.url, login, password);
  await api.put('me/profile', { full_name: '测试考生', id_number: testIdNumber(), education: 'bachelor', field_related: true });
  const reg = await api.post('plans/1/registrations');
  assert.equal(reg.status, 'approved');
  const attempt = (await api.get('attempts')).attempts.find((a) => a.registration_id === reg.id);
  return { login, password, api, attemptId: attempt.id, userId: reg.user_id };
}

test('sign up, profile with masked ID, eligibility in words, register, ticket, exam with a network cut and a reload, submit', async () => {
  const page = await newPage(browser);
  // the check digit is explained in words before anything is sent
  await page.goto(`${server.url}/signup`);
  const who = await signUpAndRegister(page, server, { planIds: [], shots: true });
  await page.goto(`${server.url}/me/profile`);
  await page.waitForSelector('[data-test=profile-id-masked]');
  const masked = await page.innerText('[data-test=profile-id-masked]');
  assert.match(masked, /\d{4}\*{10}[\dX]{4}/, 'the ID number is shown masked');
  const good = testIdNumber();
  const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  await page.fill('input[data-test=profile-id]', bad);
  assert.match(await page.innerText('[data-test=profile-id-error]'), /校验码不正确/);
  await screenshot(page, 'candidate-profile-id-error');

  // eligibility for 中级 of llm-deploy-engineer, in plain words
  await page.goto(`${server.url}/me/eligibility`);
  await page.selectOption('[data-test=elig-standard]', 'llm-deploy-engineer');
  await page.selectOption('[data-test=elig-level]', 'mid');
  await page.click('[data-test=elig-check]');
  await page.waitForSelector('[data-test=eligibility]');
  assert.equal(await page.getAttribute('[data-test=eligibility]', 'data-verdict'), 'eligible');
  assert.match(await page.innerText('[data-test=eligibility]'), /符合中级申报条件/);
  await screenshot(page, 'candidate-eligibility');
  // 高级 is not reachable with this profile: the missing conditions are listed
  await page.selectOption('[data-test=elig-level]', 'senior');
  await page.click('[data-test=elig-check]');
  await page.waitForSelector('[data-test=eligibility][data-verdict=not_eligible]');
  assert.match(await page.innerText('[data-test=eligibility]'), /尚缺/);

  // register for the demo theory plan → approved by the rules
  await page.goto(`${server.url}/me`);
  await page.click('[data-test=register-1]');
  await page.waitForSelector('[data-test=register-result][data-status=approved]');
  await page.waitForSelector('[data-test=registration][data-plan="1"][data-status=approved]');
  await screenshot(page, 'candidate-registered');

  // the admission ticket
  await page.click('[data-test=ticket-link-1]');
  await page.waitForSelector('[data-test=ticket]');
  assert.match(await page.innerText('[data-test=ticket-number]'), /^KP-000001-A01-\d{3}-[0-9A-Z]$/);
  assert.match(await page.innerText('[data-test=ticket-id]'), /\*{10}/);
  await screenshot(page, 'candidate-ticket');

  const { attemptId, answered, unanswered } = await takeExam(page, server, { planId: 1, offlineGap: true, reload: true, shots: true });
  assert.equal(unanswered, 0, 'the dialog counts no unanswered item');
  assert.equal(await page.getAttribute('[data-test=exam-done]', 'data-status'), 'submitted');
  // the server holds an answer for every item
  const api = await apiClient(server.url, who.login, who.password);
  const a = await api.get(`attempts/${attemptId}`);
  assert.equal(a.status, 'submitted');
  assert.equal(a.answers.filter((x) => x.sequence > 0).length, answered);
  assert.equal(answered, a.item_count);
  await page.close();
});

test('a registration the rules reject shows why; an administrator approves it with a reason and the page shows the ticket', async () => {
  const login = `rej${Date.now().toString(36)}`;
  const password = 'Kaoping-test-2026!';
  const r = await fetch(`${server.url}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, display_name: login, password }),
  });
  assert.equal(r.status, 201);
  const api = await apiClient(server.url, login, password);
  // secondary education, unrelated field, no work: not eligible for 中级
  await api.put('me/profile', { full_name: '赵六', id_number: testIdNumber(), education: 'secondary', field_related: false });
  const page = await newPage(browser);
  await uiLogin(page, server.url, login, password);
  await page.goto(`${server.url}/me`);
  await page.click('[data-test=register-1]');
  await page.waitForSelector('[data-test=register-result][data-status=rejected]');
  const why = await page.innerText('[data-test=register-result]');
  assert.match(why, /暂不符合申报条件/);
  assert.match(why, /尚缺/, 'the missing conditions are listed');
  await page.waitForSelector('[data-test=registration][data-plan="1"][data-status=rejected]');
  await screenshot(page, 'candidate-registration-rejected');

  const admin = await apiClient(server.url, server.admin.login, server.admin.password);
  const reg = (await api.get('registrations')).registrations[0];
  await admin.post(`registrations/${reg.id}/decision`, { decision: 'approve', reason: '材料复核：具备同等工作能力证明' });
  await page.reload();
  await page.waitForSelector('[data-test=registration][data-plan="1"][data-status=approved]');
  assert.match(await page.innerText('[data-test=registration]'), /材料复核/);
  await page.click('[data-test=ticket-link-1]');
  await page.waitForSelector('[data-test=ticket-number]');
  await page.close();
});

test('a skill exam: practical tasks show their instructions and take written answers; short paper with a network cut and a reload', async () => {
  const admin = await apiClient(server.url, server.admin.login, server.admin.password);
  const assembled = await admin.post('assemble', { standard: 'llm-deploy-engineer', level: 'mid', kind: 'skill', save: true });
  const paperId = assembled.coverage[0].paper_id;
  const ids = async (role) => (await admin.get(`users?role=${role}`)).users.filter((u) => u.login.startsWith('demo-')).map((u) => u.id);
  const plan = await admin.post('plans', {
    title: '大模型部署工程师（中级）技能操作考核 · 测试',
    standard: 'llm-deploy-engineer',
    level: 'mid',
    kind: 'skill',
    duration_minutes: 120,
    rooms: [{ code: 'S01', name: '实操考场', capacity: 10, starts_ms: Date.now() - 60_000, proctors: (await ids('proctor')).slice(0, 2), examiners: (await ids('examiner')).slice(0, 3) }],
  });
  await admin.put(`plans/${plan.id}/paper`, { paper_id: paperId });

  const page = await newPage(browser);
  const who = await signUpAndRegister(page, server, { planIds: [plan.id] });
  assert.equal(who.registrations[0].status, 'approved');
  const texts = new Map();
  const { attemptId, unanswered } = await takeExam(page, server, {
    planId: plan.id,
    offlineGap: true,
    reload: true,
    answer: async (item) => {
      assert.ok(['practical', 'short_answer'].includes(item.type), item.type);
      if (item.type === 'practical') assert.ok((await page.innerText('[data-test=question]')).includes('任务说明'));
      const text = `第 ${item.index} 题作答：先检查 nvidia-smi 显存占用，再用 vLLM 启动服务并配置监控告警。`;
      texts.set(item.itemId, text);
      if (item.index === 1) await screenshot(page, 'candidate-exam-practical');
      return text;
    },
  });
  assert.equal(unanswered, 0);
  const api = await apiClient(server.url, who.login, who.password);
  const saved = (await api.get(`attempts/${attemptId}`)).answers;
  assert.equal(saved.length, texts.size);
  for (const a of saved) assert.deepEqual(a.response, { text: texts.get(a.item_id) });
  await page.close();
});

test('an account an administrator created must set its own password first', async () => {
  const admin = await apiClient(server.url, server.admin.login, server.admin.password);
  const login = `prov${Date.now().toString(36)}`;
  await admin.post('users', { login, display_name: '批量考生', password: 'Initial-pass-2026', roles: ['candidate'], must_change_password: true });
  const page = await newPage(browser);
  await uiLogin(page, server.url, login, 'Initial-pass-2026');
  await page.waitForURL(/\/me\/password/);
  await page.waitForSelector('[data-test=pw-required]');
  await page.fill('input[data-test=pw-old]', 'Initial-pass-2026');
  await page.fill('input[data-test=pw-new]', 'My-own-pass-2026!');
  await page.fill('input[data-test=pw-confirm]', 'My-own-pass-2026!');
  await screenshot(page, 'candidate-password');
  await page.click('[data-test=pw-submit]');
  await page.waitForURL(/\/me$/);
  await page.waitForSelector('[data-test=me-profile]');
  await apiClient(server.url, login, 'My-own-pass-2026!'); // the new password works
  await page.close();
});

test('answers typed while offline reach the server after reconnecting, in order, newest wins', async () => {
  const cand = await apiCandidate(`offline${Date.now().toString(36)}`);
  const page = await newPage(browser);
  await uiLogin(page, server.url, cand.login, cand.password);
  await page.goto(`${server.url}/me/attempts/${cand.attemptId}`);
  await page.click('[data-test=exam-start]');
  await page.waitForSelector('[data-test=question]');

  // find a single-choice item and a fill-in item
  const items = (await cand.api.get(`attempts/${cand.attemptId}/items`)).items;
  const single = items.findIndex((i) => i.type === 'single_choice' && i.options.length >= 4) + 1;
  const fill = items.findIndex((i) => i.type === 'fill_in') + 1;
  assert.ok(single > 0 && fill > 0);

  // one answer while online
  await gotoQuestion(page, single);
  const sItem = await currentItem(page);
  await giveAnswer(page, sItem, sItem.options[0]);
  await waitAllSaved(page);
  const before = (await cand.api.get(`attempts/${cand.attemptId}`)).answers.find((x) => x.item_id === sItem.itemId);
  assert.deepEqual(before.response, { choice: [sItem.options[0]] });

  // offline: change the single choice three times, then type into the blank twice
  await page.context().setOffline(true);
  for (const o of [sItem.options[1], sItem.options[2], sItem.options[3]]) {
    await giveAnswer(page, sItem, o);
    await page.waitForSelector('[data-test=save-state][data-state=offline]');
  }
  await page.click('[data-test=flag]');
  await gotoQuestion(page, fill);
  const fItem = await currentItem(page);
  await giveAnswer(page, fItem, fItem.blanks.map(() => 'utf8'));
  await giveAnswer(page, fItem, fItem.blanks.map(() => 'utf8mb4'));
  await page.waitForSelector('[data-test=save-state][data-state=offline]');
  assert.match(await page.innerText('[data-test=net-status]'), /离线待同步/);
  await screenshot(page, 'candidate-exam-offline-changes');
  // nothing of that reached the server yet
  let server1 = (await cand.api.get(`attempts/${cand.attemptId}`)).answers;
  assert.deepEqual(server1.find((x) => x.item_id === sItem.itemId).response, { choice: [sItem.options[0]] });
  assert.equal(server1.find((x) => x.item_id === fItem.itemId), undefined);

  // reconnect: the journal flushes in order
  await page.context().setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await waitAllSaved(page);
  const after = (await cand.api.get(`attempts/${cand.attemptId}`)).answers;
  const s2 = after.find((x) => x.item_id === sItem.itemId);
  const f2 = after.find((x) => x.item_id === fItem.itemId);
  assert.deepEqual(s2.response, { choice: [sItem.options[3]] }, 'the last choice made offline wins');
  assert.ok(s2.sequence > before.sequence, `sequence grew (${before.sequence} → ${s2.sequence})`);
  assert.equal(s2.flagged, true, 'the flag set offline arrived');
  assert.deepEqual(f2.response, { blanks: fItem.blanks.map(() => 'utf8mb4') }, 'the last text typed offline wins');
  assert.ok(s2.saved_ms <= f2.saved_ms, 'saved in the order they were made (the choice before the blank)');

  // an older save sent again (a late retry) never overwrites the newer answer
  const late = await fetch(`${server.url}/api/v1/attempts/${cand.attemptId}/answers/${encodeURIComponent(sItem.itemId)}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${cand.api.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ sequence: before.sequence, response: { choice: [sItem.options[0]] } }),
  });
  assert.equal(late.status, 200);
  assert.equal((await late.json()).applied, false);
  const s3 = (await cand.api.get(`attempts/${cand.attemptId}`)).answers.find((x) => x.item_id === sItem.itemId);
  assert.deepEqual(s3.response, { choice: [sItem.options[3]] });

  // the server unreachable while the page reloads: answers typed before stay in the journal and
  // are sent after the reload once the server answers again
  await page.route('**/api/v1/attempts/*/answers/*', (route) => route.abort('internetdisconnected'));
  await gotoQuestion(page, single);
  await giveAnswer(page, sItem, sItem.options[2]);
  await page.waitForSelector('[data-test=save-state][data-state=offline]');
  await page.route('**/api/v1/attempts/*/answers/*', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await page.waitForSelector('[data-test=question]');
  await gotoQuestion(page, single);
  assert.equal(await page.isChecked(`[data-test=question] input[data-test="opt-${sItem.options[2]}"]`), true, 'the unsent answer is shown after the reload');
  await page.waitForSelector('[data-test=save-state][data-state=offline]');
  await page.unrouteAll();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await waitAllSaved(page);
  const s4 = (await cand.api.get(`attempts/${cand.attemptId}`)).answers.find((x) => x.item_id === sItem.itemId);
  assert.deepEqual(s4.response, { choice: [sItem.options[2]] });
  assert.ok(s4.sequence > s2.sequence);

  // submit: the dialog counts the unanswered and flagged items
  await page.click('[data-test=submit-open]');
  await page.waitForSelector('[data-test=submit-unanswered]');
  assert.equal(Number(await page.getAttribute('[data-test=submit-unanswered]', 'data-count')), items.length - 2);
  assert.match(await page.innerText('[data-test=submit-unanswered]'), new RegExp(`还有 ${items.length - 2} 题未作答`));
  assert.equal(Number(await page.getAttribute('[data-test=submit-flagged]', 'data-count')), 1);
  await page.click('[data-test=submit-confirm]');
  await page.waitForSelector('[data-test=exam-done][data-status=submitted]');
  // late saves are refused with words once submitted
  await page.goto(`${server.url}/me/attempts/${cand.attemptId}`);
  await page.waitForSelector('[data-test=exam-closed]');
  await page.close();
});

test('theory + skill exams through the UI → examiners score → published result with capability chart; certificate download when issued', async (t) => {
  assert.ok(Object.keys(routes).some((p) => p.startsWith('/api/v1/results')), 'the results routes exist');
  const admin = await apiClient(server.url, server.admin.login, server.admin.password);
  const plans = (await admin.get('plans')).plans.filter((p) => p.standard === 'llm-deploy-engineer' && p.level === 'mid' && p.title.includes('演示'));
  const theory = plans.find((p) => p.kind === 'theory');
  const skill = plans.find((p) => p.kind === 'skill');
  assert.ok(theory && skill, 'the demo seeds a theory and a skill plan');
  const cand = await apiCandidate(`result${Date.now().toString(36)}`);
  await cand.api.post(`plans/${skill.id}/registrations`);
  const attempts = (await cand.api.get('attempts')).attempts;
  // the keys, read as the administrator (audited), so the candidate can answer the theory paper right
  const keys = new Map();
  for (const a of attempts) for (const it of (await admin.get(`attempts/${a.id}/review`)).items) keys.set(it.item_id, it);
  const page = await newPage(browser);
  await uiLogin(page, server.url, cand.login, cand.password);
  const right = (item) => {
    const k = keys.get(item.itemId);
    if (!k) return undefined;
    if (item.type === 'multiple_choice') return k.answer_key;
    if (item.type === 'single_choice' || item.type === 'true_false') return k.answer_key[0];
    if (item.type === 'fill_in') return k.blanks.map((b) => b.accepted[0]);
    return `${k.reference_answer || ''}\n按任务要求逐项完成：部署、配置、验证与记录。`.trim();
  };
  await takeExam(page, server, { planId: theory.id, offlineGap: false, reload: false, answer: right });
  await takeExam(page, server, { planId: skill.id, offlineGap: false, reload: false, answer: right });

  await admin.post(`plans/${theory.id}/scoring/start`);
  await admin.post(`plans/${skill.id}/scoring/start`);
  for (const ex of server.demo.examiner || []) {
    const api = await apiClient(server.url, ex.login, ex.password);
    for (const s of (await api.get('scoring/scripts')).scripts.filter((x) => x.mine === 'pending')) {
      const view = await api.get(`scoring/scripts/${encodeURIComponent(s.script)}`);
      const scores = Object.fromEntries(view.rubric.map((c) => [c.id, Math.floor(c.max_points * 0.9)]));
      await api.post(`scoring/scripts/${encodeURIComponent(s.script)}/scores`, { scores });
    }
  }
  await admin.post(`plans/${skill.id}/results/compute`);
  await admin.post(`plans/${skill.id}/results/publish`);
  await admin.post(`plans/${skill.id}/certificates`);

  await page.goto(`${server.url}/me/results`);
  await page.waitForSelector('[data-test=result-row]');
  await page.locator('[data-test^=result-link-]').first().click();
  await page.waitForSelector('[data-test=result-decision]');
  assert.equal(await page.getAttribute('[data-test=result-decision]', 'data-passed'), 'true', await page.innerText('[data-test=result-decision]'));
  assert.equal(await page.locator('[data-test=subject]').count(), 2, 'theory and skill');
  await page.waitForSelector('[data-test=chart] canvas');
  await screenshot(page, 'candidate-result');
  const { number, pdfBytes } = await openResultAndDownloadCertificate(page, server, { shots: true });
  assert.ok(number);
  assert.equal(pdfBytes.subarray(0, 4).toString(), '%PDF');
  // the credential JSON downloads too, and the public page verifies both the number and the file
  const cert = page.locator('[data-test=certificate]').first();
  const [dl] = await Promise.all([page.waitForEvent('download'), cert.locator('[data-test=certificate-json]').click()]);
  const chunks = [];
  for await (const c of await dl.createReadStream()) chunks.push(c);
  const credential = Buffer.concat(chunks);
  assert.ok(JSON.parse(credential.toString()).proof || JSON.parse(credential.toString()).type, 'a signed credential');
  const phone = await newPage(browser, { viewport: { width: 390, height: 844 } });
  assert.equal(await verifyCertificate(phone, server, number, { shot: 'public-verify-valid-phone' }), '有效');
  assert.match(await phone.innerText('[data-test=verify-holder]'), /\*/, 'the holder is masked');
  await phone.setInputFiles('input[data-test=verify-file]', { name: `${number}.credential.json`, mimeType: 'application/json', buffer: credential });
  await phone.waitForFunction(() => document.querySelector('[data-test=verify-result]')?.getAttribute('data-state') === 'valid');
  await phone.close();
  await page.close();
});

test('countdown follows the server despite a wrong local clock; warnings; a server-closed attempt locks the page with words', async () => {
  const cand = await apiCandidate(`clock${Date.now().toString(36)}`);
  const page = await newPage(browser);
  await uiLogin(page, server.url, cand.login, cand.password);
  // the computer's clock is 2 hours fast: the countdown must still show the server's 90 minutes
  await page.clock.install({ time: Date.now() + 2 * 3600_000 });
  await page.goto(`${server.url}/me/attempts/${cand.attemptId}`);
  await page.click('[data-test=exam-start]');
  await page.waitForSelector('[data-test=question]');
  await page.clock.runFor(1000);
  const shown = await page.innerText('[data-test=countdown]');
  const [, h, m] = shown.match(/(\d\d):(\d\d):(\d\d)/).map(Number);
  assert.ok(h * 60 + m >= 88 && h * 60 + m <= 90, `countdown shows about 90 minutes (${shown})`);

  // keyboard: → moves to the next question, typing a number jumps there
  await page.locator('[data-test=stem]').focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('[data-test=nav-2][data-state~=current]');
  await page.keyboard.type('12');
  await page.clock.runFor(1000);
  await page.waitForSelector('[data-test=nav-12][data-state~=current]');
  await page.keyboard.press('ArrowLeft');
  await page.waitForSelector('[data-test=nav-11][data-state~=current]');

  // 76 minutes later (local clock): the 15-minute warning
  await page.clock.fastForward(76 * 60_000);
  await page.waitForSelector('[data-test=time-warning]');
  assert.match(await page.innerText('[data-test=time-warning]'), /15 分钟/);
  await screenshot(page, 'candidate-exam-warning');
  await page.click('[data-test=locale]');
  await page.waitForSelector('text=Time left');
  assert.match(await page.innerText('[data-test=question]'), /Question \d+ of 80/);
  await screenshot(page, 'candidate-exam-en');
  await page.click('[data-test=locale]');

  // the proctor (here: the admin) ends the attempt; the next save is refused and the page says so
  const admin = await apiClient(server.url, server.admin.login, server.admin.password);
  await admin.post(`attempts/${cand.attemptId}/proctor/submit`, { reason: '测试：监考员收卷' });
  const item = await currentItem(page);
  await giveAnswer(page, item, item.type === 'fill_in' ? item.blanks.map(() => 'x') : item.options[0] ?? 'x');
  await page.waitForSelector('[data-test=exam-locked]');
  const msg = await page.innerText('[data-test=exam-locked]');
  assert.ok(msg.length > 4, `a clear message (${msg})`);
  await screenshot(page, 'candidate-exam-closed');
  await page.close();
});

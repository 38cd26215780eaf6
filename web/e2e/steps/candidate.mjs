// Journey steps of the candidate area (UI only), shared by this area's tests and the lead's
// end-to-end journey: sign up and register, take the exam, open the result and download the
// certificate.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { screenshot } from '../harness.mjs';

// A valid GB 11643 ID number that belongs to nobody we know (random birth date and sequence).
export function testIdNumber() {
  const body = `110105${1980 + randomInt(20)}${String(1 + randomInt(12)).padStart(2, '0')}${String(1 + randomInt(28)).padStart(2, '0')}${String(randomInt(1000)).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body[i]) * w[i];
  return body + '10X98765432'[s % 11];
}

// Signs up through the UI, fills in a profile that meets 中级 of llm-deploy-engineer (a related
// bachelor's degree; clause (3)) and registers for each plan. A registration may stay pending
// (needs review): the caller approves it. Returns {login, password, userId, registrations}.
export async function signUpAndRegister(page, server, { planIds = [1], login, name = '王小明', shots = false } = {}) {
  login ||= `cand${Date.now().toString(36)}${randomInt(1000)}`;
  const password = 'Kaoping-test-2026!';
  await page.goto(`${server.url}/signup`);
  await page.fill('input[data-test=signup-login]', login);
  await page.fill('input[data-test=signup-name]', name);
  await page.fill('input[data-test=signup-password]', password);
  await page.fill('input[data-test=signup-confirm]', password);
  if (shots) await screenshot(page, 'candidate-signup');
  await page.click('[data-test=signup-submit]');
  await page.waitForURL(/\/me\/profile/);
  await page.waitForSelector('[data-test=profile-form]');
  await page.fill('input[data-test=profile-name]', name);
  await page.fill('input[data-test=profile-id]', testIdNumber());
  await page.selectOption('[data-test=profile-education]', 'bachelor');
  await page.check('[data-test=profile-related]');
  await page.click('[data-test=work-add]');
  await page.fill('[data-test=work-org-0]', '某智能科技有限公司');
  await page.fill('[data-test=work-pos-0]', '模型部署工程师');
  await page.fill('[data-test=work-from-0]', '2021-03');
  if (shots) await screenshot(page, 'candidate-profile');
  await page.click('[data-test=profile-save]');
  await page.waitForURL(/\/me\/eligibility/);
  const userId = await page.evaluate(async () => (await (await fetch('/api/v1/auth/me')).json()).id);
  const registrations = [];
  for (const planId of planIds) {
    await page.goto(`${server.url}/me`);
    await page.click(`[data-test=register-${planId}]`);
    const res = page.locator('[data-test=register-result]');
    await res.waitFor();
    registrations.push({ planId, status: await res.getAttribute('data-status') });
  }
  if (shots) await screenshot(page, 'candidate-home');
  return { login, password, userId, registrations };
}

// Default answers: the first option, the first two options of a multiple choice, a word per
// blank, and a meaningful paragraph for written and hands-on answers.
export function defaultAnswer(item) {
  switch (item.type) {
    case 'single_choice':
    case 'true_false':
      return item.options[0];
    case 'multiple_choice':
      return item.options.slice(0, 2);
    case 'fill_in':
      return item.blanks.map(() => 'utf8mb4');
    default:
      return '部署方案：使用 vLLM 在 GPU 服务器上部署模型，设置 gpu-memory-utilization 为 0.9，开启连续批处理；通过 Prometheus 与 DCGM Exporter 监控显存、延迟和吞吐，并设置告警阈值；上线前用压测验证 P95 延迟满足要求。';
  }
}

// Reads the question on screen: {index, itemId, type, options, blanks}.
export async function currentItem(page) {
  const q = page.locator('[data-test=question]');
  await q.waitFor();
  const type = await q.getAttribute('data-type');
  const itemId = await q.getAttribute('data-item-id');
  const options = await q.locator('input[data-test^=opt-]').evaluateAll((els) => els.map((e) => e.value));
  const blanks = await q.locator('input[data-test^=blank-]').count();
  return { itemId, type, options, blanks: Array.from({ length: blanks }, (_, i) => i) };
}

// Puts an answer into the question on screen through the controls a candidate uses.
export async function giveAnswer(page, item, value) {
  const q = page.locator('[data-test=question]');
  if (item.type === 'single_choice' || item.type === 'true_false') {
    await q.locator(`input[data-test="opt-${value}"]`).check();
  } else if (item.type === 'multiple_choice') {
    const want = new Set(Array.isArray(value) ? value : [value]);
    for (const o of item.options) {
      const box = q.locator(`input[data-test="opt-${o}"]`);
      if (want.has(o)) await box.check();
      else await box.uncheck();
    }
  } else if (item.type === 'fill_in') {
    const arr = Array.isArray(value) ? value : [value];
    for (let i = 0; i < item.blanks.length; i++) await q.locator(`input[data-test=blank-${i}]`).fill(arr[i] ?? '');
  } else {
    await q.locator('[data-test=text-answer]').fill(String(value));
  }
}

export async function gotoQuestion(page, n) {
  await page.click(`[data-test=nav-${n}]`);
  await page.waitForFunction((k) => document.querySelector(`[data-test=nav-${k}]`)?.getAttribute('data-state')?.includes('current'), n);
}

export async function waitAllSaved(page, timeout = 30_000) {
  await page.waitForFunction(() => /全部已保存|all saved/.test(document.querySelector('[data-test=net-status]')?.textContent || ''), null, { timeout });
}

// Opens the exam of `planId` from 考生中心 (starting it if needed) and answers every item. With
// `offlineGap`, the network is cut for a third of the items (the saved state must show 离线待同步)
// and restored; with `reload`, the page is reloaded mid-exam and every answer so far must still be
// there. `answer(item)` ({index, itemId, type, options, blanks}) may return the option id(s), the
// blank texts or the written text to give (undefined: defaultAnswer). Submits through the dialog.
// Returns {attemptId, answered, unanswered}.
export async function takeExam(page, server, { planId = 1, offlineGap = true, reload = true, answer, shots = false } = {}) {
  await page.goto(`${server.url}/me`);
  await page.click(`[data-test=exam-link-${planId}]`);
  await page.waitForURL(/\/me\/attempts\/\d+/);
  const attemptId = Number(page.url().match(/attempts\/(\d+)/)[1]);
  await page.waitForSelector('[data-test=exam-start], [data-test=question]');
  const start = page.locator('[data-test=exam-start]');
  if (await start.isVisible()) {
    if (shots) await screenshot(page, 'candidate-exam-start');
    await start.click();
    await page.waitForSelector('[data-test=question], [data-test=exam-error]');
    const err = page.locator('[data-test=exam-error]');
    if (await err.isVisible()) throw new Error(`the exam did not start: ${await err.innerText()}`);
  }
  await page.waitForSelector('[data-test=question]');
  const total = await page.locator('[data-test^=nav-]').count();
  const given = new Map();
  // the network is cut for questions offFrom..offTo (inclusive), then restored; the reload comes
  // after that (at two thirds, or after the last question on a short paper)
  const offFrom = Math.max(1, Math.floor(total / 3));
  const offTo = Math.min(total, offFrom + 3);
  const reloadAt = Math.max(Math.floor((2 * total) / 3), offlineGap ? offTo + 1 : 1);
  const checkKept = async (upTo) => {
    for (let k = 1; k <= upTo; k++) {
      const st = await page.getAttribute(`[data-test=nav-${k}]`, 'data-state');
      assert.match(st, /answered/, `question ${k} keeps its answer after the reload`);
    }
  };
  const doReload = async (upTo) => {
    await waitAllSaved(page);
    await page.reload();
    await page.waitForSelector('[data-test=question]');
    await checkKept(upTo);
  };
  for (let n = 1; n <= total; n++) {
    if (offlineGap && n === offFrom) {
      await waitAllSaved(page);
      await page.context().setOffline(true);
    }
    if (reload && n === reloadAt) await doReload(n - 1);
    await gotoQuestion(page, n);
    const item = { ...(await currentItem(page)), index: n };
    const value = (answer && (await answer(item))) ?? defaultAnswer(item);
    await giveAnswer(page, item, value);
    given.set(n, item.type);
    if (offlineGap && n >= offFrom && n <= offTo) {
      await page.waitForSelector('[data-test=save-state][data-state=offline]');
      if (shots && n === offFrom) await screenshot(page, 'candidate-exam-offline');
      if (n === offTo) {
        await page.context().setOffline(false);
        await page.evaluate(() => window.dispatchEvent(new Event('online')));
        await waitAllSaved(page);
      }
    }
  }
  if (reload && reloadAt > total) await doReload(total);
  await waitAllSaved(page);
  if (shots) await screenshot(page, 'candidate-exam');
  await page.click('[data-test=submit-open]');
  const dlg = page.locator('[data-test=submit-unanswered]');
  await dlg.waitFor();
  const unanswered = Number(await dlg.getAttribute('data-count'));
  if (shots) {
    await page.waitForTimeout(500); // the dialog's opening animation
    await screenshot(page, 'candidate-exam-submit');
  }
  await page.click('[data-test=submit-confirm]');
  await page.waitForSelector('[data-test=exam-done]');
  if (shots) await screenshot(page, 'candidate-exam-done');
  return { attemptId, answered: given.size, unanswered };
}

// Opens the newest published result (decision, capability chart) and downloads the certificate
// PDF. Returns {number, pdfBytes, resultText}.
export async function openResultAndDownloadCertificate(page, server, { shots = false } = {}) {
  await page.goto(`${server.url}/me/results`);
  await page.waitForSelector('[data-test=result-row]');
  await page.locator('[data-test^=result-link-]').first().click();
  await page.waitForSelector('[data-test=result-decision]');
  const resultText = await page.innerText('[data-test=result-decision]');
  if (shots) await screenshot(page, 'candidate-result');
  await page.goto(`${server.url}/me/results`);
  const cert = page.locator('[data-test=certificate]').first();
  await cert.waitFor();
  const number = await cert.getAttribute('data-number');
  if (shots) await screenshot(page, 'candidate-certificates');
  const [dl] = await Promise.all([page.waitForEvent('download'), cert.locator('[data-test=certificate-pdf]').click()]);
  const stream = await dl.createReadStream();
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return { number, pdfBytes: Buffer.concat(chunks), resultText };
}

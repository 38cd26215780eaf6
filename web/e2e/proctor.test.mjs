// The proctor console in a real browser: the demo proctor sees the room's roster, extends a
// candidate's time with a reason (a reason is required), the event appears in the attempt's log,
// and the administrator's audit chain still verifies intact with the action recorded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, screenshot, uiLogin, apiClient } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('proctor extends a candidate’s time with a reason and the event appears', async () => {
  const page = await newPage(browser);
  const proctor = server.demo.proctor[0];
  await uiLogin(page, server.url, proctor.login, proctor.password);
  await page.waitForURL(/\/proctor$/); // a proctor lands on the console
  await page.click('[data-test=proc-room-1-A01]'); // the demo theory plan's room
  await page.waitForSelector('[data-test=proc-roster] [data-test^=proc-ticket-]');
  const ticketEl = await page.$('[data-test^=proc-ticket-]');
  const attemptId = (await ticketEl.getAttribute('data-test')).replace('proc-ticket-', '');
  assert.match((await ticketEl.textContent()).trim(), /^KP-000001-A01-001-/);
  assert.equal((await page.textContent(`[data-test=proc-status-${attemptId}]`)).trim(), '未开始');
  await screenshot(page, 'proctor-roster');

  await page.click(`[data-test=proc-extend-${attemptId}]`);
  await page.fill('input[data-test=reason-minutes]', '15');
  await page.click('[data-test=reason-confirm]');
  assert.match(await page.textContent('[data-test=reason-error]'), /原因/, 'a reason is required');
  await page.fill('[data-test=reason-dialog] textarea[data-test=reason-text]', '考生机器故障，更换设备耽误 15 分钟');
  await screenshot(page, 'proctor-extend-dialog');
  await page.click('[data-test=reason-confirm]');
  await page.waitForSelector('[data-test=proc-notice]');
  await page.waitForFunction((id) => document.querySelector(`[data-test=proc-extension-${id}]`)?.textContent.trim() === '15 min', attemptId);

  await page.click(`[data-test=proc-events-${attemptId}]`);
  await page.waitForSelector('[data-test=proc-event-reason]');
  assert.equal((await page.textContent('[data-test=proc-event-action]')).trim(), '延时');
  assert.equal((await page.textContent('[data-test=proc-event-reason]')).trim(), '考生机器故障，更换设备耽误 15 分钟');
  await screenshot(page, 'proctor-events');

  // the roster is polled: the candidate starting the exam shows up without a reload
  const cand = server.demo.candidate[0];
  const c = await apiClient(server.url, cand.login, cand.password);
  await c.post(`attempts/${attemptId}/start`);
  await page.waitForFunction((id) => document.querySelector(`[data-test=proc-status-${id}]`)?.textContent.trim() === '作答中', attemptId, { timeout: 15_000 });
  await page.waitForSelector(`[data-test=proc-pause-${attemptId}]`);

  // an irregularity note is another event
  await page.click(`[data-test=proc-irregularity-${attemptId}]`);
  await page.fill('[data-test=reason-dialog] textarea[data-test=reason-text]', '考生携带手机入场，已收存');
  await page.click('[data-test=reason-confirm]');
  await page.waitForFunction(() => document.querySelectorAll('[data-test=proc-event-reason]').length === 2);
  await page.close();

  const admin = await newPage(browser);
  await uiLogin(admin, server.url, server.admin.login, server.admin.password);
  await admin.goto(`${server.url}/admin/audit`);
  await admin.waitForSelector('[data-test=audit-action]');
  await admin.click('[data-test=audit-verify]');
  await admin.waitForSelector('[data-test=audit-result]');
  assert.equal(await admin.getAttribute('[data-test=audit-result]', 'data-state'), 'intact');
  const actions = await admin.$$eval('[data-test=audit-action]', (els) => els.map((e) => e.textContent.trim()));
  assert.ok(actions.some((a) => /proctor|extend/.test(a)), `the proctor action is audited: ${actions.slice(-4)}`);
  await admin.close();
});

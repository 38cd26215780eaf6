// The served UI starts, shows the home page in Chinese with a CJK font, switches to English,
// and an administrator can log in through the login page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, screenshot, uiLogin } from './harness.mjs';

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

test('home page renders in Chinese and switches to English', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/');
  await page.waitForSelector('text=人工智能岗位能力认证与人才评价平台');
  const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert.match(font, /Noto Sans CJK SC/);
  await screenshot(page, 'home');
  await page.click('[data-test=locale]');
  await page.waitForSelector('text=Capability certification and talent evaluation for AI roles');
  await page.close();
});

test('admin logs in through the login page; a wrong password shows the server message', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/login');
  await page.fill('input[data-test=login-name]', server.admin.login);
  await page.fill('input[data-test=login-password]', 'wrong-password');
  await page.click('[data-test=login-submit]');
  const msg = await page.textContent('[data-test=login-error]');
  assert.ok(msg && msg.length > 3, 'an error message is shown');
  await uiLogin(page, server.url, server.admin.login, server.admin.password);
  assert.ok((await page.textContent('[data-test=who]'))?.length, 'the header names the user');
  assert.match(page.url(), /\/admin/);
  await page.close();
});

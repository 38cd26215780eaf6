// Public area in a real browser: the standards browser (cards, search, a level's requirements,
// the level comparison, weight charts) and the certificate verification page on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, screenshot } from './harness.mjs';
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

test('home page shows the standards as cards and the demo accounts', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/');
  await page.waitForSelector('[data-test=home-standard-llm-deploy-engineer]');
  assert.equal(await page.locator('[data-test^=home-standard-]').count(), 5);
  assert.match(await page.innerText('body'), /demo-candidate/);
  await screenshot(page, 'public-home');
  await page.close();
});

test('standards list, search over requirements', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/standards');
  await page.waitForSelector('[data-test=standard-llm-deploy-engineer]');
  assert.equal(await page.locator('[data-test^=standard-]').count(), 5, 'five standards');
  await page.fill('input[data-test=search-q]', '显存');
  await page.click('[data-test=search-go]');
  await page.waitForSelector('[data-test=search-hit]');
  const hits = await page.locator('[data-test=search-hit]').allInnerTexts();
  assert.ok(hits.length >= 2, `several hits (${hits.length})`);
  assert.ok(hits.every((h) => h.includes('显存')), 'every hit contains the word');
  assert.ok((await page.locator('[data-test=search-hit] mark').count()) >= hits.length, 'the word is marked in every hit');
  assert.match(page.url(), /q=/, 'the search is in the address (shareable)');
  await screenshot(page, 'public-standards-search');
  // a hit leads to the standard's page at that level
  await page.locator('[data-test=search-hit] a').first().click();
  await page.waitForSelector('[data-test=standard-title]');
  await page.close();
});

test('a standard: requirements by level, directions, compare levels, weight charts', async () => {
  const page = await newPage(browser);
  await page.goto(server.url + '/standards/llm-deploy-engineer');
  await page.waitForSelector('[data-test=function]');
  assert.ok((await page.locator('[data-test=function]').count()) >= 4, 'the four functions of 中级 (plus included lower-level ones)');
  assert.match(await page.innerText('[data-test=requirements]'), /nvidia-smi/);
  await screenshot(page, 'public-standard');

  await page.click('[data-test=tab-compare]');
  await page.waitForSelector('[data-test=compare-summary]');
  await page.selectOption('[data-test=compare-from]', 'junior');
  await page.selectOption('[data-test=compare-to]', 'senior');
  await page.waitForFunction(() => /高级/.test(document.querySelector('[data-test=compare-summary]')?.textContent || ''));
  const summary = await page.innerText('[data-test=compare-summary]');
  const n = Number(summary.match(/新增 (\d+) 条/)[1]);
  assert.ok(n > 0, 'the higher level adds requirements');
  assert.equal(await page.locator('[data-test=compare] [data-test=added]').count(), n, 'every added line is marked');
  await screenshot(page, 'public-compare');

  await page.click('[data-test=tab-weights]');
  await page.waitForSelector('[data-test=weights] [data-test=chart] canvas');
  // the chart really drew something: the canvas has non-transparent pixels
  const painted = await page.$eval('[data-test=weights] [data-test=chart] canvas', (c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
  assert.ok(painted > 1000, `the bar chart is drawn (${painted} pixels)`);
  assert.equal(await page.locator('[data-test=weights] [data-test=chart]').count(), 4, 'bar + pie for both weight tables');
  await screenshot(page, 'public-weights');

  // a standard with directions: the direction picker changes the requirements
  await page.goto(server.url + '/standards/ai-engineering-technician');
  await page.waitForSelector('[data-test=function]');
  const before = await page.innerText('[data-test=requirements]');
  await page.selectOption('[data-test=direction]', 'cv');
  await page.waitForFunction((b) => document.querySelector('[data-test=requirements]')?.textContent !== b, before);
  // a catalogue of positions
  await page.goto(server.url + '/standards/llm-positions-report');
  await page.waitForSelector('[data-test=position]');
  assert.ok((await page.locator('[data-test=position]').count()) >= 10);
  await page.close();
});

test('verify page on a phone: an unknown number shows 未知; no horizontal scrolling', async (t) => {
  const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
  await page.goto(server.url + '/verify');
  await page.waitForSelector('input[data-test=verify-number]');
  await screenshot(page, 'public-verify-phone');
  const overflow0 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow0 <= 0, `no horizontal scrolling at 390 px (${overflow0})`);
  if (!Object.keys(routes).some((p) => p.startsWith('/api/v1/verify/'))) {
    await page.close();
    assert.fail('the server has GET /api/v1/verify/{number}');
  }
  await page.fill('input[data-test=verify-number]', 'KP-NO-SUCH-0001');
  await page.click('[data-test=verify-go]');
  await page.waitForURL(/\/verify\/KP-NO-SUCH-0001/);
  await page.waitForSelector('[data-test=verify-state]');
  assert.match(await page.innerText('[data-test=verify-state]'), /未知/);
  const state = await verifyCertificate(page, server, 'KP-NO-SUCH-0002', { shot: 'public-verify-unknown-phone' });
  assert.equal(state, '未知');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at 390 px (${overflow})`);
  // a file that is not a credential is refused with words, not a crash
  await page.setInputFiles('input[data-test=verify-file]', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('not json') });
  await page.waitForSelector('[data-test=verify-error]');
  assert.match(await page.innerText('[data-test=verify-error]'), /不是 JSON/);
  // JSON that is not a credential: the server's reason in words
  await page.setInputFiles('input[data-test=verify-file]', { name: 'y.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await page.waitForFunction(() => !/不是 JSON/.test(document.querySelector('[data-test=verify-error]')?.textContent || 'x'));
  await page.waitForSelector('[data-test=verify-error], [data-test=verify-result]');
  assert.ok((await page.innerText('[data-test=verify-error], [data-test=verify-result]')).length > 4);
  await page.close();
});

// Journey steps of the examiners, through the UI: score every assigned script with the rubric
// form, and (as chief examiner) settle the adjudication queue.
import { uiLogin } from '../harness.mjs';

// Logs in as the examiner and scores every pending script: `points(criterion)` gives the points
// for {id, max_points} (default: full marks). Returns the number of scripts scored.
export async function scoreAllScripts(page, server, { login, password, points = (criterion) => criterion.max_points }) {
  await uiLogin(page, server.url, login, password);
  let scored = 0;
  for (;;) {
    await page.goto(`${server.url}/examiner`);
    await page.waitForSelector('[data-test=exm-scripts][data-loaded=true]');
    const link = await page.$('[data-test=exm-script-link]');
    if (!link) break;
    await link.click();
    await page.waitForSelector('[data-test=exm-submit]');
    for (const input of await page.$$('input[data-test^=exm-points-]')) {
      const id = (await input.getAttribute('data-test')).replace('exm-points-', '');
      const max = Number(await input.getAttribute('data-max'));
      await input.fill(String(points({ id, max_points: max })));
    }
    await page.click('[data-test=exm-submit]');
    await page.waitForSelector('[data-test=exm-notice], [data-test=exm-error]');
    const err = await page.$('[data-test=exm-error]');
    if (err) throw new Error(`scoring ${page.url()}: ${await err.textContent()}`);
    scored++;
  }
  return scored;
}

// Logs in as the chief examiner and sets the final score of every queued criterion to the median
// of the examiners' scores, with a reason. Returns the number of criteria settled.
export async function adjudicateAll(page, server, { login, password, reason = '按评分要点复核后确定 / settled against the rubric' }) {
  await uiLogin(page, server.url, login, password);
  let settled = 0;
  for (;;) {
    await page.goto(`${server.url}/examiner/adjudication`);
    await page.waitForSelector('[data-test=adj-list][data-loaded=true]');
    const row = await page.$('[data-test=adj-row]');
    if (!row) break;
    const scores = (await row.$eval('[data-test=adj-scores]', (e) => e.textContent))
      .split('/')
      .map((s) => Number(s.trim()))
      .sort((a, b) => a - b);
    const median = scores.length % 2 ? scores[(scores.length - 1) / 2] : (scores[scores.length / 2 - 1] + scores[scores.length / 2]) / 2;
    await (await row.$('input[data-test=adj-score]')).fill(String(Math.round(median * 2) / 2));
    await (await row.$('input[data-test=adj-reason]')).fill(reason);
    await (await row.$('[data-test=adj-submit]')).click();
    await page.waitForSelector('[data-test=adj-notice], [data-test=adj-error]');
    const err = await page.$('[data-test=adj-error]');
    if (err) throw new Error(`adjudication: ${await err.textContent()}`);
    settled++;
  }
  return settled;
}

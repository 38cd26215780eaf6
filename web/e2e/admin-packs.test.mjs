// The administrator's standards import, a saved paper's page and the rescore report, in a real
// browser against the real server. The server runs on a copy of the shipped packs
// (KAOPING_STANDARDS_DIR), because an import writes the new pack file into that directory.
//
//   * a pack file with an error shows its diagnostics with line numbers and cannot be imported;
//     the valid file is validated, imported, and appears in the public standards browser; the
//     same pack again is valid but its validation warns in plain words that the id is already
//     loaded, and Import stays disabled
//   * an assembled paper opens on /admin/papers/:id with its items and coverage table, also from
//     the plan page
//   * after a key correction (a new approved item version), 重新计分 asks for a reason and shows
//     who changed, exactly as the server answered
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serverAndBrowser, newPage, screenshot, uiLogin, apiClient, webDir } from './harness.mjs';

const shipped = path.join(webDir, '..', 'standards');
const standardsDir = mkdtempSync(path.join(tmpdir(), 'kaoping-e2e-standards-'));
cpSync(shipped, standardsDir, { recursive: true });
const ctx = serverAndBrowser({ env: { KAOPING_STANDARDS_DIR: standardsDir } });
after(() => rmSync(standardsDir, { recursive: true, force: true }));

const NEW_ID = 'e2e-imported-deploy';
const NEW_TITLE = '浏览器导入测试标准';

async function adminPage() {
  const page = await newPage(ctx.browser);
  await uiLogin(page, ctx.server.url, ctx.server.admin.login, ctx.server.admin.password);
  return page;
}

test('standards: a pack with an error shows its lines; a valid pack is imported and browsable; the same id again warns at validation and cannot be imported', async () => {
  const { server } = ctx;
  const base = readFileSync(path.join(shipped, '002-llm-deploy-engineer.yaml'), 'utf8');
  const good = base
    .replace('id: "llm-deploy-engineer"', `id: "${NEW_ID}"`)
    .replace(/title: \{zh: "[^"]*"/, `title: {zh: "${NEW_TITLE}"`);
  assert.notEqual(good, base);
  assert.match(good, new RegExp(NEW_TITLE));
  const bad = good.replace('target: "basic:2.1", weights: [5, 5, 5]', 'target: "basic:2.1", weights: [9, 5, 5]');
  assert.notEqual(bad, good);
  const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-pack-'));
  writeFileSync(path.join(dir, 'new-pack-broken.yaml'), bad);
  writeFileSync(path.join(dir, 'new-pack.yaml'), good);
  const filesBefore = readdirSync(standardsDir).sort();

  const page = await adminPage();
  await page.goto(`${server.url}/admin/standards`);
  await page.waitForSelector('[data-test=std-show-llm-deploy-engineer]');
  assert.equal(await page.getByLabel('标准包文件（YAML）').count(), 1, 'the file input is labelled');

  // 1. The broken file: diagnostics with file:line:column and the key; Import stays disabled.
  await page.setInputFiles('input[data-test=std-file]', path.join(dir, 'new-pack-broken.yaml'));
  assert.ok(await page.isDisabled('[data-test=std-import]'), 'nothing to import before a check');
  await page.click('[data-test=std-validate]');
  await page.waitForSelector('[data-test=std-diagnostics]');
  const where = await page.$$eval('[data-test=std-diag-where]', (els) => els.map((e) => e.textContent.trim()));
  const keys = await page.$$eval('[data-test=std-diag-key]', (els) => els.map((e) => e.textContent.trim()));
  assert.ok(where.length > 0 && where.every((w) => /^new-pack-broken\.yaml:\d+:\d+$/.test(w)), `file:line:column: ${where}`);
  const line = Number(where[0].split(':')[1]);
  assert.ok(line > 1, `a real line number (${line})`);
  assert.ok(keys.some((k) => /weight/.test(k)), `the weight table is named: ${keys}`);
  assert.ok(await page.isDisabled('[data-test=std-import]'), 'an invalid pack cannot be imported');
  await screenshot(page, 'admin-standards-import-invalid');
  assert.deepEqual(readdirSync(standardsDir).sort(), filesBefore, 'validation writes nothing');

  // 2. The valid file: validate, then import; the success message links to the new standard.
  await page.setInputFiles('input[data-test=std-file]', path.join(dir, 'new-pack.yaml'));
  await page.click('[data-test=std-validate]');
  await page.waitForSelector('[data-test=std-valid]');
  assert.match(await page.textContent('[data-test=std-valid]'), new RegExp(NEW_ID));
  assert.ok(await page.isEnabled('[data-test=std-import]'), 'Import is enabled after a valid check');
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/standards/import')),
    page.click('[data-test=std-import]'),
  ]);
  assert.equal(answer.status(), 201);
  await page.waitForSelector('[data-test=std-imported]');
  assert.match(await page.textContent('[data-test=std-imported]'), new RegExp(`${NEW_ID}.*${NEW_ID}\\.yaml`));
  await page.waitForSelector(`[data-test=std-show-${NEW_ID}]`);
  assert.equal(readFileSync(path.join(standardsDir, `${NEW_ID}.yaml`), 'utf8'), good, 'the file is in the standards directory');
  await screenshot(page, 'admin-standards-imported');

  // 3. The link leads to the public page of the new standard; the public list has it too.
  await page.click('[data-test=std-imported-link]');
  await page.waitForURL(new RegExp(`/standards/${NEW_ID}$`));
  await page.waitForSelector('[data-test=standard-title]');
  assert.match(await page.textContent('[data-test=standard-title]'), new RegExp(NEW_TITLE));
  await page.waitForSelector('[data-test=function]');
  await screenshot(page, 'public-standard-imported');
  await page.goto(`${server.url}/standards`);
  await page.waitForSelector(`[data-test=standard-${NEW_ID}]`);
  assert.equal(await page.locator('[data-test^=standard-]').count(), 6, 'five shipped standards and the imported one');

  // 4. Back on the admin page, the same pack again: the validation already warns in plain words
  //    that the id is loaded (the pack itself is valid), Import stays disabled; English via the
  //    language switch; the file is unchanged.
  await page.goto(`${server.url}/admin/standards`);
  await page.waitForSelector(`[data-test=std-show-${NEW_ID}]`);
  await page.setInputFiles('input[data-test=std-file]', path.join(dir, 'new-pack.yaml'));
  const [checked] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/standards/validate')),
    page.click('[data-test=std-validate]'),
  ]);
  assert.equal(checked.status(), 200);
  assert.deepEqual((await checked.json()).warnings.map((w) => w.code), ['standard.already_loaded']);
  await page.waitForSelector('[data-test=std-warning]');
  assert.match(await page.textContent('[data-test=std-valid]'), new RegExp(NEW_ID), 'the file itself is valid');
  assert.equal(await page.getAttribute('[data-test=std-warning]', 'data-code'), 'standard.already_loaded');
  assert.match(await page.textContent('[data-test=std-warning]'), new RegExp(`${NEW_ID}.*已经加载.*不能再导入.*另一个 id`));
  assert.ok(await page.isDisabled('[data-test=std-import]'), 'Import is disabled for an id that is already loaded');
  assert.match(await page.textContent('[data-test=std-import]'), /不能导入/);
  await page.click('[data-test=locale]');
  await page.waitForFunction(() => /already loaded/.test(document.querySelector('[data-test=std-warning]')?.textContent || ''));
  assert.match(await page.textContent('[data-test=std-warning]'), new RegExp(`id ${NEW_ID} is already loaded, so it cannot be imported`));
  assert.match(await page.textContent('[data-test=std-import]'), /Cannot import/);
  await page.click('[data-test=locale]');
  await page.waitForFunction(() => /已经加载/.test(document.querySelector('[data-test=std-warning]')?.textContent || ''));
  assert.equal(readdirSync(standardsDir).filter((f) => f.includes(NEW_ID)).length, 1);
  await screenshot(page, 'admin-standards-import-duplicate');
  await page.close();
});

test('a saved paper: its items and coverage table, from the assembly result and from the plan page', async () => {
  const { server } = ctx;
  const page = await adminPage();
  await page.goto(`${server.url}/admin/assemble`);
  await page.waitForSelector('[data-test=asm-blueprint]');
  await page.selectOption('select[data-test=asm-level]', 'mid');
  await page.selectOption('select[data-test=asm-kind]', 'theory');
  await page.fill('input[data-test=asm-forms]', '1');
  await page.fill('input[data-test=asm-seed]', '11');
  await page.click('[data-test=asm-run]');
  await page.waitForSelector('[data-test=asm-result]');
  const paperId = (await page.textContent('[data-test=asm-form-0] [data-test=asm-paper-id]')).trim();
  const asmPoints = await page.$$eval('[data-test=asm-form-0] [data-test=cov-points]', (els) => els.map((e) => e.textContent.trim()));
  await page.click('[data-test=asm-paper-link-0]');
  await page.waitForURL(new RegExp(`/admin/papers/${paperId}$`));
  await page.waitForSelector('[data-test=paper-items] [data-test=paper-item-link]');
  assert.equal((await page.textContent('[data-test=paper-id]')).trim(), paperId);
  const a = await apiClient(server.url, server.admin.login, server.admin.password);
  const paper = await a.get(`papers/${encodeURIComponent(paperId)}?items=true`);
  const shown = await page.$$eval('[data-test=paper-item-link]', (els) => els.map((e) => e.textContent.trim()));
  assert.deepEqual(shown, paper.items.map((i) => i.item_id), 'every item in paper order');
  const stems = await page.$$eval('[data-test=paper-item-stem]', (els) => els.map((e) => e.textContent.trim()));
  assert.ok(stems.every((s) => s.length > 0), 'each item shows its stem');
  const labels = await page.$$eval('[data-test=paper-coverage] [data-test=cov-label]', (els) => els.map((e) => e.textContent.trim()));
  assert.ok(labels.includes('模型适配与优化'), `functions listed: ${labels}`);
  const points = await page.$$eval('[data-test=paper-coverage] [data-test=cov-points]', (els) => els.map((e) => e.textContent.trim()));
  assert.deepEqual(points, asmPoints, 'the same coverage as the assembly reported');
  assert.equal((await page.textContent('[data-test=paper-exact]')).trim(), '完全符合蓝图');
  await screenshot(page, 'admin-paper');

  // The demo plan's paper, from the plan page.
  await page.goto(`${server.url}/admin/plans/1`);
  await page.waitForSelector('[data-test=plan-paper-link]');
  const planPaper = (await page.textContent('[data-test=plan-paper]')).trim();
  await page.click('[data-test=plan-paper-link]');
  await page.waitForSelector('[data-test=paper-items] [data-test=paper-item-link]');
  assert.equal((await page.textContent('[data-test=paper-id]')).trim(), planPaper);
  await page.close();
});

test('rescore after a key correction: the reason is asked, the diff table shows the server report', async () => {
  const { server } = ctx;
  const a = await apiClient(server.url, server.admin.login, server.admin.password);
  const cand = server.demo.candidate[0];
  const c = await apiClient(server.url, cand.login, cand.password);

  // The demo candidate sits the demo theory plan (plan 1), answering with the keys.
  const theory = (await c.get('attempts?plan=1')).attempts[0];
  assert.ok(theory, 'the demo candidate has an attempt on the demo theory plan');
  await c.post(`attempts/${theory.id}/start`);
  const review = await a.get(`attempts/${theory.id}/review`);
  for (const it of review.items) {
    const response = it.type === 'fill_in' ? { blanks: Object.fromEntries(it.blanks.map((b) => [b.id, b.accepted[0]])) } : it.answer_key;
    await c.put(`attempts/${theory.id}/answers/${encodeURIComponent(it.item_id)}`, { sequence: 1, response });
  }
  await c.post(`attempts/${theory.id}/submit`);
  await a.post('plans/1/scoring/start', {});
  await a.post('plans/1/results/compute', {});

  // A key correction: a single-choice item of the paper gets another key in a new version,
  // approved by a reviewer (never by its author).
  const target = review.items.find((i) => i.type === 'single_choice');
  assert.ok(target, 'the theory paper has a single-choice item');
  const item = (await a.get(`items/${encodeURIComponent(target.item_id)}`)).item;
  const wrong = item.options.find((o) => !item.answer.includes(o.id)).id;
  const body = { ...item, answer: [wrong] };
  for (const k of ['updated_ms', 'reviewer', 'status']) delete body[k];
  const v2 = await a.put(`items/${encodeURIComponent(item.id)}`, body);
  await a.post(`items/${encodeURIComponent(item.id)}/submit`, { version: v2.version });
  await a.post('users', { login: 'e2e-reviewer', display_name: '测试审核员', password: 'E2e-reviewer-pass-1', roles: ['reviewer'], must_change_password: false });
  const rv = await apiClient(server.url, 'e2e-reviewer', 'E2e-reviewer-pass-1');
  await rv.post(`items/${encodeURIComponent(item.id)}/approve`, { version: v2.version });

  const page = await adminPage();
  await page.goto(`${server.url}/admin/results?plan=1`);
  await page.waitForSelector('[data-test=res-table][data-loaded=true]');
  await page.click('[data-test=res-rescore]');
  await page.waitForSelector('[data-test=reason-dialog] [data-test=reason-note]');
  await page.click('[data-test=reason-confirm]');
  assert.match(await page.textContent('[data-test=reason-error]'), /原因|理由/, 'a reason is required');
  await page.fill('[data-test=reason-dialog] textarea[data-test=reason-text]', '第 1 题答案更正 / key of one item corrected');
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/plans/1/rescore')),
    page.click('[data-test=reason-confirm]'),
  ]);
  assert.equal(answer.status(), 200);
  const report = await answer.json();
  await page.waitForSelector('[data-test=res-rescore-report]');
  assert.deepEqual(report.corrected_items, [`${item.id}@${v2.version}`]);
  assert.equal(report.changed.length, 1, JSON.stringify(report));
  assert.ok(report.changed[0].new_score < report.changed[0].old_score, 'the candidate loses the corrected item');
  assert.match(await page.textContent('[data-test=res-rescore-summary]'), /1 名考生的成绩有变化/);
  assert.equal((await page.textContent('[data-test=res-rescore-items]')).trim(), `${item.id}@${v2.version}`);
  const users = await page.$$eval('[data-test=res-diff-user]', (els) => els.map((e) => e.textContent.trim()));
  const olds = await page.$$eval('[data-test=res-diff-old]', (els) => els.map((e) => Number(e.textContent.trim())));
  const news = await page.$$eval('[data-test=res-diff-new]', (els) => els.map((e) => Number(e.textContent.trim())));
  const flips = await page.$$eval('[data-test=res-diff-flip]', (els) => els.map((e) => e.textContent.trim()));
  assert.deepEqual(users, [cand.display_name], 'the candidate by name');
  assert.deepEqual(olds, report.changed.map((x) => Math.round(x.old_score * 100) / 100));
  assert.deepEqual(news, report.changed.map((x) => Math.round(x.new_score * 100) / 100));
  const flipText = { none: '结论不变', pass_to_fail: '合格 → 不合格', fail_to_pass: '不合格 → 合格' };
  assert.deepEqual(flips, report.changed.map((x) => flipText[x.flip]));
  await screenshot(page, 'admin-results-rescore');

  // Nothing left to correct: the same action says so, with no table.
  await page.click('[data-test=res-rescore]');
  await page.fill('[data-test=reason-dialog] textarea[data-test=reason-text]', '再次检查 / check again');
  await page.click('[data-test=reason-confirm]');
  await page.waitForFunction(() => /没有题目答案被更正/.test(document.querySelector('[data-test=res-rescore-summary]')?.textContent || ''));
  assert.equal(await page.$('[data-test=res-rescore-diff]'), null);
  await page.close();
});

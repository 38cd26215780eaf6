// The administrator's pages in a real browser against the real server: bank filters, an import
// with a bad row, assembly of 2 parallel forms with the coverage table and an infeasible request
// explained, a plan whose too few proctors are shown before saving and then a valid staffed plan
// with a paper, registrations, and the audit chain verified intact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, newPage, screenshot, uiLogin, webDir } from './harness.mjs';
import { assemblePaperAndOpenSession, approveRegistrations } from './steps/admin.mjs';

let server;
let browser;
let page;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await newPage(browser);
  await uiLogin(page, server.url, server.admin.login, server.admin.password);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('dashboard shows counts with links', async () => {
  await page.goto(`${server.url}/admin`);
  await page.waitForSelector('[data-test=dash-items]');
  const items = Number((await page.textContent('[data-test=dash-items] .num')).trim());
  assert.ok(items >= 400, `the sample bank is counted (${items})`);
  assert.ok(Number((await page.textContent('[data-test=dash-plans] .num')).trim()) >= 1, 'the demo plan is counted');
  await screenshot(page, 'admin-dashboard');
  await page.click('[data-test=locale]');
  await page.waitForSelector('text=Administration overview');
  assert.match(await page.textContent('[data-test=adm-nav-items]'), /Item bank/);
  await page.click('[data-test=locale]');
  await page.waitForSelector('text=管理概览');
  await page.goto(`${server.url}/admin/standards`);
  // The pack's status is a word in the page's language, not the pack's raw value.
  assert.equal((await page.textContent('[data-test=std-status-llm-talent-capability]')).trim(), '已发布');
  assert.equal((await page.textContent('[data-test=std-status-llm-deploy-engineer]')).trim(), '试行');
  await page.click('[data-test=std-show-llm-deploy-engineer]');
  await page.waitForSelector('[data-test=std-detail] table');
  await screenshot(page, 'admin-standards');
});

test('item bank filters by standard, function, type and status, and opens an item', async () => {
  await page.goto(`${server.url}/admin/items`);
  await page.waitForSelector('[data-test=items-total]');
  await page.selectOption('select[data-test=f-standard]', 'llm-deploy-engineer');
  await page.waitForSelector('select[data-test=f-function] option[value="function:2"]', { state: 'attached' });
  await page.selectOption('select[data-test=f-level]', 'mid');
  await page.selectOption('select[data-test=f-function]', 'function:2');
  await page.selectOption('select[data-test=f-type]', 'true_false');
  await page.selectOption('select[data-test=f-status]', 'approved');
  await page.click('[data-test=f-search]');
  await page.waitForURL(/type=true_false/);
  await page.waitForFunction(() => !document.querySelector('[data-test=items-table] .el-loading-mask'));
  const types = await page.$$eval('[data-test=item-type]', (els) => els.map((e) => e.textContent.trim()));
  const functions = await page.$$eval('[data-test=item-function]', (els) => els.map((e) => e.textContent.trim()));
  assert.ok(types.length > 0, 'some items match');
  assert.ok(types.every((x) => x === '判断'), `only true/false items: ${types}`);
  assert.ok(functions.every((x) => x === 'function:2'), `only function 2: ${functions}`);
  const total = Number((await page.textContent('[data-test=items-total]')).match(/\d+/)[0]);
  assert.equal(total, types.length <= 20 ? types.length : total);
  await screenshot(page, 'admin-items');
  await page.click('[data-test=item-link]');
  await page.waitForSelector('[data-test=item-status]');
  assert.equal((await page.textContent('[data-test=item-status]')).trim(), '已审核');
  await screenshot(page, 'admin-item');
});

test('editing an item saves a new draft version that goes through review', async () => {
  await page.goto(`${server.url}/admin/items/dep-both-b21-001`);
  await page.waitForSelector('[data-test=item-edit]');
  assert.equal((await page.textContent('[data-test=item-version]')).trim(), '1');
  await page.click('[data-test=item-edit]');
  const stem = await page.inputValue('textarea[data-test=edit-stem]');
  await page.fill('textarea[data-test=edit-stem]', `${stem}（修订）`);
  await page.click('[data-test=edit-save]');
  await page.waitForSelector('[data-test=item-notice]');
  assert.equal((await page.textContent('[data-test=item-version]')).trim(), '2');
  assert.equal((await page.textContent('[data-test=item-status]')).trim(), '草稿');
  await page.click('[data-test=review-submit]');
  await page.waitForFunction(() => document.querySelector('[data-test=item-status]')?.textContent.trim() === '审核中');
  // the author of the version may not approve it: the server says so and the page shows it
  await page.click('[data-test=review-approve]');
  await page.waitForSelector('[data-test=item-error]');
  assert.equal((await page.textContent('[data-test=item-status]')).trim(), '审核中');
  const versions = await page.$$eval('[data-test=item-history] tbody tr', (rows) => rows.length);
  assert.equal(versions, 2, 'both versions are listed');
  await screenshot(page, 'admin-item-review');
});

test('editing a hands-on task rubric and the accepted answers of a fill-in: the new version has them, points = the rubric total', async () => {
  const getItem = (id) => page.evaluate(async (i) => (await (await fetch(`/api/v1/items/${i}`)).json()).item, id);
  await page.goto(`${server.url}/admin/items/dep-jr-prac-01`);
  await page.waitForSelector('[data-test=item-rubric]');
  await page.click('[data-test=item-edit]');
  await page.fill('input[data-test=edit-rubric-c1]', '完成环境检查并记录 GPU 驱动、CUDA 与推理框架版本');
  await page.fill('[data-test=edit-rubric-points-c1] input', '7');
  await page.fill('input[data-test=edit-requirements]', 'junior/skill/2.1.1');
  await screenshot(page, 'admin-item-edit-rubric');
  await page.click('[data-test=edit-save]');
  // a requirement of another function: the server says which function it belongs to; nothing saved
  await page.waitForSelector('[data-test=item-error]');
  assert.match(await page.textContent('[data-test=item-error]'), /不属于.*function:1/);
  assert.equal((await getItem('dep-jr-prac-01')).version, 1);
  await page.fill('input[data-test=edit-requirements]', 'junior/skill/1.2.1');
  await page.click('[data-test=edit-save]');
  await page.waitForSelector('[data-test=item-notice]');
  const task = await getItem('dep-jr-prac-01');
  assert.equal(task.version, 2);
  assert.equal(task.rubric[0].description, '完成环境检查并记录 GPU 驱动、CUDA 与推理框架版本');
  assert.equal(task.rubric[0].points, 7);
  assert.equal(task.points, 27, 'the item is worth the sum of its criteria');
  assert.deepEqual(task.alignment.requirements, ['junior/skill/1.2.1']);

  await page.goto(`${server.url}/admin/items/dep-both-b21-013`);
  await page.waitForSelector('[data-test=item-blanks]');
  await page.click('[data-test=item-edit]');
  await page.fill('input[data-test=edit-blank-1]', '精益求精 / 精益求精的工匠精神');
  await page.click('[data-test=edit-save]');
  await page.waitForSelector('[data-test=item-notice]');
  const fill = await getItem('dep-both-b21-013');
  assert.deepEqual(fill.blanks[0].accepted, ['精益求精', '精益求精的工匠精神']);
});

test('an author-style new item: the server names the missing field, then the draft is saved', async () => {
  await page.goto(`${server.url}/admin/items`);
  await page.click('[data-test=item-new]');
  await page.waitForSelector('select[data-test=new-function] option[value="function:1"]', { state: 'attached' });
  await page.fill('[data-test=new-id]', 'e2e-new-1');
  await page.fill('[data-test=new-stem]', '浏览器测试：使用 llama.cpp 进行 4 bit 量化的主要目的是？');
  await page.fill('[data-test=new-option-A]', '减小模型体积并降低显存占用');
  await page.fill('[data-test=new-option-B]', '提高训练精度');
  await page.check('[data-test=new-key-A]');
  await page.selectOption('select[data-test=new-function]', 'function:1');
  await page.click('[data-test=new-save]');
  await page.waitForSelector('[data-test=new-error]');
  assert.match(await page.textContent('[data-test=new-error]'), /工作内容|work_content/, 'the missing work content is named');
  await page.fill('[data-test=new-work-content]', '1.2');
  await page.fill('[data-test=new-requirements]', 'mid/knowledge/1.2.1');
  await page.click('[data-test=new-save]');
  await page.waitForURL(/\/admin\/items\/e2e-new-1$/);
  await page.waitForSelector('[data-test=item-status]');
  assert.equal((await page.textContent('[data-test=item-status]')).trim(), '草稿');
});

test('an import with a bad row shows the row error and imports nothing', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-import-'));
  const file = path.join(dir, 'items.json');
  const good = {
    id: 'e2e-good-1',
    type: 'single_choice',
    stem: 'E2E导入：下列哪项是正确做法？',
    options: [{ id: 'A', text: '如实记录' }, { id: 'B', text: '篡改数据' }],
    answer: ['A'],
    points: 1,
    alignment: { standard: 'llm-deploy-engineer', levels: ['mid'], exam_kind: 'theory', function: 'basic:2.1', requirements: ['basic/2.1.1/1'] },
  };
  const bad = { ...good, id: 'e2e-bad-2', answer: ['Z'] };
  writeFileSync(file, JSON.stringify({ format: 'kaoping.items/1', items: [good, bad] }));
  await page.goto(`${server.url}/admin/import`);
  await page.setInputFiles('input[data-test=import-file]', file);
  await page.click('[data-test=import-submit]');
  await page.waitForSelector('[data-test=import-problems]');
  const rows = await page.$$eval('[data-test=problem-row]', (els) => els.map((e) => e.textContent.trim()));
  const messages = await page.$$eval('[data-test=problem-message]', (els) => els.map((e) => e.textContent.trim()));
  assert.deepEqual(rows, ['2'], 'only the second row has a problem');
  assert.match(messages[0], /Z/, 'the message names the bad answer');
  assert.match(await page.textContent('[data-test=import-error]'), /修改/, 'the error says what to do');
  await screenshot(page, 'admin-import-errors');
  // nothing was imported
  await page.goto(`${server.url}/admin/items?q=${encodeURIComponent('E2E导入')}`);
  await page.waitForSelector('[data-test=items-total]');
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-test=items-total]').textContent));
  await page.waitForFunction(() => !document.querySelector('[data-test=items-table] .el-loading-mask'));
  assert.match(await page.textContent('[data-test=items-total]'), /共 0 道/);
});

test('a CSV template import through the browser: the bad row is shown with its spreadsheet row number', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-import-'));
  const file = path.join(dir, 'items.csv');
  writeFileSync(
    file,
    [
      '题目编号,题型,题干,选项A,选项B,正确答案,分值,标准,等级,考试类型,职业功能,要求编号',
      'e2e-csv-1,单选,浏览器测试CSV：正确做法是？,如实记录,篡改数据,A,1,llm-deploy-engineer,中级,理论,basic:2.1,basic/2.1.1/1',
      'e2e-csv-2,单选,浏览器测试CSV：错误答案,如实记录,篡改数据,Z,1,llm-deploy-engineer,中级,理论,basic:2.1,basic/2.1.1/1',
    ].join('\n') + '\n',
  );
  await page.goto(`${server.url}/admin/import`);
  await page.setInputFiles('input[data-test=import-file]', file);
  await page.click('[data-test=import-submit]');
  await page.waitForSelector('[data-test=import-problems], [data-test=import-error]');
  await page.waitForSelector('[data-test=import-problems]');
  const rows = await page.$$eval('[data-test=problem-row]', (els) => els.map((e) => e.textContent.trim()));
  assert.deepEqual(rows, ['3'], 'the spreadsheet row of the bad item (header = row 1)');
  await screenshot(page, 'admin-import-csv');
});

test('assembly: 2 parallel forms with the coverage table; an infeasible request explained', async () => {
  await page.goto(`${server.url}/admin/assemble`);
  await page.waitForSelector('[data-test=asm-blueprint]');
  await page.selectOption('select[data-test=asm-level]', 'mid');
  await page.selectOption('select[data-test=asm-kind]', 'theory');
  await page.fill('input[data-test=asm-forms]', '2');
  await page.fill('input[data-test=asm-seed]', '7');
  await page.click('[data-test=asm-run]');
  await page.waitForSelector('[data-test=asm-result]');
  const tables = await page.$$('[data-test=coverage-table]');
  assert.equal(tables.length, 2, 'one coverage table per form');
  for (const tb of tables) {
    const labels = await tb.$$eval('[data-test=cov-label]', (els) => els.map((e) => e.textContent.trim()));
    assert.ok(labels.includes('模型适配与优化'), `functions listed: ${labels}`);
  }
  const ids = await page.$$eval('[data-test=asm-paper-id]', (els) => els.map((e) => e.textContent.trim()));
  assert.equal(new Set(ids).size, 2, 'two different papers');
  await screenshot(page, 'admin-assemble');

  await page.selectOption('select[data-test=asm-level]', 'senior');
  await page.selectOption('select[data-test=asm-kind]', 'skill');
  await page.fill('input[data-test=asm-forms]', '3');
  await page.click('[data-test=asm-run]');
  await page.waitForSelector('[data-test=asm-shortfall]');
  const why = await page.$$eval('[data-test=asm-shortfall]', (els) => els.map((e) => e.textContent));
  assert.ok(why.some((w) => /题库中只有/.test(w)), `the shortfall is explained in words: ${why[0]}`);
  await screenshot(page, 'admin-assemble-infeasible');
});

test('a plan with too few proctors shows the violation before saving; a valid plan saves', async () => {
  await page.goto(`${server.url}/admin/plans/new`);
  await page.waitForSelector('[data-test=room-0-proctor-demo-proctor1]');
  await page.fill('input[data-test=plan-title]', '浏览器测试计划');
  await page.selectOption('select[data-test=plan-kind]', 'skill');
  await page.fill('[data-test=plan-duration]', '120');
  await page.check('[data-test=room-0-proctor-demo-proctor1]');
  for (const e of ['demo-examiner1', 'demo-examiner2', 'demo-examiner3']) await page.check(`[data-test=room-0-examiner-${e}]`);
  await page.waitForSelector('[data-test=plan-violation]');
  const violations = await page.$$eval('[data-test=plan-violation]', (els) => els.map((e) => e.textContent));
  assert.ok(violations.some((v) => /监考/.test(v)), `a proctor violation is listed: ${violations}`);
  await screenshot(page, 'admin-plan-violations');
  await page.click('[data-test=plan-save]');
  await page.waitForSelector('[data-test=plan-error]');
  assert.match(page.url(), /\/admin\/plans\/new$/, 'nothing was saved');
  await page.check('[data-test=room-0-proctor-demo-proctor2]');
  await page.waitForSelector('[data-test=plan-ok]');

  const { planId, paperId } = await assemblePaperAndOpenSession(page, server, { kind: 'skill', level: 'mid' });
  assert.ok(planId > 1);
  assert.match(paperId, /skill/);
  assert.match(await page.textContent('[data-test=plan-heading]'), /llm-deploy-engineer/);
  await screenshot(page, 'admin-plan');
  await page.goto(`${server.url}/admin/plans`);
  await page.waitForSelector(`[data-test=plan-link-${planId}]`);
  await screenshot(page, 'admin-plans');
});

test('registrations show the eligibility explanation; approve with a reason', async () => {
  await page.goto(`${server.url}/admin/registrations`);
  await page.waitForSelector('[data-test=reg-table][data-loaded=true]');
  assert.equal((await page.textContent('[data-test=reg-verdict-1]')).trim(), '符合条件');
  await page.click('[data-test=reg-table] .el-table__expand-icon');
  await page.waitForSelector('text=符合中级申报条件');
  await page.click('[data-test=reg-reject-1]');
  await page.waitForSelector('[data-test=reason-dialog] textarea[data-test=reason-text]');
  assert.equal(await page.$('[data-test=reason-minutes]'), null, 'a decision asks for a reason, not minutes');
  await page.click('[data-test=reason-confirm]');
  assert.match(await page.textContent('[data-test=reason-error]'), /原因/, 'a reason is required');
  await page.click('[data-test=reason-cancel]');
  await screenshot(page, 'admin-registrations');
  await approveRegistrations(page, server, { planId: 1 }); // nothing pending: a no-op that prepares attempts
  assert.match(await page.textContent('[data-test=plan-notice]'), /已有 1 份/);
});

test('audit log pages and the chain verifies intact', async () => {
  await page.goto(`${server.url}/admin/audit`);
  await page.waitForSelector('[data-test=audit-action]');
  const actions = await page.$$eval('[data-test=audit-action]', (els) => els.map((e) => e.textContent.trim()));
  assert.ok(actions.includes('plan.create'), `plan creation is audited: ${actions.slice(-5)}`);
  await page.click('[data-test=audit-verify]');
  await page.waitForSelector('[data-test=audit-result]');
  assert.equal(await page.getAttribute('[data-test=audit-result]', 'data-state'), 'intact');
  await screenshot(page, 'admin-audit');
  // an auditor reaches the audit log (only) from the header
  const auditor = await newPage(browser);
  await uiLogin(auditor, server.url, server.demo.auditor[0].login, server.demo.auditor[0].password);
  await auditor.goto(`${server.url}/admin`);
  await auditor.waitForURL(/\/admin\/audit$/);
  await auditor.click('[data-test=audit-verify]');
  await auditor.waitForSelector('[data-test=audit-result]');
  assert.equal(await auditor.getAttribute('[data-test=audit-result]', 'data-state'), 'intact');
  assert.equal(await auditor.$('[data-test=adm-nav-items]'), null, 'no bank menu for an auditor');
  await auditor.close();
});

test('users: create an account with a role; it can be picked as staff', async () => {
  await page.goto(`${server.url}/admin/users`);
  await page.waitForSelector('[data-test=users-edit-demo-proctor1]');
  await page.fill('[data-test=user-login]', 'e2e-proctor3');
  await page.fill('[data-test=user-name]', '测试监考员丙');
  await page.fill('[data-test=user-password]', 'short');
  await page.uncheck('[data-test=user-role-candidate]');
  await page.check('[data-test=user-role-proctor]');
  await page.click('[data-test=user-create]');
  assert.match(await page.textContent('[data-test=users-error]'), /8/, 'a short password is refused with what to do');
  await page.fill('[data-test=user-password]', 'E2e-initial-pass-1');
  await page.click('[data-test=user-create]');
  await page.waitForSelector('[data-test=users-edit-e2e-proctor3]');
  await screenshot(page, 'admin-users');
  await page.goto(`${server.url}/admin/plans/new`);
  await page.waitForSelector('[data-test=room-0-proctor-e2e-proctor3]');
});

test('standards: a pack file is validated; every error shows its line and key', async (t) => {
  const probe = await page.evaluate(async () => (await fetch('/api/v1/standards/validate', { method: 'POST' })).status);
  assert.ok(probe !== 404 && probe !== 405, 'POST /api/v1/standards/validate exists');
  const dir = mkdtempSync(path.join(tmpdir(), 'kaoping-pack-'));
  const good = readFileSync(path.join(webDir, '..', 'standards', '002-llm-deploy-engineer.yaml'), 'utf8');
  const bad = good.replace('target: "basic:2.1", weights: [5, 5, 5]', 'target: "basic:2.1", weights: [9, 5, 5]');
  assert.notEqual(bad, good);
  writeFileSync(path.join(dir, 'good.yaml'), good);
  writeFileSync(path.join(dir, 'broken.yaml'), bad);
  await page.goto(`${server.url}/admin/standards`);
  await page.setInputFiles('input[data-test=std-file]', path.join(dir, 'broken.yaml'));
  await page.click('[data-test=std-validate]');
  await page.waitForSelector('[data-test=std-diagnostics]');
  const where = await page.$$eval('[data-test=std-diag-where]', (els) => els.map((e) => e.textContent.trim()));
  const keys = await page.$$eval('[data-test=std-diag-key]', (els) => els.map((e) => e.textContent.trim()));
  assert.ok(where.every((w) => /^broken\.yaml:\d+:\d+$/.test(w)), `file:line:column: ${where}`);
  assert.ok(keys.some((k) => /weight/.test(k)), `the weight table is named: ${keys}`);
  await screenshot(page, 'admin-standards-validate');
  await page.setInputFiles('input[data-test=std-file]', path.join(dir, 'good.yaml'));
  await page.click('[data-test=std-validate]');
  await page.waitForSelector('[data-test=std-valid]');
  assert.match(await page.textContent('[data-test=std-valid]'), /llm-deploy-engineer/);
});

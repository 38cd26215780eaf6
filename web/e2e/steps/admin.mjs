// Journey steps of the administrator, driven through the UI only (the final end-to-end journey
// composes them; the admin tests use them too). Every step expects `page` to be logged in as an
// administrator and `server` to be the harness server ({url}).

// Picks a value of a native <select data-test=…>.
async function choose(page, test, value) {
  await page.selectOption(`select[data-test="${test}"]`, String(value));
}

// Assembles one paper for (standard, level, kind), saves it, creates a plan with one room starting
// now (today), staffed within the standard's rules by the demo staff (2 proctors, 3 examiners),
// and attaches the paper. Returns {planId, paperId}.
export async function assemblePaperAndOpenSession(page, server, { kind = 'skill', level = 'mid', standard = 'llm-deploy-engineer', title } = {}) {
  await page.goto(`${server.url}/admin/assemble`);
  await page.waitForSelector('select[data-test=asm-standard] option[value="' + standard + '"]', { state: 'attached' });
  await choose(page, 'asm-standard', standard);
  await choose(page, 'asm-level', level);
  await choose(page, 'asm-kind', kind);
  await page.fill('input[data-test=asm-forms]', '1');
  await page.check('[data-test=asm-save] input[type=checkbox]').catch(() => {});
  await page.click('[data-test=asm-run]');
  await page.waitForSelector('[data-test=asm-result], [data-test=asm-error]');
  const err = await page.$('[data-test=asm-error]');
  if (err) throw new Error(`assembly failed: ${await err.textContent()}`);
  const paperId = (await page.textContent('[data-test=asm-form-0] [data-test=asm-paper-id]')).trim();

  await page.goto(`${server.url}/admin/plans/new`);
  await page.waitForSelector('[data-test=room-0-proctor-demo-proctor1]');
  await page.fill('input[data-test=plan-title]', title || `${standard} ${level} ${kind} · ${new Date().toISOString().slice(0, 16)}`);
  await choose(page, 'plan-standard', standard);
  await choose(page, 'plan-level', level);
  await choose(page, 'plan-kind', kind);
  // the standard's minimum for the subject (shown in the blueprint) — 180 min satisfies every pack level
  await page.fill('[data-test=plan-duration]', '180');
  await page.fill('[data-test=plan-window]', '240');
  await page.fill('[data-test=room-0-capacity]', '30');
  for (const login of ['demo-proctor1', 'demo-proctor2']) await page.check(`[data-test=room-0-proctor-${login}]`);
  for (const login of ['demo-examiner1', 'demo-examiner2', 'demo-examiner3']) await page.check(`[data-test=room-0-examiner-${login}]`);
  await page.waitForSelector('[data-test=plan-ok]');
  await page.click('[data-test=plan-save]');
  await page.waitForURL(/\/admin\/plans\/\d+$/);
  const planId = Number(page.url().match(/\/admin\/plans\/(\d+)$/)[1]);

  await page.waitForSelector(`select[data-test=plan-paper-select] option[value="${paperId}"]`, { state: 'attached' });
  await choose(page, 'plan-paper-select', paperId);
  await page.click('[data-test=plan-attach]');
  await page.waitForFunction(
    (id) => document.querySelector('[data-test=plan-paper]')?.textContent?.trim() === id,
    paperId,
  );
  return { planId, paperId };
}

// Approves every pending registration of the plan (with a reason), then prepares the attempts.
export async function approveRegistrations(page, server, { planId, reason = '资料审核通过 / documents checked' }) {
  await page.goto(`${server.url}/admin/registrations?plan=${planId}`);
  await page.waitForSelector('[data-test=reg-table][data-loaded=true]');
  await choose(page, 'reg-status', 'pending');
  for (;;) {
    const btn = await page.$('[data-test^=reg-approve-]');
    if (!btn) break;
    const id = (await btn.getAttribute('data-test')).replace('reg-approve-', '');
    await btn.click();
    await page.fill('[data-test=reason-dialog] textarea[data-test=reason-text]', reason);
    await page.click('[data-test=reason-confirm]');
    await page.waitForFunction((i) => !document.querySelector(`[data-test=reg-approve-${i}]`), id);
  }
  await page.goto(`${server.url}/admin/plans/${planId}`);
  await page.click('[data-test=plan-prepare]');
  await page.waitForSelector('[data-test=plan-notice]');
}

// Starts scoring of each plan (idempotent: objective items scored, scripts assigned to examiners).
export async function startScoring(page, server, { planIds }) {
  for (const planId of planIds) {
    await page.goto(`${server.url}/admin/plans/${planId}`);
    await page.click('[data-test=scoring-start]');
    await page.waitForSelector('[data-test=plan-notice], [data-test=plan-error]');
    const err = await page.$('[data-test=plan-error]');
    if (err) throw new Error(`start scoring of plan ${planId}: ${await err.textContent()}`);
  }
}

// Starts scoring (idempotent), computes the results of every plan first (a result combines the
// subjects of several plans: theory from one, skill from another), then reviews and publishes each
// result on the results page. Returns the ids of the results.
export async function scoreAndPublish(page, server, { planIds }) {
  await startScoring(page, server, { planIds });
  const ids = new Set();
  for (const planId of planIds) {
    await page.goto(`${server.url}/admin/results?plan=${planId}`);
    await page.waitForSelector('[data-test=res-table][data-loaded=true]');
    await page.click('[data-test=res-compute]');
    await page.waitForSelector('[data-test=res-notice], [data-test=res-error]');
    const err = await page.$('[data-test=res-error]');
    if (err) throw new Error(`compute results of plan ${planId}: ${await err.textContent()}`);
    await page.waitForSelector('[data-test=res-table][data-loaded=true]');
  }
  for (const planId of planIds) {
    await page.goto(`${server.url}/admin/results?plan=${planId}`);
    await page.waitForSelector('[data-test=res-table][data-loaded=true]');
    for (;;) {
      const btn = (await page.$('[data-test^=res-review-]')) || (await page.$('[data-test^=res-publish-]:not([data-test=res-publish-all])'));
      if (!btn) break;
      const test = await btn.getAttribute('data-test');
      await btn.click();
      await page.waitForFunction((tst) => !document.querySelector(`[data-test="${tst}"]`) || document.querySelector('[data-test=res-error]'), test);
      const e2 = await page.$('[data-test=res-error]');
      if (e2) throw new Error(`${test}: ${await e2.textContent()}`);
    }
    for (const el of await page.$$('[data-test^=res-state-]')) {
      ids.add(Number((await el.getAttribute('data-test')).replace('res-state-', '')));
    }
  }
  return { resultIds: [...ids] };
}

// Issues the certificate of a published passing result from the results page; returns its number.
export async function issueCertificate(page, server, { resultId }) {
  await page.goto(`${server.url}/admin/results`);
  await page.waitForSelector(`[data-test=res-cert-${resultId}]`);
  const issue = await page.$(`[data-test=res-issue-${resultId}]`);
  if (issue) await issue.click();
  await page.waitForFunction(
    (id) => {
      const c = document.querySelector(`[data-test=res-cert-${id}]`)?.textContent?.trim();
      return (c && c !== '—') || document.querySelector('[data-test=res-error]');
    },
    resultId,
  );
  const err = await page.$('[data-test=res-error]');
  if (err) throw new Error(`issue certificate for result ${resultId}: ${await err.textContent()}`);
  return { number: (await page.textContent(`[data-test=res-cert-${resultId}]`)).trim() };
}

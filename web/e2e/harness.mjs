// Shared by every browser test: starts the real `kaoping serve` on a free loopback port with a
// fresh data directory (so each test file sees a fresh server with the demo data), drives
// Debian's Chromium through playwright-core, and writes screenshots as test artifacts.
//
//   KAOPING_BIN        the kaoping binary (default: ../build/debug/kaoping, then ../build/release/kaoping)
//   KAOPING_ARTIFACTS  where screenshots go (default: web/e2e-artifacts)
//   CHROMIUM           the browser (default: /usr/bin/chromium)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const webDir = path.resolve(here, '..');
const repo = path.resolve(webDir, '..');

export function kaopingBinary() {
  if (process.env.KAOPING_BIN) return process.env.KAOPING_BIN;
  for (const c of ['build/debug/kaoping', 'build/release/kaoping']) {
    const p = path.join(repo, c);
    if (existsSync(p)) return p;
  }
  throw new Error('kaoping binary not found: build it (make build) or set KAOPING_BIN');
}

export const artifactsDir = process.env.KAOPING_ARTIFACTS || path.join(webDir, 'e2e-artifacts');

// Starts a server; resolves once it listens. Returns {url, admin:{login,password}, demo:{role→[{login,password,display_name}]}, stop()}.
export async function startServer({ env = {}, seedDemo = true } = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kaoping-e2e-'));
  const bin = kaopingBinary();
  const child = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--data', dataDir], {
    env: {
      ...process.env,
      KAOPING_WEB_DIR: path.join(webDir, 'dist'),
      ASAN_OPTIONS: process.env.ASAN_OPTIONS || 'detect_leaks=0',
      ...(seedDemo ? {} : { KAOPING_SEED_DEMO: 'false' }),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const onData = (d) => {
    out += d.toString();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s:\n${out}`)), 120_000);
    const check = () => {
      const m = out.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      if (m && out.includes('Ctrl+C')) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  const admin = {
    login: (out.match(/登录名 login:\s+(\S+)/) || [])[1],
    password: (out.match(/密码 password:\s+(\S+)/) || [])[1],
  };
  const demo = {};
  for (const m of out.matchAll(/^\s{4}(\w+)\s+(\S+) \/ (\S+)\s+\((.*)\)$/gm)) {
    (demo[m[1]] ||= []).push({ login: m[2], password: m[3], display_name: m[4] });
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    admin,
    demo,
    dataDir,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Debian's Chromium with the flags this sandbox needs (no background networking: the machine's
// network is closed and Chromium would otherwise retry Google hosts all the time).
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export async function newPage(browser, { viewport = { width: 1280, height: 900 }, locale = 'zh-CN' } = {}) {
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  // Let Vue transitions (a dialog or its mask fading in or out) finish, so the picture shows the
  // page as a person sees it once it has settled rather than half-dimmed. Not an assertion: a
  // page that never settles is still captured.
  await page
    .waitForFunction(() => !document.querySelector('[class*="-enter-active"], [class*="-leave-active"]'), null, {
      timeout: 3000,
    })
    .catch(() => {});
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
}

// Logs in through the login page and waits for the landing page.
export async function uiLogin(page, baseUrl, login, password) {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[data-test=login-name]', login);
  await page.fill('input[data-test=login-password]', password);
  await page.click('[data-test=login-submit]');
  await page.waitForSelector('[data-test=who]');
}

// A bearer-token API client for setting up data from the test itself.
export async function apiClient(baseUrl, login, password) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password, mode: 'bearer' }),
  });
  if (!res.ok) throw new Error(`login ${login}: ${res.status} ${await res.text()}`);
  const { token } = await res.json();
  const call = async (method, p, body) => {
    const r = await fetch(`${baseUrl}${p.startsWith('/') ? p : `/api/v1/${p}`}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    if (!r.ok) {
      const err = new Error(`${method} ${p}: ${r.status} ${text}`);
      err.status = r.status;
      err.body = json;
      throw err;
    }
    return json;
  };
  return {
    token,
    get: (p) => call('GET', p),
    post: (p, b = {}) => call('POST', p, b),
    put: (p, b = {}) => call('PUT', p, b),
    patch: (p, b = {}) => call('PATCH', p, b),
    del: (p) => call('DELETE', p),
  };
}

// For a test file: a fresh server and a browser for all its tests, stopped at the end. The
// returned object's `server` and `browser` are set once `before` has run.
export function serverAndBrowser(options) {
  const ctx = { server: null, browser: null };
  before(async () => {
    ctx.server = await startServer(options);
    ctx.browser = await launchBrowser();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  return ctx;
}

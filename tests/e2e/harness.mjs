// Shared pieces of the browser tests: start the real accord-server on a free port with a fresh
// data dir, launch Debian's headless Chromium, and drive the canvas UI through its test hook
// (window.accordTest.state publishes the view, the last API call and named widget rectangles).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const artifacts = process.env.ACCORD_ARTIFACTS || path.join(tmpdir(), 'accord-e2e');
mkdirSync(artifacts, { recursive: true });

export async function startServer() {
  const bin = process.env.ACCORD_SERVER_BIN;
  const webRoot = process.env.ACCORD_WEB_ROOT;
  if (!bin || !webRoot) throw new Error('set ACCORD_SERVER_BIN and ACCORD_WEB_ROOT (ctest does)');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'accord-e2e-'));
  const proc = spawn(bin, ['--port', '0', '--data-dir', dataDir, '--web-root', webRoot, '--demo-data'],
                     { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + out)), 15000);
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    proc.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.on('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// One server and one browser for a test file: started before its tests, stopped after them.
// Read env.server and env.browser inside the tests.
export function serverAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--use-gl=angle', '--use-angle=swiftshader',
           '--enable-unsafe-swiftshader'],
  });
}

// A page on the app with helpers that act like a person: click a named widget, type, wait.
// `browser` may be a browser (a new context: no cookies, no storage) or a context (another tab of
// the same user); `permissions` are granted to a new context (e.g. clipboard-read).
export async function openApp(browser, url, { width = 1280, height = 800, permissions = [] } = {}) {
  let page;
  if ('contexts' in browser) {
    // Not browser.newPage(): its context takes no second tab. The context lives as long as this page.
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, permissions });
    page = await context.newPage();
    page.on('close', () => context.close().catch(() => {}));
  } else {
    page = await browser.newPage();
  }
  const problems = [];
  const consoleLines = [];  // every console line, for tests about what the page logs
  page.on('pageerror', (e) => problems.push('pageerror: ' + e.message));
  page.on('console', (m) => {
    consoleLines.push(`${m.type()}: ${m.text()}`);
    if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(m.text());
  });
  await page.goto(url);
  const app = {
    page,
    problems,
    console: consoleLines,
    state: () => page.evaluate(() => window.accordTest.state),
    async waitFor(predicate, arg, timeout = 15000) {
      try {
        await page.waitForFunction(predicate, arg, { timeout, polling: 50 });
      } catch (e) {
        const s = await app.state().catch(() => null);
        await page.screenshot({ path: path.join(artifacts, 'failure.png') }).catch(() => {});
        throw new Error(`${e.message}\nstate: ${JSON.stringify(s)}\nproblems: ${problems.join(' | ')}`);
      }
    },
    async widget(name) {
      await app.waitFor((n) => window.accordTest.state && window.accordTest.state.widgets[n], name);
      return (await app.state()).widgets[name];
    },
    // Scrolls the pane under a widget until the widget is on screen (a canvas has no scrollIntoView).
    async reveal(name) {
      const view = page.viewportSize();
      for (let i = 0; i < 40; i++) {
        const [x, y, w, h] = await app.widget(name);
        if (y >= 0 && y + h <= view.height) return [x, y, w, h];
        await page.mouse.move(Math.min(Math.max(x + w / 2, 1), view.width - 1), view.height / 2);
        await page.mouse.wheel(0, y < 0 ? -200 : 200);  // a wheel notch or two, as a person scrolls
        await page.waitForTimeout(80);
      }
      throw new Error(`widget ${name} stays off screen`);
    },
    async click(name) {
      const [x, y, w, h] = await app.reveal(name);
      await page.mouse.move(x + w / 2, y + h / 2);
      await page.waitForTimeout(60);  // let a frame see the hover before the press
      await page.mouse.down();
      await page.waitForTimeout(60);
      await page.mouse.up();
      await page.waitForTimeout(60);
    },
    async typeInto(name, text) {
      await app.click(name);
      // Replace whatever the field held. Keys are held across frames: ImGui 1.86 misses a key pressed and
      // released between two frames, which a fast machine does with press().
      await page.waitForTimeout(80);
      await page.keyboard.down('Control');
      await page.keyboard.down('a');
      await page.waitForTimeout(80);
      await page.keyboard.up('a');
      await page.keyboard.up('Control');
      await page.keyboard.down('Backspace');
      await page.waitForTimeout(80);
      await page.keyboard.up('Backspace');
      await page.keyboard.type(text, { delay: 20 });
    },
    // Chinese through the IME bridge, as a pinyin IME would deliver it (composition, then commit).
    async imeType(name, text) {
      await app.click(name);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Input.imeSetComposition', { text: 'shang', selectionStart: 5, selectionEnd: 5 });
      await page.waitForTimeout(60);
      await cdp.send('Input.insertText', { text });
      await page.waitForTimeout(100);
    },
    // An API call as the signed-in user (the page's cookie), for setting up what a test is not about.
    async api(method, path, body) {
      return page.evaluate(async ([m, p, b]) => {
        const r = await fetch(p, { method: m, headers: b ? { 'Content-Type': 'application/json' } : {},
                                   body: b ? JSON.stringify(b) : undefined });
        return { status: r.status, body: await r.json().catch(() => null) };
      }, [method, path, body]);
    },
    // Opens a case from the list and waits for its view.
    async openCase(id) {
      await app.waitFor((n) => window.accordTest.state.cases.some((c) => c.id === n), id);
      await app.click(`cases.row.${id}`);
      await app.waitFor((n) => window.accordTest.state.current && window.accordTest.state.current.id === n &&
                               window.accordTest.state.etag !== '', id);
    },
    // Takes an action through its form: opens it, lets `fill` type into the fields, submits, and waits for
    // the case to reach `state`.
    async act(action, state, fill) {
      await app.waitFor((a) => window.accordTest.state.actions.includes(a), action);
      await app.click(`action.${action}`);
      await app.waitFor((a) => window.accordTest.state.action_form === a, action);
      if (fill) await fill();
      await app.click('action.submit');
      await app.waitFor((st) => window.accordTest.state.current && window.accordTest.state.current.state === st &&
                                window.accordTest.state.action_form === null, state);
    },
    // Signs in through the API and reloads: for tests about what comes after the sign-in screen.
    async signInQuickly(username, password = 'accord-demo') {
      await app.waitFor(() => window.accordTest.state && window.accordTest.state.screen === 'login');
      const r = await app.api('POST', '/api/v1/session', { username, password });
      if (r.status !== 200) throw new Error(`sign-in as ${username}: ${r.status}`);
      await page.reload();
      await app.waitFor((u) => window.accordTest.state && window.accordTest.state.user &&
                               window.accordTest.state.user.username === u, username);
    },
    async signIn(username, password = 'accord-demo') {
      await app.waitFor(() => window.accordTest.state && window.accordTest.state.screen === 'login');
      await app.typeInto('login.username', username);
      await app.typeInto('login.password', password);
      await app.click('login.submit');
      await app.waitFor((u) => window.accordTest.state.user && window.accordTest.state.user.username === u, username);
    },
    // A shortcut held across frames (ImGui 1.86 misses a press and release between two frames).
    async shortcut(key, modifier = 'Control') {
      await page.keyboard.down(modifier);
      await page.keyboard.down(key);
      await page.waitForTimeout(100);
      await page.keyboard.up(key);
      await page.keyboard.up(modifier);
      await page.waitForTimeout(100);
    },
    async screenshot(name) {
      await page.waitForTimeout(150);
      await page.screenshot({ path: path.join(artifacts, name + '.png') });
    },
  };
  return app;
}

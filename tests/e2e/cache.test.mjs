// Caching across visits: the build gives every file the page refers to a content-hashed name
// that the server lets browsers keep for a year; only the page itself is revalidated (ETag, 304).
// Bytes are counted from Chromium's own network events (CDP Network.loadingFinished
// encodedDataLength: what came off the socket, headers included; 0 for a cache hit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, serverAndBrowser } from './harness.mjs';

const env = serverAndBrowser();
const COLD_BUDGET = 1_000_000;  // issue 12: cold download of the first screen, brotli, ≤ 1.0 MB
const WARM_BUDGET = 10_000;     // issue 12: a second visit transfers ≤ 10 KB

function header(headers, name) {
  const key = Object.keys(headers || {}).find((k) => k.toLowerCase() === name);
  return key ? headers[key] : undefined;
}

// Opens the app in `context` (a new tab) and counts every request until the first screen has
// drawn and the network has been quiet for a while; `reload` reloads that tab instead.
async function visit(context, url, { page = null, name } = {}) {
  const tab = page || (await context.newPage());
  const problems = [];
  if (!page) {
    tab.on('pageerror', (e) => problems.push('pageerror: ' + e.message));
    tab.on('console', (m) => { if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(m.text()); });
  }
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Network.enable');
  const requests = new Map();
  let lastActivity = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    lastActivity = Date.now();
    requests.set(e.requestId, { url: e.request.url, status: 0, bytes: 0, done: false, cached: false });
  });
  cdp.on('Network.requestServedFromCache', (e) => { const r = requests.get(e.requestId); if (r) r.cached = true; });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.status = e.response.status;
    r.cached ||= Boolean(e.response.fromDiskCache || e.response.fromPrefetchCache);
    r.encoding = header(e.response.headers, 'content-encoding') || '';
    r.cacheControl = header(e.response.headers, 'cache-control') || '';
  });
  // What the server actually answered: responseReceived reports a revalidated copy as its 200.
  cdp.on('Network.responseReceivedExtraInfo', (e) => { const r = requests.get(e.requestId); if (r) r.wireStatus = e.statusCode; });
  const finish = (e) => {
    lastActivity = Date.now();
    const r = requests.get(e.requestId);
    if (r) Object.assign(r, { done: true, bytes: e.encodedDataLength || 0 });
  };
  cdp.on('Network.loadingFinished', finish);
  cdp.on('Network.loadingFailed', (e) => { finish(e); const r = requests.get(e.requestId); if (r) r.failed = e.errorText; });

  const started = Date.now();
  if (page) await tab.reload(); else await tab.goto(url);
  // The first screen: the app ran main() (font held before it) and drew the sign-in screen.
  await tab.waitForFunction(() => window.accordTest.state && window.accordTest.state.screen === 'login',
                            null, { timeout: 30000, polling: 50 });
  const drawnMs = Date.now() - started;
  // Quiet for 1 s, all requests finished (or 10 s at most).
  for (const deadline = Date.now() + 10000; Date.now() < deadline;) {
    if ([...requests.values()].every((r) => r.done) && Date.now() - lastActivity > 1000) break;
    await tab.waitForTimeout(100);
  }
  await tab.screenshot({ path: path.join(artifacts, name + '.png') });
  await cdp.detach();
  const list = [...requests.values()];
  const total = list.reduce((sum, r) => sum + r.bytes, 0);
  const table = list.map((r) => `  ${String(r.bytes).padStart(8)}  ${r.wireStatus || r.status} ${r.cached ? 'cache' : '     '} ` +
                                `${(r.encoding || '-').padEnd(3)} ${new URL(r.url).pathname}`).join('\n');
  console.log(`${name}: ${total} bytes in ${list.length} requests, first screen at ${drawnMs} ms\n${table}`);
  return { page: tab, requests: list, total, problems };
}

test('a second visit transfers at most 10 KB and still draws the first screen', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  try {
    const url = env.server.url;
    const cold = await visit(context, url, { name: 'cache-1-cold' });
    assert.deepEqual(cold.problems, []);
    // Every file the page loads has a hashed name and a year's lifetime; big ones came as brotli.
    const files = cold.requests.filter((r) => !new URL(r.url).pathname.startsWith('/api/') && new URL(r.url).pathname !== '/');
    const names = files.map((r) => new URL(r.url).pathname);
    for (const want of [/^\/app\.[0-9a-f]{8}\.js$/, /^\/app\.[0-9a-f]{8}\.wasm$/, /^\/fonts\/accord-cjk\.[0-9a-f]{8}\.otf$/,
                        /^\/app\.[0-9a-f]{8}\.css$/, /^\/bridges\/boot\.[0-9a-f]{8}\.js$/]) {
      assert.ok(names.some((n) => want.test(n)), `${want} among ${names.join(' ')}`);
    }
    for (const r of files) {
      assert.equal(r.status, 200, r.url);
      assert.match(new URL(r.url).pathname, /\.[0-9a-f]{8}\.[a-z0-9]+$/, 'an unhashed file: ' + r.url);
      assert.equal(r.cacheControl, 'public, max-age=31536000, immutable', r.url);
      if (/\.(wasm|otf|js)$/.test(r.url)) assert.equal(r.encoding, 'br', r.url);
    }
    // Each file is fetched once (the preloads are the requests boot.js and app.js use).
    assert.equal(new Set(names).size, names.length, names.join(' '));
    assert.ok(cold.total <= COLD_BUDGET, `cold visit ${cold.total} bytes > ${COLD_BUDGET}`);

    // A new tab in the same browser profile: only the page is asked for again, and it has not changed.
    const warm = await visit(context, url, { name: 'cache-2-warm' });
    assert.deepEqual(warm.problems, []);
    const page = warm.requests.find((r) => new URL(r.url).pathname === '/');
    assert.equal(page.wireStatus, 304);
    assert.equal(page.status, 200);  // the browser's copy, confirmed
    for (const r of warm.requests.filter((x) => files.some((f) => f.url === x.url))) {
      assert.ok(r.cached && r.bytes === 0, `${r.url} fetched again (${r.bytes} bytes)`);
    }
    assert.ok(warm.total <= WARM_BUDGET, `warm visit ${warm.total} bytes > ${WARM_BUDGET}`);

    // Reloading the tab revalidates the page only, too.
    const reload = await visit(context, url, { page: warm.page, name: 'cache-3-reload' });
    assert.deepEqual(warm.problems, []);  // the same tab: its listeners fill warm.problems
    assert.equal(reload.requests.find((r) => new URL(r.url).pathname === '/').wireStatus, 304);
    assert.ok(reload.total <= WARM_BUDGET, `reload ${reload.total} bytes > ${WARM_BUDGET}`);
    console.log(`cold ${cold.total} B, warm ${warm.total} B, reload ${reload.total} B`);
  } finally {
    await context.close();
  }
});

// The client behaves like a web page: every screen and case has an address, a link opened in a new
// tab lands on it (after sign-in), Back and Forward move between screens, a reload keeps the screen,
// the language and a half-written form, and Ctrl+C/X/V reach the system clipboard, Chinese included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, serverAndBrowser } from './harness.mjs';

const env = serverAndBrowser();

async function fileCase(app, orderRef, description) {
  const r = await app.api('POST', '/api/v1/disputes', {
    order_ref: orderRef, category: 'quality_defect', requested_remedy: 'full_refund', amount_minor: 1000,
    description, channel: 'web',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.dispute.id;
}

test('a link to a case lands there after sign-in, in a new tab directly; Back and Forward move between screens', async () => {
  const setup = await openApp(env.browser, env.server.url);
  await setup.signInQuickly('buyer');
  const id = await fileCase(setup, 'TB20261101-0002', '屏幕有坏点，申请退款');
  await setup.page.close();

  // Signed out: the sign-in screen first, remembering where the link pointed.
  const app = await openApp(env.browser, `${env.server.url}#/cases/${id}`);
  await app.waitFor(() => window.accordTest.state && window.accordTest.state.screen === 'login');
  await app.waitFor((i) => window.accordTest.state.route === `#/sign-in?next=%23%2Fcases%2F${i}`, id);
  await app.signIn('buyer');
  await app.waitFor((i) => {
    const s = window.accordTest.state;
    return s.pane === 'detail' && s.current && s.current.id === i && s.route === `#/cases/${i}`;
  }, id);
  assert.equal(await app.page.evaluate(() => location.hash), `#/cases/${id}`);

  // Another tab of the same browser is signed in: the link opens the case at once.
  const tab = await openApp(app.page.context(), `${env.server.url}#/cases/${id}`);
  await tab.waitFor((i) => {
    const s = window.accordTest.state;
    return s && s.screen === 'cases' && s.current && s.current.id === i;
  }, id);
  assert.deepEqual(tab.console.filter((l) => /login|sign-in/.test(l)), []);
  await tab.screenshot('links-01-new-tab-on-case');
  await tab.page.close();

  // The list with a filter, a case, the filing form: each a page Back and Forward step through.
  await app.click('filter.overdue');
  await app.waitFor((i) => window.accordTest.state.route === `#/cases/${i}?overdue=1`, id);
  await app.click('filter.overdue');
  await app.waitFor((i) => window.accordTest.state.route === `#/cases/${i}`, id);
  await app.click('cases.new');
  await app.waitFor(() => window.accordTest.state.pane === 'filing' &&
                          /^#\/file\?order=TB/.test(window.accordTest.state.route));
  const filingRoute = (await app.state()).route;
  await app.page.evaluate(() => history.back());
  await app.waitFor((i) => {
    const s = window.accordTest.state;
    return s.pane === 'detail' && s.current && s.current.id === i && s.route === `#/cases/${i}`;
  }, id);
  await app.page.evaluate(() => history.forward());
  await app.waitFor((r) => window.accordTest.state.pane === 'filing' && window.accordTest.state.route === r,
                    filingRoute);
  // An address typed by hand is followed too; one with no screen shows the list.
  await app.page.evaluate(() => { location.hash = '#/nowhere'; });
  await app.waitFor(() => window.accordTest.state.pane === 'none' && window.accordTest.state.route === '#/cases');
  assert.deepEqual(app.problems, []);
  await app.page.close();
});

test('a reload mid-filing keeps the screen, the language and the half-written form; sending clears it', async () => {
  const app = await openApp(env.browser, env.server.url);
  await app.signInQuickly('buyer2');
  await app.click('lang.toggle');
  await app.waitFor(() => window.accordTest.state.lang === 'en');
  await app.click('cases.new');
  await app.waitFor(() => window.accordTest.state.pane === 'filing' && window.accordTest.state.filing_draft.order_ref !== '');
  const order = (await app.state()).filing_draft.order_ref;
  const text = '收到的商品与描述不符，颜色不对';
  await app.imeType('filing.description', text);
  await app.waitFor((t) => window.accordTest.state.filing_description === t && window.accordTest.state.leave_warning, text);

  // Leaving asks first (the browser's own prompt); accepting it reloads.
  const dialogs = [];
  app.page.on('dialog', (d) => { dialogs.push(d.type()); d.accept(); });
  await app.page.reload();
  assert.deepEqual(dialogs, ['beforeunload']);
  await app.waitFor((t) => {
    const s = window.accordTest.state;
    return s && s.screen === 'cases' && s.pane === 'filing' && s.filing_description === t && s.orders > 0;
  }, text);
  let s = await app.state();
  assert.equal(s.lang, 'en');
  assert.equal(s.route, `#/file?order=${order}`);
  assert.equal(s.filing_draft.order_ref, order);
  await app.screenshot('links-02-filing-after-reload');

  await app.click('filing.submit');
  await app.waitFor(() => window.accordTest.state.pane === 'detail' && window.accordTest.state.current);
  s = await app.state();
  assert.equal(s.current.description, text);
  assert.equal(s.leave_warning, false);
  assert.equal(await app.page.evaluate(() => localStorage.getItem('accord.drafts.buyer2')), null, 'sent: no draft left');
  assert.deepEqual(app.problems, []);
  await app.page.close();
});

test('Ctrl+V pastes the system clipboard, Ctrl+C and Ctrl+X put the selection on it, in Chinese', async () => {
  const app = await openApp(env.browser, env.server.url, { permissions: ['clipboard-read', 'clipboard-write'] });
  await app.signInQuickly('buyer');
  await app.click('cases.new');
  await app.waitFor(() => window.accordTest.state.pane === 'filing');
  const text = '耳机左边没有声音，要求退货退款 (RMA-42)';
  await app.page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await app.click('filing.description');
  await app.shortcut('v');
  await app.waitFor((t) => window.accordTest.state.filing_description === t, text);
  await app.screenshot('links-03-pasted');

  await app.page.evaluate(() => navigator.clipboard.writeText('something else'));
  await app.shortcut('a');
  await app.shortcut('c');
  assert.equal(await app.page.evaluate(() => navigator.clipboard.readText()), text);

  await app.page.evaluate(() => navigator.clipboard.writeText('something else'));
  await app.shortcut('a');
  await app.shortcut('x');
  await app.waitFor(() => window.accordTest.state.filing_description === '');
  assert.equal(await app.page.evaluate(() => navigator.clipboard.readText()), text);

  // On macOS ⌘ is the shortcut key; ImGui 1.86 in a browser knows only Ctrl, so the bridge stands in.
  await app.page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'platform', { get: () => 'MacIntel' }));
  await app.page.reload();
  await app.waitFor(() => window.accordTest.state && window.accordTest.state.pane === 'filing');
  await app.page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await app.click('filing.description');
  await app.shortcut('v');
  await app.waitFor((t) => window.accordTest.state.filing_description === t, text);
  await app.page.evaluate(() => navigator.clipboard.writeText('something else'));
  await app.shortcut('a', 'Meta');
  await app.shortcut('c', 'Meta');
  const clipboard = () => app.page.evaluate(() => navigator.clipboard.readText());
  for (let i = 0; i < 30 && (await clipboard()) !== text; i++) await app.page.waitForTimeout(100);
  assert.equal(await clipboard(), text);
  await app.shortcut('x', 'Meta');
  await app.waitFor(() => window.accordTest.state.filing_description === '');
  assert.deepEqual(app.problems, []);
  await app.page.close();
});

test('a signed-out page load logs no error', async () => {
  const app = await openApp(env.browser, env.server.url);
  await app.waitFor(() => window.accordTest.state && window.accordTest.state.screen === 'login');
  await app.page.waitForTimeout(300);
  const errors = app.console.filter((l) => l.startsWith('error'));
  await app.page.close();
  assert.deepEqual(errors, []);
});

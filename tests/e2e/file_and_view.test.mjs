// A buyer files a dispute in Chinese through the real web client; the merchant then sees it,
// with the buyer's contact redacted. Real server, real SQLite file, real Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, serverAndBrowser } from './harness.mjs';

const DESCRIPTION = '商品质量问题，耳机左边没有声音，要求退货退款';
const env = serverAndBrowser();

test('wrong password shows the server message and stays on the sign-in screen', async () => {
  const app = await openApp(env.browser, env.server.url);
  await app.waitFor(() => window.accordTest.state && window.accordTest.state.screen === 'login');
  await app.typeInto('login.username', 'buyer');
  await app.typeInto('login.password', 'not-the-password');
  await app.click('login.submit');
  await app.waitFor(() => window.accordTest.state.errors.login !== '');
  const s = await app.state();
  assert.equal(s.screen, 'login');
  assert.equal(s.last_api.status, 401);
  assert.equal(s.last_api.code, 'invalid_credentials');
  assert.equal(s.errors.login, '用户名或密码错误');
  await app.page.close();
});

test('buyer files a dispute in Chinese; merchant sees it redacted', async () => {
  const buyer = await openApp(env.browser, env.server.url);
  await buyer.signIn('buyer');
  await buyer.screenshot('01-buyer-cases-empty');

  await buyer.click('cases.new');
  await buyer.waitFor(() => window.accordTest.state.pane === 'filing' && window.accordTest.state.orders > 0);

  // Submitting the empty form shows the shared validation's errors and sends nothing.
  const callsBefore = (await buyer.state()).last_api;
  await buyer.click('filing.submit');
  await buyer.waitFor(() => window.accordTest.state.filing_errors.length > 0);
  let s = await buyer.state();
  const fields = s.filing_errors.map((e) => `${e.field}:${e.code}`);
  assert.deepEqual(fields, ['description:required']);
  // The order that makes sense is preselected (the newest without a case, in its window), its total as
  // the amount.
  assert.deepEqual(s.filing_draft, { order_ref: 'TB20261101-0003', amount: '39.00' });
  assert.deepEqual(s.last_api, callsBefore, 'an invalid form must not reach the server');
  await buyer.screenshot('02-filing-errors');

  await buyer.click('filing.order');
  await buyer.click('filing.order.TB20261101-0001');
  await buyer.click('filing.remedy');
  await buyer.click('filing.remedy.return_and_refund');
  await buyer.typeInto('filing.amount', '899');
  await buyer.imeType('filing.description', DESCRIPTION);
  await buyer.waitFor(() => window.accordTest.state.filing_errors.length === 0);
  await buyer.screenshot('03-filing-filled');
  await buyer.click('filing.submit');

  await buyer.waitFor(() => {
    const st = window.accordTest.state;
    return st.pane === 'detail' && st.current && st.notice.includes('AC-') && st.cases.length === 1;
  });
  s = await buyer.state();
  assert.equal(s.current.description, DESCRIPTION, 'Chinese text arrives intact through the IME bridge');
  assert.equal(s.current.order_ref, 'TB20261101-0001');
  assert.equal(s.current.amount.minor, 89900);
  assert.equal(s.current.requested_remedy, 'return_and_refund');
  assert.equal(s.current.state, 'filed');
  assert.equal(s.current.buyer.phone, '13812345678', 'the buyer sees their own contact');
  assert.equal(s.last_api.status, 200);
  // The platform's clocks, computed by the server with the shared rules, count down on screen.
  await buyer.waitFor(() => window.accordTest.state.deadlines.length === 3);
  s = await buyer.state();
  const triage = s.deadlines.find((d) => d.kind === 'triage');
  assert.equal(triage.due, s.current.created_at + 24 * 3600);
  await buyer.screenshot('04-buyer-case-filed');
  const caseId = s.current.id;

  // The same order cannot get a second case, and an order past its window cannot get one at all:
  // the shared rules say so as soon as the order is picked, before anything is sent.
  await buyer.click('cases.new');
  await buyer.waitFor(() => window.accordTest.state.pane === 'filing' && window.accordTest.state.orders > 0);
  await buyer.click('filing.order');
  await buyer.click('filing.order.TB20261101-0001');
  await buyer.waitFor(() => window.accordTest.state.filing_errors.some((e) => e.code === 'already_disputed'));
  await buyer.screenshot('04b-order-already-disputed');
  await buyer.click('filing.order');
  await buyer.click('filing.order.TB20261001-0004');
  await buyer.waitFor(() => window.accordTest.state.filing_errors.some((e) => e.code === 'filing_window_closed'));
  s = await buyer.state();
  assert.deepEqual(s.filing_errors.map((e) => e.field), ['order_ref'], 'only the order is wrong so far');
  await buyer.click('filing.cancel');

  await buyer.click('signout');
  await buyer.waitFor(() => window.accordTest.state.screen === 'login');
  await buyer.signIn('merchant');
  await buyer.waitFor((id) => window.accordTest.state.cases.some((c) => c.id === id), caseId);
  await buyer.click(`cases.row.${caseId}`);
  await buyer.waitFor((id) => window.accordTest.state.current && window.accordTest.state.current.id === id, caseId);
  s = await buyer.state();
  assert.equal(s.user.role, 'merchant');
  assert.equal(s.current.description, DESCRIPTION);
  assert.equal(s.current.contact_redacted, true);
  assert.equal(s.current.buyer.phone, '138****5678');
  assert.equal(s.current.buyer.name, '张*');
  assert.ok(s.current.buyer.address.endsWith('****'));
  await buyer.screenshot('05-merchant-sees-redacted');

  await buyer.click('lang.toggle');
  await buyer.waitFor(() => window.accordTest.state.lang === 'en');
  await buyer.screenshot('06-merchant-english');
  assert.deepEqual(buyer.problems, []);
});

// The arbitration path in the web client (a mediator refers, an arbitrator takes the case and rules with
// reasons, a party appeals within the window), and each role's main screen at phone and desktop widths in
// both languages, saved as screenshots to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, serverAndBrowser } from './harness.mjs';

const env = serverAndBrowser();
let caseId;

// Each party's API calls in its own signed-in page (set-up the test is not about).
async function asUser(username) {
  const app = await openApp(env.browser, env.server.url);
  await app.signInQuickly(username);
  return app;
}

async function must(app, method, path, body) {
  const r = await app.api(method, path, body);
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

test('a mediator refers, an arbitrator rules with reasons, the merchant appeals', async () => {
  const buyer = await asUser('buyer');
  const filed = await must(buyer, 'POST', '/api/v1/disputes', {
    kind: 'buyer_vs_merchant', order_ref: 'TB20261101-0001', category: 'counterfeit',
    requested_remedy: 'return_and_refund', amount_minor: 89900, currency: 'CNY',
    description: '收到的耳机疑似假货，序列号查询不到', channel: 'web' });
  caseId = filed.dispute.id;
  const act = (app, body) => must(app, 'POST', `/api/v1/disputes/${caseId}/actions`, body);
  const support = await asUser('support');
  await act(support, { action: 'accept_case', triage: { category: 'counterfeit', priority: 'normal',
                                                        queue: 'specialist', root_cause: 'other' } });
  const merchant = await asUser('merchant');
  await act(merchant, { action: 'merchant_contest', reason: '商品为正品，有进货凭证' });
  await act(buyer, { action: 'request_mediation' });

  const mediator = await asUser('mediator');
  await mediator.openCase(caseId);
  await mediator.act('assign_mediator', 'mediation');
  // Referring needs a reason: the form says so before sending.
  await mediator.click('action.refer_to_arbitration');
  await mediator.click('action.submit');
  await mediator.waitFor(() => window.accordTest.state.action_errors.some((e) => e.field === 'reason'));
  await mediator.typeInto('action.reason', '双方对商品真伪各执一词，需仲裁认定');
  await mediator.click('action.submit');
  await mediator.waitFor(() => window.accordTest.state.current.state === 'arbitration');

  const arbitrator = await asUser('arbitrator');
  await arbitrator.openCase(caseId);
  await arbitrator.act('assign_arbitrator', 'arbitration');
  await arbitrator.act('rule', 'ruled', async () => {
    await arbitrator.click('action.ruling.violation');
    await arbitrator.click('action.ruling.violation');  // closes again: no rule chosen is a valid choice
    await arbitrator.typeInto('action.ruling.remedy.amount', '899');
    await arbitrator.typeInto('action.ruling.reasoning', '商家未能提供有效进货凭证，支持买家退货退款');
  });
  await arbitrator.screenshot('arb-01-ruled');
  let s = await arbitrator.state();
  assert.equal(s.current.state, 'ruled');

  // The merchant reads the ruling and appeals within the window, with a reason.
  await merchant.openCase(caseId);
  await merchant.waitFor(() => window.accordTest.state.actions.includes('appeal'));
  await merchant.act('appeal', 'appealed', async () => {
    await merchant.typeInto('action.reason', '有新的进货凭证可以提交');
  });
  s = await merchant.state();
  assert.ok(s.timeline.includes('rule assigned_arbitrator'), s.timeline.join(', '));
  await merchant.screenshot('arb-02-merchant-appealed');
  for (const app of [buyer, support, merchant, mediator, arbitrator]) assert.deepEqual(app.problems, []);
});

test('each role\'s main screen at 1440 and 390 px, in Chinese and English', async () => {
  assert.ok(caseId, 'the previous test filed a case');
  for (const role of ['buyer', 'merchant', 'support', 'mediator', 'arbitrator', 'approver', 'admin']) {
    // Every role at both widths; each language at each width across the roles (all four for the buyer).
    const all = role === 'buyer';
    const app = await openApp(env.browser, env.server.url, { width: 1440, height: 900 });
    await app.signInQuickly(role);
    await app.openCase(caseId);
    await app.screenshot(`screen-${role}-1440-zh`);
    await app.click('lang.toggle');
    await app.waitFor(() => window.accordTest.state.lang === 'en');
    if (all) await app.screenshot(`screen-${role}-1440-en`);
    await app.page.setViewportSize({ width: 390, height: 844 });
    // One pane at a time: the case, with a way back to the list.
    await app.waitFor(() => window.accordTest.state.widgets['pane.back'] !== undefined);
    await app.screenshot(`screen-${role}-390-en`);
    await app.click('lang.toggle');
    await app.waitFor(() => window.accordTest.state.lang === 'zh-CN');
    if (all) await app.screenshot(`screen-${role}-390-zh`);
    await app.click('pane.back');
    await app.waitFor(() => window.accordTest.state.pane === 'none');
    const s = await app.state();
    assert.ok(s.widgets[`cases.row.${caseId}`], 'the list is back');
    const [x, , w] = s.widgets.signout;
    assert.ok(x + w <= 390, `sign-out is on screen at 390 px (${x}+${w})`);
    await app.screenshot(`screen-${role}-390-zh-list`);
    assert.deepEqual(app.problems, []);
    await app.page.close();
  }
});

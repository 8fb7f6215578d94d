// One case through every role in the web client, each in their own browser session, each using only the
// buttons the server offers (available_actions): support routes it, the merchant offers, the buyer uploads
// evidence and asks the platform in, a mediator takes it and proposes, an approver approves, both parties
// consent, the remedy is carried out, and the buyer rates. Messages and a stale-case refusal on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, serverAndBrowser } from './harness.mjs';

const t0 = Date.now();
const step = (what) => console.log(`# ${((Date.now() - t0) / 1000).toFixed(1)}s ${what}`);

const env = serverAndBrowser();

// A JPEG as the server sniffs it: the magic bytes, then filler.
function jpeg() {
  const bytes = Buffer.alloc(4096, 0x20);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
}

test('a case goes from filing to closing through every role in the browser', async () => {
  const buyer = await openApp(env.browser, env.server.url);
  await buyer.signIn('buyer');
  const orders = await buyer.api('GET', '/api/v1/orders');
  const order = orders.body.orders.find((o) => o.order_ref === 'TB20261101-0001');
  const filed = await buyer.api('POST', '/api/v1/disputes', {
    kind: 'buyer_vs_merchant', order_ref: order.order_ref, category: 'quality_defect',
    requested_remedy: 'partial_refund', amount_minor: 50000, currency: 'CNY',
    description: '耳机左声道无声，要求部分退款', channel: 'web' });
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  const id = filed.body.dispute.id;
  await buyer.click('cases.refresh');

  step('Support: the triage');
  // Support: the triage form starts from the case as filed; routing it sends it to the merchant.
  const support = await openApp(env.browser, env.server.url);
  await support.signInQuickly('support');
  await support.openCase(id);
  await support.act('accept_case', 'awaiting_merchant', async () => {
    await support.click('action.triage.priority');
    await support.click('action.triage.priority.urgent');
  });
  await support.screenshot('roles-01-support-routed');

  step('Merchant: a lower offer');
  // Merchant: a lower offer; an amount over the order total is refused before anything is sent.
  const merchant = await openApp(env.browser, env.server.url);
  await merchant.signInQuickly('merchant');
  await merchant.openCase(id);
  assert.deepEqual((await merchant.state()).actions.sort(),
                   ['merchant_accept', 'merchant_contest', 'merchant_offer'].sort());
  await merchant.click('action.merchant_offer');
  await merchant.typeInto('action.terms.amount', '99999');
  const before = (await merchant.state()).writes_sent;
  await merchant.click('action.submit');
  await merchant.waitFor(() => window.accordTest.state.action_errors.some((e) => e.field === 'terms.amount_minor'));
  await merchant.screenshot('roles-02a-merchant-offer-too-high');
  assert.equal((await merchant.state()).writes_sent, before, 'an offer over the order total is not sent');
  await merchant.typeInto('action.terms.amount', '300');
  await merchant.click('action.submit');
  await merchant.waitFor(() => window.accordTest.state.current.state === 'negotiation');
  await merchant.typeInto('message.text', '您好，可以先退300元');
  await merchant.click('message.send');
  await merchant.waitFor(() => window.accordTest.state.messages.length === 1);
  await merchant.screenshot('roles-02-merchant-offered');

  step('Buyer: sees the offer');
  // Buyer: sees the offer and the message, uploads a photo, asks the platform to step in.
  await buyer.openCase(id);
  await buyer.waitFor(() => window.accordTest.state.current.state === 'negotiation' &&
                            window.accordTest.state.messages.length === 1);
  await buyer.page.setInputFiles('#file-picker', { name: '耳机照片.jpg', mimeType: 'image/jpeg', buffer: jpeg() });
  await buyer.waitFor(() => window.accordTest.state.evidence.length === 1 && window.accordTest.state.uploads.length === 0);
  assert.equal((await buyer.state()).evidence[0].file_name, '耳机照片.jpg');
  // A file of the wrong type is refused with the server's words, under its name.
  await buyer.page.setInputFiles('#file-picker', { name: 'setup.exe', mimeType: 'application/octet-stream',
                                                   buffer: Buffer.from('MZ' + 'x'.repeat(100)) });
  await buyer.waitFor(() => window.accordTest.state.uploads.some((u) => u.error !== ''));
  await buyer.act('request_mediation', 'mediation');
  await buyer.screenshot('roles-03-buyer-asked-platform');

  step('Mediator: takes');
  // Mediator: takes the case and proposes; the proposal waits for review.
  const mediator = await openApp(env.browser, env.server.url);
  await mediator.signInQuickly('mediator');
  await mediator.openCase(id);
  await mediator.act('assign_mediator', 'mediation');
  await mediator.act('propose_settlement', 'mediation_review', async () => {
    await mediator.typeInto('action.terms.amount', '400');
    await mediator.typeInto('action.terms.terms', '商家退款400元，买家无需退货');
  });
  await mediator.screenshot('roles-04-mediator-proposed');

  step('Approver: approves');
  // Approver: approves (a team lead, below the manager threshold).
  const approver = await openApp(env.browser, env.server.url);
  await approver.signInQuickly('approver');
  await approver.openCase(id);
  await approver.act('approve_proposal', 'awaiting_consent');

  step('Both parties consent');
  // Both parties consent; the merchant's open page learns of the buyer's consent by polling.
  await buyer.act('consent', 'awaiting_consent');
  await merchant.waitFor(() => window.accordTest.state.actions.includes('consent'), undefined, 20000);
  await merchant.act('consent', 'execution');

  step('Execution: the merchant');
  // Execution: the merchant refunds, the buyer confirms, and the case closes.
  await merchant.act('complete_step', 'execution');
  await buyer.waitFor(() => window.accordTest.state.current.state === 'execution' &&
                            window.accordTest.state.actions.includes('complete_step'), undefined, 20000);
  await buyer.act('complete_step', 'closed');
  await buyer.act('rate', 'closed', async () => {
    await buyer.typeInto('action.rating.comment', '处理很及时');
  });
  await buyer.waitFor(() => window.accordTest.state.timeline.includes('rate case_buyer'));
  const s = await buyer.state();
  assert.ok(!s.actions.includes('rate'), 'a party rates once');
  for (const step of ['file case_buyer', 'accept_case support', 'merchant_offer case_merchant',
                      'request_mediation case_buyer', 'propose_settlement assigned_mediator',
                      'approve_proposal approver', 'rate case_buyer'])
    assert.ok(s.timeline.some((t) => t.startsWith(step.split(' ')[0])), `${step} in ${s.timeline.join(', ')}`);
  await buyer.screenshot('roles-05-buyer-closed');

  // The one refusal the browser logs is the executable the buyer tried to upload.
  const expected = (p) => /status of 415/.test(p);
  for (const app of [buyer, support, merchant, mediator, approver]) assert.deepEqual(app.problems.filter((p) => !expected(p)), []);
});

test('acting on a case someone else just moved reloads it and says so', async () => {
  const buyer = await openApp(env.browser, env.server.url);
  await buyer.signIn('buyer2');
  const orders = await buyer.api('GET', '/api/v1/orders');
  const order = orders.body.orders.find((o) => o.open_dispute_id === 0 && o.delivered_at > 0);
  assert.ok(order, 'buyer2 has an order to file on');
  const filed = await buyer.api('POST', '/api/v1/disputes', {
    kind: 'buyer_vs_merchant', order_ref: order.order_ref, category: 'not_as_described',
    requested_remedy: 'full_refund', amount_minor: Math.min(1000, order.total.minor), currency: 'CNY',
    description: '收到的键盘与商品描述不符，轴体不对', channel: 'web' });
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  const id = filed.body.dispute.id;

  const support = await openApp(env.browser, env.server.url);
  await support.signInQuickly('support');
  await support.openCase(id);
  await support.click('action.request_info');
  await support.typeInto('action.items', '订单截图');
  // Meanwhile the buyer withdraws: the support agent's page still shows the case as filed.
  const withdrawn = await buyer.api('POST', `/api/v1/disputes/${id}/actions`, { action: 'withdraw', reason: '已协商解决' });
  assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
  // Sending now is refused (409) and the case reloaded; or the page's polling got there first and the form
  // cannot be sent. Either way the user sees the case as it is, is told why, and keeps what they typed.
  await support.click('action.submit');
  await support.waitFor(() => window.accordTest.state.current.state === 'withdrawn' &&
                              window.accordTest.state.errors.action !== '');
  const s = await support.state();
  assert.ok(!s.actions.includes('request_info'));
  assert.equal(s.action_form, 'request_info', 'the draft is kept');
  await support.screenshot('roles-06-stale-case');
  assert.deepEqual(support.problems.filter((p) => !/status of 409/.test(p)), [], 'only the expected refusal');
});

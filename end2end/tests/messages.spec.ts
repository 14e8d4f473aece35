import { test, expect, type APIRequestContext } from '@playwright/test';
import { addToCart, invoiceId, payThroughEmulator, SHOPPER } from './shopper';
import { signIn } from './owner';

// Messages end to end: a shopper pays and the SMS capture shows "paid" to the number given at checkout; the owner
// marks the order shipped with a courier's note and the capture shows "shipped"; a shopper in a browser that never
// saw the order finds it by its number, the phone and the code the SMS brought.
const PHONE = '95112233';

type Sms = { to: string; text: string; kind: string; order_no: string; sent_at: number };

async function smsAbout(request: APIRequestContext, orderNo: string): Promise<Sms[]> {
  const reply = await request.get('/sms-sandbox/_control/messages');
  expect(reply.status()).toBe(200);
  const all: Sms[] = await reply.json();
  return all.filter((m) => m.order_no === orderNo);
}

async function waitForSms(request: APIRequestContext, orderNo: string, kind: string): Promise<Sms> {
  await expect.poll(async () => (await smsAbout(request, orderNo)).map((m) => m.kind), { timeout: 15_000 }).toContain(kind);
  return (await smsAbout(request, orderNo)).find((m) => m.kind === kind)!;
}

test('the shopper hears of each step by SMS and finds the order again in a new browser', async ({ browser, request }) => {
  const shopper = await browser.newPage();
  await shopper.goto('/products/honey');
  await addToCart(shopper, 'honey');
  await shopper.locator('[data-test="go-to-checkout"]').click();
  const form = shopper.locator('[data-test="checkout-form"]');
  await form.locator('#name').fill(SHOPPER.name);
  await form.locator('#phone').fill('9511 2233');
  await form.locator('input[name="delivery"][value="delivery"]').check();
  await form.locator('#district').selectOption(SHOPPER.district);
  await form.locator('#khoroo').fill(SHOPPER.khoroo);
  await form.locator('#address').fill(SHOPPER.address);
  await form.locator('[data-test="place-order"]').click();
  await expect(shopper).toHaveURL(/\/orders\/[^/?]+/);
  const orderNo = (await shopper.locator('[data-test="order-no"]').textContent())!.trim();

  await payThroughEmulator(request, await invoiceId(shopper));
  await expect(shopper.locator('[data-test="pay-status"]')).toHaveAttribute('data-status', 'paid', { timeout: 10_000 });
  const paid = await waitForSms(request, orderNo, 'paid');
  expect(paid.to).toBe(PHONE);
  expect(paid.text).toContain(`Захиалга ${orderNo}`);
  const capture = await browser.newPage();
  await capture.goto('/sms-sandbox/');
  await expect(capture.locator(`[data-test="sms"][data-kind="paid"][data-to="${PHONE}"]`)).toHaveCount(1);

  // The owner ships it with the courier's note.
  const owner = await browser.newPage();
  await signIn(owner);
  await owner.goto(`/admin/orders/${orderNo}`);
  await owner.locator('[data-test="action-packed"]').click();
  await expect(owner.locator('[data-test="fulfilment"]')).toHaveAttribute('data-value', 'packed');
  await owner.locator('[data-test="courier-note"]').fill('Болд, 8811 2233, 18 цагаас');
  await owner.locator('[data-test="action-shipped"]').click();
  await expect(owner.locator('[data-test="fulfilment"]')).toHaveAttribute('data-value', 'shipped');
  const shipped = await waitForSms(request, orderNo, 'shipped');
  expect(shipped.to).toBe(PHONE);
  // Every text to the shopper opens with the shop's short name (the demo shop's).
  expect(shipped.text).toBe(`Жишээ: Захиалга ${orderNo} хүргэлтэд гарлаа. Болд, 8811 2233, 18 цагаас`);
  await capture.reload();
  await expect(capture.locator(`[data-test="sms"][data-kind="shipped"][data-to="${PHONE}"]`)).toHaveCount(1);
  await capture.screenshot({ path: 'screenshots/sms-sandbox.png', fullPage: true });
  // The owner's order page lists both messages as sent.
  await owner.reload();
  await expect(owner.locator('[data-kind="notice:paid:sms"][data-state="sent"]')).toHaveCount(1);
  await expect(owner.locator('[data-kind="notice:shipped:sms"][data-state="sent"]')).toHaveCount(1);

  // A new browser: no session, no link. The footer leads to the page; the SMS brings the code.
  const context = await browser.newContext();
  const stranger = await context.newPage();
  await stranger.goto('/');
  await stranger.locator('[data-test="find-order-link"]').click();
  await expect(stranger).toHaveURL(/\/orders\/find$/);
  await stranger.locator('#order_no').fill(orderNo.toLowerCase());
  await stranger.locator('#phone').fill(PHONE);
  await stranger.locator('[data-test="find-ask"]').click();
  await expect(stranger.locator('[data-test="find-notice"]')).toContainText('6 оронтой код');
  const codeSms = await waitForSms(request, orderNo, 'lookup-code');
  expect(codeSms.to).toBe(PHONE);
  expect(codeSms.text.startsWith('Жишээ: ')).toBe(true);
  const code = codeSms.text.slice('Жишээ: '.length, 'Жишээ: '.length + 6);
  expect(code).toMatch(/^\d{6}$/);
  await stranger.screenshot({ path: 'screenshots/find-order.png', fullPage: true });
  await stranger.locator('#code').fill(code);
  await stranger.locator('[data-test="find-open"]').click();
  await expect(stranger).toHaveURL(new RegExp(`/orders/${orderNo}\\?key=`));
  await expect(stranger.locator('[data-test="order-no"]')).toHaveText(orderNo);
  await expect(stranger.locator('[data-test="pay-status"]')).toHaveAttribute('data-status', 'paid');
  await context.close();
});

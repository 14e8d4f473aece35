import { test, expect, type Page } from '@playwright/test';
import { addToCart, invoiceId, payThroughEmulator, SHOPPER } from './shopper';
import { signIn } from './owner';

// Delivery and a discount code end to end: a shopper in Khan-Uul below the city centre's threshold (free from
// 100,000₮) sees the 5,000₮ fee as soon as the district is chosen, adds an item and sees delivery become free,
// applies the owner's code, pays in the emulator, and the emulator's invoice is for exactly the total the page
// showed.

async function ownerCreatesCode(page: Page, code: string, amount: string) {
  await signIn(page);
  await page.locator('[data-test="nav-codes"]').click();
  await expect(page).toHaveURL(/\/admin\/codes$/);
  const form = page.locator('[data-test="code-form"]');
  await form.locator('input[name="code"]').fill(code);
  await form.locator('input[name="kind"][value="fixed"]').check();
  await form.locator('input[name="value"]').fill(amount);
  await form.locator('[data-test="create-code"]').click();
  await expect(page.locator(`[data-test="code-row"][data-code="${code.toUpperCase()}"]`)).toHaveCount(1);
}

function value(page: Page, hook: string) {
  return page.locator(`[data-test="${hook}"]`).getAttribute('data-value');
}

test('delivery by zone turns free at the threshold, a code applies, and QPay is asked for the page total', async ({ browser, request }) => {
  const owner = await browser.newPage();
  await ownerCreatesCode(owner, 'e2e-minus1000', '1000');

  const page = await browser.newPage();
  await page.goto('/products/aaruul');
  await addToCart(page, 'aaruul');
  await page.locator('[data-test="go-to-checkout"]').click();
  await expect(page).toHaveURL(/\/checkout$/);
  // The running total is an island: wait until it listens.
  await expect(page.locator('[data-test="live-totals"]')).toHaveAttribute('data-live', 'true');
  const form = page.locator('[data-test="checkout-form"]');
  await form.locator('input[name="delivery"][value="delivery"]').check();
  await form.locator('#district').selectOption('khan-uul');
  await form.locator('#khoroo').fill(SHOPPER.khoroo);
  await form.locator('#khoroo').blur();
  // 12,500₮ of goods: below 100,000₮, so the city centre's fee is charged, with its promised time.
  await expect(page.locator('[data-test="delivery-fee"]')).toHaveAttribute('data-value', '5000');
  await expect(page.locator('[data-test="order-total"]')).toHaveAttribute('data-value', '17500');
  await expect(page.locator('[data-test="delivery-promise"]')).toContainText('20:00');
  await expect(page.locator('[data-test="free-delivery-hint"]')).toContainText('87,500₮');
  await page.screenshot({ path: 'screenshots/checkout-delivery.png', fullPage: true });

  // A scarf (89,000₮) more: 101,500₮ of goods, and the cart, knowing where it goes, shows delivery free.
  await page.goto('/products/cashmere-scarf');
  await addToCart(page, 'cashmere-scarf');
  await expect(page.locator('[data-test="delivery-fee"]')).toHaveAttribute('data-value', '0');
  await expect(page.locator('[data-test="order-total"]')).toHaveAttribute('data-value', '101500');

  // The code, in the cart: 1,000₮ off leaves 100,500₮ of goods, still free delivery.
  await page.locator('input[name="discount_code"]').fill('E2E-MINUS1000');
  await page.locator('[data-test="apply-code"]').click();
  await expect(page.locator('[data-test="discount"]')).toHaveAttribute('data-value', '1000');
  await expect(page.locator('[data-test="order-total"]')).toHaveAttribute('data-value', '100500');
  await page.screenshot({ path: 'screenshots/cart-code.png', fullPage: true });

  await page.locator('[data-test="go-to-checkout"]').click();
  await expect(page.locator('[data-test="live-totals"]')).toHaveAttribute('data-live', 'true');
  await expect(form.locator('#discount_code')).toHaveValue('E2E-MINUS1000');
  await expect(form.locator('#district')).toHaveValue('khan-uul');
  await expect(page.locator('[data-test="order-total"]')).toHaveAttribute('data-value', '100500');
  await form.locator('#name').fill(SHOPPER.name);
  await form.locator('#phone').fill('88112299');
  await form.locator('#address').fill(SHOPPER.address);
  await form.locator('[data-test="place-order"]').click();
  await expect(page).toHaveURL(/\/orders\/[^/?]+/);

  // The pay page shows the same amounts, and QPay's invoice is for exactly that total.
  const total = await value(page, 'order-total');
  expect(total).toBe('100500');
  expect(await value(page, 'delivery-fee')).toBe('0');
  const invoice = await invoiceId(page);
  const basic = Buffer.from('TEST_MERCHANT:123456').toString('base64');
  const token = await (await request.post('/qpay-sandbox/v2/auth/token', { headers: { Authorization: `Basic ${basic}` } })).json();
  const copy = await (await request.get(`/qpay-sandbox/v2/invoice/${invoice}`, {
    headers: { Authorization: `Bearer ${token.access_token}` },
  })).json();
  expect(Number(copy.total_amount)).toBe(Number(total));
  // The code's 1,000₮ is folded into the lines' unit prices: no discounts QPay could read two ways, and
  // the lines add up to the amount exactly.
  expect(Number(copy.discount_amount ?? 0)).toBe(0);
  const lines: { line_quantity: string | number; line_unit_price: string | number }[] = copy.lines;
  const sum = lines.reduce((all, line) => all + Number(line.line_quantity) * Number(line.line_unit_price), 0);
  expect(sum).toBe(Number(total));

  await payThroughEmulator(request, invoice);
  await expect(page.locator('[data-test="pay-status"]')).toHaveAttribute('data-status', 'paid', { timeout: 10_000 });
  await page.screenshot({ path: 'screenshots/paid-with-code.png', fullPage: true });
});

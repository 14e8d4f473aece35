import { expect, type Browser, type Page, type APIRequestContext } from '@playwright/test';

// What the shopper tests and the owner's test share: a shopper's details, putting a product in the cart, placing the
// order, and paying it through the built-in QPay emulator.

export const SHOPPER = {
  name: 'Бат-Эрдэнэ Дорж',
  phone: '99112233',
  email: 'bat@example.mn',
  district: 'bayangol',
  khoroo: '3',
  address: '15-р байр, 24 тоот',
};

// Opens a product page and puts its default choice (first variant, one piece) into the cart.
export async function addToCart(page: Page, slug: string, { hydrated = true } = {}) {
  await expect(page).toHaveURL(new RegExp(`/products/${slug}$`));
  if (hydrated) {
    // The buy box is an island: wait until it runs so it cannot reset the form under our click.
    await expect(page.locator('.buy-box')).toHaveAttribute('data-hydrated', 'true');
  }
  await expect(page.locator('[data-test="add-to-cart-form"] input[name="variant_id"]:checked')).toHaveCount(1);
  await page.locator('[data-test="add-to-cart"]').click();
  // A plain form post that redirects to the cart.
  await expect(page).toHaveURL(/\/cart$/);
}

// Fills the checkout form with valid details (delivery in Bayangol, khoroo 3) and places the order.
export async function placeOrder(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/checkout$/);
  const form = page.locator('[data-test="checkout-form"]');
  await form.locator('#name').fill(SHOPPER.name);
  await form.locator('#phone').fill(SHOPPER.phone);
  await form.locator('#email').fill(SHOPPER.email);
  await form.locator('input[name="delivery"][value="delivery"]').check();
  await form.locator('#district').selectOption(SHOPPER.district);
  await form.locator('#khoroo').fill(SHOPPER.khoroo);
  await form.locator('#address').fill(SHOPPER.address);
  await form.locator('[data-test="place-order"]').click();

  await expect(page).toHaveURL(/\/orders\/[^/?]+/);
  const orderNo = (await page.locator('[data-test="order-no"]').textContent())?.trim() ?? '';
  expect(orderNo).not.toBe('');
  expect(page.url()).toContain(`/orders/${orderNo}`);
  return orderNo;
}

// The quick way to an order: one product straight into the cart, then checkout.
export async function orderOneProduct(page: Page, slug: string, { hydrated = true } = {}): Promise<string> {
  await page.goto(`/products/${slug}`);
  await addToCart(page, slug, { hydrated });
  await expect(page.locator('[data-test="cart-line"]')).toHaveCount(1);
  await page.locator('[data-test="go-to-checkout"]').click();
  return placeOrder(page);
}

// The QPay invoice id: the last part of the QR's short link, `{base}/qpay-sandbox/pay/{invoice_id}`.
export async function invoiceId(page: Page): Promise<string> {
  const href = await page.locator('a.short-url').getAttribute('href');
  const match = href?.match(/\/qpay-sandbox\/pay\/([^/?#]+)$/);
  expect(match, `short link ${href}`).toBeTruthy();
  return decodeURIComponent(match![1]);
}

// Pays the whole invoice as a shopper's bank app would; the emulator then calls the shop back.
export async function payThroughEmulator(request: APIRequestContext, invoice: string) {
  const paid = await request.post('/qpay-sandbox/_control/pay', { data: { invoice_id: invoice } });
  expect(paid.status(), await paid.text()).toBe(200);
  return paid.json();
}

// A paid order, placed and paid by a shopper in a browser of their own; its number.
export async function paidOrder(browser: Browser, request: APIRequestContext): Promise<string> {
  const shopper = await browser.newPage();
  const orderNo = await orderOneProduct(shopper, 'honey');
  await payThroughEmulator(request, await invoiceId(shopper));
  await expect(shopper.locator('[data-test="pay-status"]')).toHaveAttribute('data-status', 'paid', { timeout: 10_000 });
  await shopper.close();
  return orderNo;
}

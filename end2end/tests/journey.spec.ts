import { test, expect } from '@playwright/test';
import { SHOPPER, addToCart, invoiceId, orderOneProduct, payThroughEmulator, placeOrder } from './shopper';
import { PHONE, noSidewaysScroll } from './screen';

// A shopper's whole way through the shop: catalog, cart, checkout, paying with QPay (the built-in emulator) and
// seeing the order turn to paid. Every test places its own order; the database is shared within a run, so no test
// counts on exact stock or on what another test left behind (each browser context has its own cart session).

test('desktop: from the catalog to a paid order, the pay page turns to paid by itself', async ({ page, request }) => {
  // Every page carries a Content-Security-Policy: nothing the shop itself does may break it.
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  await page.goto('/');
  await expect(page.locator('li.product-card')).toHaveCount(12);

  // First product, from its card on the home page.
  await page.locator('li.product-card a[href="/products/aaruul"]').click();
  await addToCart(page, 'aaruul');
  await expect(page.locator('[data-test="cart-line"]')).toHaveCount(1);
  await expect(page.locator('[data-test="cart-count"]')).toHaveText('1');

  // Back to the product, back to the shop, and a second product.
  await page.goBack();
  await expect(page).toHaveURL(/\/products\/aaruul$/);
  await page.locator('a.back').click();
  await expect(page).toHaveURL(/\/$/);
  await page.locator('li.product-card a[href="/products/honey"]').click();
  await addToCart(page, 'honey');

  const lines = page.locator('[data-test="cart-line"]');
  await expect(lines).toHaveCount(2);
  await expect(lines.filter({ hasText: 'Ааруул' })).toHaveCount(1);
  await expect(lines.filter({ hasText: 'Зөгийн бал' })).toHaveCount(1);
  // 12,500₮ (aaruul 500 g) + 14,000₮ (honey 250 g).
  await expect(page.locator('[data-test="order-total"]')).toHaveText('26,500₮');
  await expect(page.locator('[data-test="cart-count"]')).toHaveText('2');

  await page.locator('[data-test="go-to-checkout"]').click();
  const orderNo = await placeOrder(page);

  // The pay page: a QR, the bank apps, waiting for the money.
  const status = page.locator('[data-test="pay-status"]');
  await expect(status).toHaveAttribute('data-status', 'awaiting');
  await expect(page.locator('[data-test="qr"] svg')).toBeVisible();
  expect(await page.locator('a[data-test="bank-link"]').count()).toBeGreaterThanOrEqual(10);
  // And the city centre's 5,000₮ delivery to Bayangol (free from 100,000₮).
  await expect(page.locator('[data-test="order-total"]')).toHaveText('31,500₮');

  // The island must be polling before the money arrives, else the 3 s below would measure hydration.
  await expect(status).toHaveAttribute('data-live', 'true');
  // A mark on this document: it survives only if the page is not reloaded.
  await page.evaluate(() => { (window as any).__stillThisPage = true; });
  const invoice = await invoiceId(page);
  const payment = await payThroughEmulator(request, invoice);
  const paidAt = Date.now();

  // No reload: the island polls every 2 s and shows the new state in place.
  await expect(status).toHaveAttribute('data-status', 'paid', { timeout: 3_000 });
  const seenAfter = Date.now() - paidAt;
  test.info().annotations.push({ type: 'paid seen after', description: `${seenAfter} ms` });

  const confirmation = page.locator('[data-test="paid-confirmation"]');
  await expect(confirmation).toBeVisible();
  expect(await page.evaluate(() => (window as any).__stillThisPage), 'shown in place, without a reload').toBe(true);
  await expect(confirmation.locator('[data-test="payment-id"]')).toHaveText(payment.payment_id);
  await expect(page.locator('[data-test="order-no"]')).toHaveText(orderNo);
  // Once paid there is nothing left to pay with.
  await expect(page.locator('a[data-test="bank-link"]')).toHaveCount(0);
  await page.screenshot({ path: 'screenshots/paid.png', fullPage: true });
  expect(violations, 'no Content-Security-Policy violations').toEqual([]);
});

test.describe('on a phone', () => {
  test.use({ viewport: PHONE });

  test('the bank-app links come before the QR and each opens a bank app', async ({ page }) => {
    await orderOneProduct(page, 'brick-tea');

    const banks = page.locator('a[data-test="bank-link"]');
    const qr = page.locator('[data-test="qr"]');
    await expect(qr).toBeVisible();
    expect(await banks.count()).toBeGreaterThanOrEqual(10);

    // On a phone the bank app is right there: its links first, the QR (for another phone) below them.
    const firstBank = await banks.first().boundingBox();
    const qrBox = await qr.boundingBox();
    expect(firstBank).not.toBeNull();
    expect(qrBox).not.toBeNull();
    expect(firstBank!.y).toBeLessThan(qrBox!.y);

    // Every bank link is a real link into the bank's app with the QPay code in it.
    for (const link of await banks.all()) {
      expect(await link.evaluate((el) => el.tagName)).toBe('A');
      expect(await link.getAttribute('href')).toMatch(/^[a-z0-9-]+:\/\/q\?qPay_QRcode=/);
    }
    await page.screenshot({ path: 'screenshots/pay-phone.png', fullPage: true });
  });

  // The built-in emulator serves the banks' logos itself, so the pay page looks as it will with QPay, offline.
  test('every bank button shows its logo and its name, and the page does not scroll sideways', async ({ page }) => {
    await orderOneProduct(page, 'brick-tea');
    await expect(page.locator('[data-test="qr"]')).toBeVisible();

    const banks = page.locator('a[data-test="bank-link"]');
    expect(await banks.count()).toBeGreaterThanOrEqual(10);
    for (const bank of await banks.all()) {
      // The logos load lazily, as they come near the screen.
      await bank.scrollIntoViewIfNeeded();
      const name = bank.locator('.bank-name');
      await expect(name).toBeVisible();
      await expect(name).not.toBeEmpty();
      const logo = bank.locator('.bank-logo img');
      const loaded = () =>
        logo.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0);
      await expect.poll(loaded, { message: `the logo of ${await name.textContent()} loads` }).toBe(true);
    }
    await noSidewaysScroll(page);
  });

  test('a bank whose logo cannot load shows its initial, not a blank', async ({ page }) => {
    // As offline, or a logo moved: Khan bank's never arrives.
    const refused: string[] = [];
    await page.route('**/q/logo/khanbank*', (route) => {
      refused.push(route.request().url());
      return route.abort();
    });
    await orderOneProduct(page, 'brick-tea');
    await expect(page.locator('[data-test="qr"]')).toBeVisible();

    const khan = page
      .locator('a[data-test="bank-link"]')
      .filter({ has: page.locator('img[src*="/q/logo/khanbank"]') });
    await expect(khan).toHaveCount(1);
    await khan.scrollIntoViewIfNeeded();
    const logo = khan.locator('.bank-logo img');
    // Asked for (lazily, once near the screen) and refused; a broken picture is "complete" too.
    await expect.poll(() => refused.length, { message: 'the logo was asked for and refused' }).toBeGreaterThan(0);
    await expect.poll(() => logo.evaluate((img) => (img as HTMLImageElement).complete)).toBe(true);
    expect(await logo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(0);

    // Its alt is empty, so the browser draws nothing there and the initial beneath shows.
    const initial = khan.locator('[data-test="bank-initial"]');
    await expect(initial).toBeVisible();
    await expect(initial).toHaveText('Х');
    const box = await initial.boundingBox();
    expect(box, 'the initial takes room').not.toBeNull();
    expect(box!.width).toBeGreaterThan(0);
    expect(box!.height).toBeGreaterThan(0);
    await expect(khan.locator('.bank-name')).toHaveText('Хаан банк');
    await khan.screenshot({ path: 'screenshots/bank-without-logo.png' });
    await noSidewaysScroll(page);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('plain forms take the order and the page refreshes itself to paid', async ({ page, request }) => {
    await page.goto('/');
    await page.locator('li.product-card a[href="/products/khuushuur-spice"]').click();
    // No island runs: the server-rendered form already carries the first variant and quantity 1.
    await expect(page.locator('.buy-box')).toHaveAttribute('data-hydrated', 'false');
    await expect(page.locator('input[name="quantity"]')).toHaveValue('1');
    await addToCart(page, 'khuushuur-spice', { hydrated: false });
    await expect(page.locator('[data-test="cart-line"]')).toHaveCount(1);
    await page.locator('[data-test="go-to-checkout"]').click();
    await placeOrder(page);

    const status = page.locator('[data-test="pay-status"]');
    await expect(status).toHaveAttribute('data-status', 'awaiting');
    await expect(status).not.toHaveAttribute('data-live', 'true');
    await expect(page.locator('[data-test="qr"] svg')).toBeVisible();

    await payThroughEmulator(request, await invoiceId(page));

    // The <noscript> meta refresh (every 5 s) brings the new state; no reload from the test.
    await expect(status).toHaveAttribute('data-status', 'paid', { timeout: 15_000 });
    await expect(page.locator('[data-test="paid-confirmation"] [data-test="payment-id"]')).not.toBeEmpty();
  });
});

test('checkout: a 7-digit phone is refused next to its field and the typed name is kept', async ({ page }) => {
  await page.goto('/products/sea-buckthorn-juice');
  await addToCart(page, 'sea-buckthorn-juice');
  await page.locator('[data-test="go-to-checkout"]').click();
  await expect(page).toHaveURL(/\/checkout$/);

  const form = page.locator('[data-test="checkout-form"]');
  await form.locator('#name').fill(SHOPPER.name);
  await form.locator('#phone').fill('9911223');
  await form.locator('#district').selectOption(SHOPPER.district);
  await form.locator('#khoroo').fill(SHOPPER.khoroo);
  await form.locator('#address').fill(SHOPPER.address);
  await form.locator('[data-test="place-order"]').click();

  // The server redirects back to the form with the problem next to the phone field.
  await expect(page).toHaveURL(/\/checkout$/);
  const phoneField = page.locator('.field').filter({ has: page.locator('#phone') });
  await expect(phoneField.locator('.field-error')).toHaveText('Утасны дугаар 8 оронтой байна.');
  await expect(page.locator('#phone')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#name')).toHaveValue(SHOPPER.name);
  // Only the phone is wrong.
  await expect(page.locator('.field-error')).toHaveCount(1);
});

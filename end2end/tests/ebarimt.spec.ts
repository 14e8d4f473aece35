import { test, expect } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { invoiceId, orderOneProduct, payThroughEmulator } from './shopper';

// The e2e shop issues e-barimt receipts (playwright.config.ts): once an order is paid, its page shows the
// receipt's lottery number and a QR code that the tax office's app reads as the receipt.
test('a paid order shows its e-barimt lottery number and a QR that reads as the receipt', async ({ page, request }) => {
  await page.goto('/products/aaruul');
  await expect(page.locator('.buy-box')).toHaveAttribute('data-hydrated', 'true');
  await page.locator('[data-test="add-to-cart"]').click();
  await expect(page).toHaveURL(/\/cart$/);
  await page.locator('[data-test="go-to-checkout"]').click();
  // A person's receipt unless the shopper says otherwise.
  await expect(page.locator('[data-test="receipt-choice"] input[value="citizen"]')).toBeChecked();
  const form = page.locator('[data-test="checkout-form"]');
  await form.locator('#name').fill('Болд');
  await form.locator('#phone').fill('99112233');
  await form.locator('input[name="delivery"][value="pickup"]').check();
  // A company's receipt needs its 7-digit register number, said next to the field.
  await form.locator('input[name="receipt"][value="company"]').check();
  await form.locator('#register_no').fill('12345');
  await form.locator('[data-test="place-order"]').click();
  await expect(page.locator('#register_no-error')).toHaveText('Байгууллагын регистрийн дугаар 7 оронтой байна.');
  await page.locator('#register_no').fill('1234567');
  await page.locator('[data-test="place-order"]').click();
  await expect(page).toHaveURL(/\/orders\/[^/?]+/);

  await payThroughEmulator(request, await invoiceId(page));
  await expect(page.locator('[data-test="pay-status"]')).toHaveAttribute('data-status', 'paid', { timeout: 5_000 });
  // The receipt comes through the outbox a few seconds later; the page looks again by itself until it is there.
  const lottery = page.locator('[data-test="ebarimt-lottery"]');
  await expect(lottery).toHaveText(/^[A-Z]{2} \d{8}$/, { timeout: 30_000 });
  await expect(page.locator('[data-test="ebarimt"]')).toContainText('1234567');

  const qr = page.locator('[data-test="ebarimt-qr"]');
  const data = await qr.getAttribute('data-qr');
  expect(data).toMatch(/^\d{20}$/);
  const png = PNG.sync.read(await qr.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(code?.data, 'the QR on the page reads as the receipt').toBe(data);
  await page.screenshot({ path: 'screenshots/ebarimt.png', fullPage: true });
});

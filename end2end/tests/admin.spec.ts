import { test, expect } from '@playwright/test';
import { readFileSync } from 'fs';
import { invoiceId, orderOneProduct, payThroughEmulator } from './shopper';

// The owner's morning: sign in, see the order a shopper just paid at the top, open it, mark it shipped, and
// download the list as CSV. The owner comes from ADMIN_EMAIL/ADMIN_PASSWORD (playwright.config.ts).
const OWNER = { email: 'owner@delguur.test', password: 'e2e-owner-password' };

test('the owner signs in, opens the order just paid, marks it shipped and downloads the CSV', async ({ browser, request }) => {
  // A shopper pays, in a browser of their own.
  const shopper = await browser.newPage();
  const orderNo = await orderOneProduct(shopper, 'honey');
  await payThroughEmulator(request, await invoiceId(shopper));
  await expect(shopper.locator('[data-test="pay-status"]')).toHaveAttribute('data-status', 'paid', { timeout: 10_000 });

  const page = await browser.newPage();
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/admin\/login$/);
  await page.locator('#email').fill(OWNER.email);
  await page.locator('#password').fill(OWNER.password);
  await page.locator('[data-test="sign-in"]').click();
  await expect(page).toHaveURL(/\/admin$/);

  // Newest first: the order just paid is at the top of "paid, not yet packed".
  await expect(page.locator('[data-test="order-row"]').first()).toHaveAttribute('data-order', orderNo);
  await page.locator(`[data-order="${orderNo}"] a`).click();
  await expect(page).toHaveURL(new RegExp(`/admin/orders/${orderNo}$`));
  await expect(page.locator('[data-test="payment-state"]')).toHaveAttribute('data-value', 'paid');
  await page.locator('[data-test="action-packed"]').click();
  await expect(page.locator('[data-test="fulfilment"]')).toHaveAttribute('data-value', 'packed');
  await page.locator('[data-test="action-shipped"]').click();
  await expect(page.locator('[data-test="fulfilment"]')).toHaveAttribute('data-value', 'shipped');
  await expect(page.locator('[data-test="actor"]').first()).toHaveText(OWNER.email);
  await page.screenshot({ path: 'screenshots/admin-order.png', fullPage: true });

  await page.goto('/admin?payment=paid&fulfilment=all');
  const href = await page.locator('[data-test="export-csv"]').getAttribute('href');
  const check = await page.request.get(href!);
  console.log('CSV', href, check.status(), (await check.text()).slice(0, 80));
  const download = page.waitForEvent('download');
  await page.locator('[data-test="export-csv"]').click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8');
  expect(csv.startsWith('\ufefforder_no,placed,customer')).toBe(true);
  expect(csv).toContain(`${orderNo},`);
  expect(csv).toContain(',shipped,');
});

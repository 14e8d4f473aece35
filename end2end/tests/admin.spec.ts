import { test, expect } from '@playwright/test';
import { readFileSync } from 'fs';
import { invoiceId, orderOneProduct, payThroughEmulator } from './shopper';
import { OWNER, signIn } from './owner';

// The owner's morning: sign in, see the order a shopper just paid at the top, open it, mark it shipped, and
// download the list as CSV. The owner comes from ADMIN_EMAIL/ADMIN_PASSWORD (playwright.config.ts).

test('the owner signs in, opens the order just paid, marks it shipped and downloads the CSV', async ({ browser, request }) => {
  // A shopper pays, in a browser of their own.
  const shopper = await browser.newPage();
  const orderNo = await orderOneProduct(shopper, 'honey');
  await payThroughEmulator(request, await invoiceId(shopper));
  await expect(shopper.locator('[data-test="pay-status"]')).toHaveAttribute('data-status', 'paid', { timeout: 10_000 });

  const page = await browser.newPage();
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/admin\/login$/);
  await signIn(page);

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

test('a new paid order appears on the open list by itself, and the owner refunds it by hand', async ({ browser, request }) => {
  const page = await browser.newPage();
  await signIn(page);
  // The list's watcher is an island: it runs once the page's WASM has started.
  await expect(page.locator('[data-test="orders-live"]')).toHaveAttribute('data-live', 'true');

  const shopper = await browser.newPage();
  const orderNo = await orderOneProduct(shopper, 'honey');
  await payThroughEmulator(request, await invoiceId(shopper));

  // No reload: the row arrives within the watcher's few seconds.
  await expect(page.locator('[data-test="order-row"]').first()).toHaveAttribute('data-order', orderNo, { timeout: 15_000 });
  await page.locator(`[data-order="${orderNo}"] a`).click();

  // A bank-app payment: QPay cannot send it back, so the owner returns it and records how.
  const refund = page.locator('[data-test="refund"]').first();
  await refund.locator('summary').click();
  await refund.locator('[data-test="refund-note"]').fill('Хаан банкны данс руу буцаан шилжүүлэв');
  await refund.locator('[data-test="refund-submit"]').click();
  await expect(page.locator('[data-test="refund-row"]')).toHaveAttribute('data-way', 'manual');
  await expect(page.locator('[data-test="refund-row"]')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('[data-test="refund"]')).toHaveCount(0);
  await page.screenshot({ path: 'screenshots/admin-refund.png', fullPage: true });
});

// 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('the owner adds a product with a picture and a variant, and the shop sells it', async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page);
  await page.locator('[data-test="nav-products"]').click();
  await page.locator('[data-test="new-product"]').click();
  const form = page.locator('[data-test="product-form"]');
  await form.locator('input[name="slug"]').fill('morin-khuur-magnet');
  await form.locator('select[name="category"]').selectOption('gifts');
  await form.locator('input[name="name_mn"]').fill('Морин хуурын соронз');
  await form.locator('input[name="name_en"]').fill('Morin khuur magnet');
  await form.locator('textarea[name="description_mn"]').fill('Хонины ноосон эсгийгээр гараар хийсэн.');
  await form.locator('[data-test="save-product"]').click();
  await expect(page).toHaveURL(/\/admin\/products\/\d+$/);

  await page.locator('[data-test="image-form"] input[type="file"]').setInputFiles({ name: 'magnet.png', mimeType: 'image/png', buffer: PNG });
  await page.locator('[data-test="image-form"] button').click();
  // Redrawn on the server: a WebP with its content's hash in its address.
  await expect(page.locator('[data-test="product-image"]')).toHaveAttribute('src', /^\/pictures\/[0-9a-f]+-1\.webp$/);

  const variant = page.locator('[data-test="new-variant-form"]');
  await variant.locator('input[name="sku"]').fill('magnet-small');
  await variant.locator('input[name="name_mn"]').fill('38 размер');
  await variant.locator('input[name="name_en"]').fill('Size 38');
  await variant.locator('input[name="price"]').fill('45,000');
  await variant.locator('input[name="stock"]').fill('5');
  await variant.locator('[data-test="save-variant"]').click();
  await expect(page.locator('[data-test="variant-form"][data-sku="magnet-small"]')).toHaveCount(1);
  await page.screenshot({ path: 'screenshots/admin-product.png', fullPage: true });

  await page.goto('/products/morin-khuur-magnet');
  await expect(page.locator('h1')).toContainText('Морин хуурын соронз');
  await expect(page.locator('main')).toContainText('45,000₮');
  await expect(page.locator('img.product-image')).toHaveAttribute('src', /^\/pictures\//);

  // Taken off sale again (archived), so the other tests find the demo catalog as it was.
  await page.goto('/admin/products');
  await page.locator('[data-test="product-row"][data-slug="morin-khuur-magnet"] a').click();
  await page.locator('[data-test="product-form"] input[name="archived"]').check();
  await page.locator('[data-test="save-product"]').click();
  await expect(page.locator('[data-test="action-notice"]')).toBeVisible();
  expect((await page.request.get('/products/morin-khuur-magnet')).status()).toBe(404);
});

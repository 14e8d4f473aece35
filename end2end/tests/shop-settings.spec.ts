import { test, expect, type Page } from '@playwright/test';
import { addToCart, placeOrder } from './shopper';
import { navigate, signIn } from './owner';
import { PHONE, noSidewaysScroll } from './screen';

// A new owner names the shop from a phone: the name, short name, colour and phone at /admin/settings, a logo, then
// the terms page in Markdown, while the going-live checklist on /admin ticks; a shopper, on a phone of their own,
// sees the name and logo in the header and the title, the contacts in the footer, the terms linked from the footer
// and from checkout, on the home, product, checkout and pay pages. The spec puts the demo shop's name back and
// removes the logo at the end, as the specs after it expect the demo shop.

async function fillShop(owner: Page, values: Record<string, string>, { saved = true } = {}) {
  await owner.goto('/admin/settings');
  const form = owner.locator('[data-test="shop-settings-form"]');
  for (const [name, value] of Object.entries(values)) {
    await form.locator(`[name="${name}"]`).fill(value);
  }
  await owner.locator('[data-test="save-shop-settings"]').click();
  if (saved) await expect(owner.locator('[data-test="action-notice"]')).toBeVisible();
}

async function writeTerms(owner: Page, text: string) {
  await owner.goto('/admin/settings');
  await owner.locator('[data-test="edit-page-terms"]').click();
  await expect(owner).toHaveURL(/\/admin\/settings\/pages\/terms$/);
  await owner.locator('[name="body_mn"]').fill(text);
  await owner.locator('[data-test="save-shop-page"]').click();
  await expect(owner.locator('[data-test="action-notice"]')).toBeVisible();
}

// A logo as a phone's gallery holds one: a PNG drawn in the browser (a dark square with a light disc).
async function logoPng(page: Page): Promise<Buffer> {
  const data = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 300;
    canvas.height = 200;
    const draw = canvas.getContext('2d')!;
    draw.fillStyle = '#0b5d3b';
    draw.fillRect(0, 0, 300, 200);
    draw.fillStyle = '#f5f7fa';
    draw.beginPath();
    draw.arc(150, 100, 70, 0, 2 * Math.PI);
    draw.fill();
    return canvas.toDataURL('image/png').split(',')[1];
  });
  return Buffer.from(data, 'base64');
}

async function stepDone(owner: Page, step: string) {
  await owner.goto('/admin');
  return owner.locator(`[data-test="launch-step"][data-step="${step}"]`).getAttribute('data-done');
}

// The shop's name, logo, contacts and policy links, as a shopper's page shows them.
async function showsTheShop(page: Page) {
  await expect(page.locator('[data-test="shop-name"]')).toHaveText('Номин ноолуур');
  await expect(page.locator('[data-test="shop-logo"]')).toBeVisible();
  await expect(page.locator('[data-test="footer-contacts"]')).toContainText('9911-2233');
  await expect(page.locator('[data-test="page-link-terms"]')).toHaveAttribute('href', '/pages/terms');
  await noSidewaysScroll(page);
}

test.use({ viewport: PHONE });

test('a new owner names the shop from a phone and the shopper sees it everywhere', async ({ browser }) => {
  const owner = await (await browser.newContext({ viewport: PHONE })).newPage();
  await signIn(owner);
  await navigate(owner, 'nav-settings');
  await expect(owner).toHaveURL(/\/admin\/settings$/);
  await noSidewaysScroll(owner);
  const form = owner.locator('[data-test="shop-settings-form"]');
  const demo: Record<string, string> = {};
  for (const name of ['name_mn', 'name_en', 'short_name', 'phones', 'accent']) {
    demo[name] = await form.locator(`[name="${name}"]`).inputValue();
  }

  // A colour too light is refused beside its field; a dark one is kept.
  await fillShop(owner, { accent: '#ffcc00' }, { saved: false });
  await expect(owner.locator('[data-test="error-accent"]')).toBeVisible();
  await fillShop(owner, {
    name_mn: 'Номин ноолуур',
    name_en: 'Nomin Cashmere',
    short_name: 'Номин',
    phones: '9911 2233',
    accent: '#0b5d3b',
  });
  await writeTerms(owner, '# Нөхцөл\n\n**Төлбөр** QPay-ээр, хүргэлт 24 цагт.');

  // The logo, and the checklist ticking as it is uploaded; the QPay emulator never ticks its step.
  expect(await stepDone(owner, 'name')).toBe('yes');
  expect(await stepDone(owner, 'logo')).toBe('no');
  expect(await stepDone(owner, 'qpay')).toBe('no');
  await owner.goto('/admin/settings');
  await owner.locator('#logo').setInputFiles({ name: 'IMG_0412.png', mimeType: 'image/png', buffer: await logoPng(owner) });
  await owner.locator('[data-test="logo-form"] button[type="submit"]').click();
  await expect(owner.locator('[data-test="action-notice"]')).toBeVisible();
  await expect(owner.locator('[data-test="settings-logo"]')).toBeVisible();
  await expect(owner.locator('[data-test="admin-shop"] img')).toBeVisible();
  await owner.screenshot({ path: 'screenshots/shop-settings.png', fullPage: true });
  expect(await stepDone(owner, 'logo')).toBe('yes');
  if ((await stepDone(owner, 'messages')) === 'no') {
    await owner.locator('[data-test="acknowledge-messages_left_local"]').click();
    await expect(owner.locator('[data-test="action-notice"]')).toBeVisible();
    expect(await stepDone(owner, 'messages')).toBe('yes');
  }
  // The orders' table below is issue #21's; the checklist itself fits the phone.
  const checklist = await owner.locator('[data-test="launch-checklist"]').boundingBox();
  expect(checklist!.x + checklist!.width).toBeLessThanOrEqual(PHONE.width);
  await owner.locator('[data-test="launch-checklist"]').screenshot({ path: 'screenshots/going-live.png' });

  const shopper = await (await browser.newContext({ viewport: PHONE })).newPage();
  await expect(async () => {
    await shopper.goto('/');
    await expect(shopper.locator('[data-test="shop-name"]')).toHaveText('Номин ноолуур');
  }).toPass({ timeout: 10_000 });
  await expect(shopper).toHaveTitle(/Номин ноолуур/);
  await showsTheShop(shopper);
  const icon = await shopper.locator('link[rel="apple-touch-icon"]').getAttribute('href');
  expect(icon).toMatch(/^\/brand\/icon-180-[0-9a-f]+\.png$/);
  expect((await shopper.request.get(icon!)).status()).toBe(200);
  await shopper.locator('[data-test="page-link-terms"]').click();
  await expect(shopper.locator('.shop-page-body h2')).toHaveText('Нөхцөл');
  await expect(shopper.locator('.shop-page-body strong')).toHaveText('Төлбөр');
  await noSidewaysScroll(shopper);
  await shopper.goto('/products/honey');
  await expect(shopper).toHaveTitle(/— Номин ноолуур$/);
  await showsTheShop(shopper);
  await addToCart(shopper, 'honey');
  await shopper.goto('/checkout');
  await expect(shopper.locator('[data-test="accept-terms"] a')).toHaveAttribute('href', '/pages/terms');
  await showsTheShop(shopper);
  await placeOrder(shopper);
  await showsTheShop(shopper);

  // The demo shop again, for the specs after this one.
  await fillShop(owner, demo);
  await writeTerms(owner, '');
  await owner.goto('/admin/settings');
  await owner.locator('[data-test="remove-logo-form"] button').click();
  await expect(owner.locator('[data-test="settings-logo"]')).toHaveCount(0);
});

import { test, expect, type Page } from '@playwright/test';
import { addToCart } from './shopper';
import { signIn } from './owner';

// A new owner names the shop from a phone: the name, short name, colour and phone at /admin/settings, then the terms
// page in Markdown; a shopper, on a phone of their own, sees the name in the header and the title, the contacts in
// the footer, the terms linked from the footer and from checkout. The spec puts the demo shop's name back at the
// end, as the specs after it expect it.
const PHONE = { width: 390, height: 844 };

async function fits(page: Page) {
  const [width, screen] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(width, `${page.url()} fits the screen`).toBeLessThanOrEqual(screen);
}

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

test.use({ viewport: PHONE });

test('a new owner names the shop from a phone and the shopper sees it everywhere', async ({ browser }) => {
  const owner = await (await browser.newContext({ viewport: PHONE })).newPage();
  await signIn(owner);
  await owner.locator('[data-test="nav-settings"]').click();
  await expect(owner).toHaveURL(/\/admin\/settings$/);
  await fits(owner);
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
  await owner.screenshot({ path: 'screenshots/shop-settings.png', fullPage: true });
  await writeTerms(owner, '# Нөхцөл\n\n**Төлбөр** QPay-ээр, хүргэлт 24 цагт.');

  const shopper = await (await browser.newContext({ viewport: PHONE })).newPage();
  await expect(async () => {
    await shopper.goto('/');
    await expect(shopper.locator('[data-test="shop-name"]')).toHaveText('Номин ноолуур');
  }).toPass({ timeout: 10_000 });
  await expect(shopper).toHaveTitle(/Номин ноолуур/);
  await expect(shopper.locator('[data-test="footer-contacts"]')).toContainText('9911-2233');
  await fits(shopper);
  await shopper.locator('[data-test="page-link-terms"]').click();
  await expect(shopper.locator('.shop-page-body h2')).toHaveText('Нөхцөл');
  await expect(shopper.locator('.shop-page-body strong')).toHaveText('Төлбөр');
  await fits(shopper);
  await shopper.goto('/products/honey');
  await expect(shopper).toHaveTitle(/— Номин ноолуур$/);
  await addToCart(shopper, 'honey');
  await shopper.goto('/checkout');
  await expect(shopper.locator('[data-test="accept-terms"] a')).toHaveAttribute('href', '/pages/terms');
  await fits(shopper);

  // The demo shop again, for the specs after this one.
  await fillShop(owner, demo);
  await writeTerms(owner, '');
});

import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { invoiceId, orderOneProduct, paidOrder, payThroughEmulator } from './shopper';
import { PHONE, noSidewaysScroll } from './screen';
import { navigate, signIn } from './owner';

// Issue #21: the owner's side as a daily tool on a phone. At 390×844 every admin page is reached from the admin's own
// navigation and none scrolls sideways; an order's timeline reads as sentences in the page's language; an automated
// accessibility pass (axe-core) finds nothing serious over the shopper's and the owner's pages. Screenshots of the
// owner's pages, phone and laptop, land in end2end/screenshots/ for a reviewer.

const LAPTOP = { width: 1280, height: 800 };

// The timeline's sentence for money the owner returned by hand, with the note the test gives it.
const REFUND_SENTENCE: Record<string, RegExp> = {
  mn: /^[\d,]+₮ QPay-ээс гадуур, гараар буцаалаа\. Тэмдэглэл: Дансаар буцаав$/,
  en: /^[\d,]+₮ returned by hand, outside QPay\. Note: Дансаар буцаав$/,
};

// Every owner page in the navigation, with the address it opens.
const PAGES: [string, RegExp][] = [
  ['nav-orders', /\/admin$/],
  ['nav-new-order', /\/admin\/orders\/new$/],
  ['nav-products', /\/admin\/products$/],
  ['nav-reports', /\/admin\/reports$/],
  ['nav-delivery', /\/admin\/delivery$/],
  ['nav-codes', /\/admin\/codes$/],
  ['nav-messages', /\/admin\/messages$/],
  ['nav-payments', /\/admin\/payments$/],
  ['nav-qpay-check', /\/admin\/payments\/check$/],
  ['nav-settings', /\/admin\/settings$/],
  ['nav-staff', /\/admin\/staff$/],
];

// Serious or critical findings of axe-core on the page as it is now, described for the failure message.
async function seriousFindings(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${page.url()}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('on a phone the owner reaches every admin page from the menu, and none scrolls sideways', async ({ browser, request }) => {
  const orderNo = await paidOrder(browser, request);
  for (const [size, viewport] of [['phone', PHONE], ['laptop', LAPTOP]] as const) {
    const owner = await (await browser.newContext({ viewport })).newPage();
    await signIn(owner);
    // No shopper's header: no cart on the owner's side.
    await expect(owner.locator('[data-test="cart-link"], .cart-link')).toHaveCount(0);
    await expect(owner.locator('[data-test="admin-bar"]')).toBeVisible();
    if (size === 'phone') {
      // Folded: the pages are behind "Menu", and the order list is cards with the total in sight.
      await expect(owner.locator('[data-test="admin-nav"]')).toBeHidden();
      const total = owner.locator(`[data-order="${orderNo}"] [data-test="row-total"]`);
      await expect(total).toBeVisible();
      const box = await total.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
      await expect(owner.locator('[data-test="order-filters"]')).toBeHidden();
      await owner.locator('[data-test="filters-button"]').click();
      await expect(owner.locator('[data-test="order-filters"]')).toBeVisible();
    }
    for (const [link, url] of PAGES) {
      await navigate(owner, link);
      await expect(owner).toHaveURL(url);
      await expect(owner.locator(`[data-test="admin-nav"] [data-test="${link}"]`)).toHaveAttribute('aria-current', 'page');
      await noSidewaysScroll(owner);
      await owner.screenshot({ path: `screenshots/owner-${size}-${link.replace('nav-', '')}.png`, fullPage: true });
    }
    // The pages under them: an order, a product.
    await owner.goto(`/admin/orders/${orderNo}`);
    await noSidewaysScroll(owner);
    await owner.screenshot({ path: `screenshots/owner-${size}-order.png`, fullPage: true });
    await navigate(owner, 'nav-products');
    await owner.locator('.admin-products a[href^="/admin/products/"]').first().click();
    await expect(owner).toHaveURL(/\/admin\/products\/\d+$/);
    await noSidewaysScroll(owner);
    await owner.screenshot({ path: `screenshots/owner-${size}-product.png`, fullPage: true });
    await owner.context().close();
  }
});

test('without JavaScript the phone menu still opens and leads to the pages', async ({ browser }) => {
  const owner = await (await browser.newContext({ viewport: PHONE, javaScriptEnabled: false })).newPage();
  await signIn(owner);
  await expect(owner.locator('[data-test="admin-nav"]')).toBeHidden();
  // A checkbox and its label: the browser itself opens the menu.
  await owner.locator('[data-test="menu-button"]').click();
  await expect(owner.locator('[data-test="admin-nav"]')).toBeVisible();
  await owner.locator('[data-test="admin-nav"] [data-test="nav-products"]').click();
  await expect(owner).toHaveURL(/\/admin\/products$/);
  await noSidewaysScroll(owner);
});

test("a paid, shipped and refunded order's timeline reads in the page's language", async ({ browser, request }) => {
  const orderNo = await paidOrder(browser, request);
  const owner = await (await browser.newContext({ viewport: PHONE })).newPage();
  await signIn(owner);
  await owner.goto(`/admin/orders/${orderNo}`);
  await owner.locator('[data-test="action-packed"]').click();
  await expect(owner.locator('[data-test="fulfilment"]')).toHaveAttribute('data-value', 'packed');
  await owner.locator('[data-test="action-shipped"]').click();
  await expect(owner.locator('[data-test="fulfilment"]')).toHaveAttribute('data-value', 'shipped');
  const refund = owner.locator('[data-test="refund"]').first();
  await refund.locator('summary').click();
  await refund.locator('[data-test="refund-note"]').fill('Дансаар буцаав');
  await refund.locator('[data-test="refund-submit"]').click();
  await expect(owner.locator('[data-test="refund-row"]')).toHaveAttribute('data-state', 'done');

  for (const lang of ['mn', 'en']) {
    await owner.goto(`/lang/${lang}?next=/admin/orders/${orderNo}`);
    await expect(owner.locator('html')).toHaveAttribute('lang', lang);
    const kinds = await owner.locator('[data-test="timeline-entry"]').evaluateAll((items) =>
      items.map((item) => item.getAttribute('data-kind')),
    );
    // Paid, packed, shipped and refunded are all there to be read.
    expect(kinds, kinds.join(', ')).toEqual(expect.arrayContaining(['state', 'fulfilment', 'refund']));
    // The refund by its own sentence (admin/timeline.rs, i18n/timeline.rs `refund_by_hand` with the owner's note):
    // the emulator pays by bank app, which QPay cannot refund, so the money went back by hand.
    const refunded = owner.locator('[data-test="timeline-entry"][data-kind="refund"]');
    await expect(refunded).toHaveCount(1);
    await expect(refunded.locator('[data-test="timeline-text"]')).toHaveText(REFUND_SENTENCE[lang]);
    const text = await owner.locator('[data-test="timeline"]').innerText();
    expect(text, 'a machine word in the timeline').not.toMatch(/\b[a-z]+(_[a-z]+)+\b/);
    if (lang === 'mn') expect(text).toMatch(/[А-Яа-яӨөҮү]/);
    await noSidewaysScroll(owner);
    await owner.screenshot({ path: `screenshots/owner-phone-timeline-${lang}.png`, fullPage: true });
  }
});

test('axe-core finds nothing serious on the shopper’s pages or the owner’s', async ({ browser, request }) => {
  const findings: string[] = [];
  const shopper = await (await browser.newContext({ viewport: PHONE })).newPage();
  for (const path of ['/', '/products/honey', '/orders/find']) {
    await shopper.goto(path);
    findings.push(...(await seriousFindings(shopper)));
  }
  const orderNo = await orderOneProduct(shopper, 'honey');
  // The pay page (the order just placed), then the cart and checkout with something in them.
  findings.push(...(await seriousFindings(shopper)));
  await payThroughEmulator(request, await invoiceId(shopper));
  await expect(shopper.locator('[data-test="pay-status"]')).toHaveAttribute('data-status', 'paid', { timeout: 10_000 });
  findings.push(...(await seriousFindings(shopper)));
  await shopper.goto('/products/honey');
  await shopper.locator('[data-test="add-to-cart"]').click();
  await expect(shopper).toHaveURL(/\/cart$/);
  findings.push(...(await seriousFindings(shopper)));
  await shopper.goto('/checkout');
  findings.push(...(await seriousFindings(shopper)));

  const owner = await (await browser.newContext({ viewport: PHONE })).newPage();
  await owner.goto('/admin/login');
  findings.push(...(await seriousFindings(owner)));
  await signIn(owner);
  findings.push(...(await seriousFindings(owner)));
  for (const [link] of PAGES.slice(1)) {
    await navigate(owner, link);
    findings.push(...(await seriousFindings(owner)));
  }
  await owner.goto(`/admin/orders/${orderNo}`);
  findings.push(...(await seriousFindings(owner)));
  expect(findings, findings.join('\n')).toEqual([]);
});

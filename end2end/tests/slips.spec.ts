import { test, expect, type APIRequestContext, type Browser } from '@playwright/test';
import { invoiceId, orderOneProduct, payThroughEmulator } from './shopper';
import { signIn } from './owner';

// Issue #22, packing and courier: the owner prints the packing slips of the paid orders, one A4 page per order (the
// PDF has as many pages as the page has slips), and the courier sheet, which on a 390 px phone does not scroll
// sideways. A screenshot of the slips lands in end2end/screenshots/slip.png for a reviewer.

// A paid order, placed and paid by a shopper in a browser of their own; its number.
async function paidOrder(browser: Browser, request: APIRequestContext): Promise<string> {
  const shopper = await browser.newPage();
  const orderNo = await orderOneProduct(shopper, 'honey');
  await payThroughEmulator(request, await invoiceId(shopper));
  await expect(shopper.locator('[data-test="pay-status"]')).toHaveAttribute('data-status', 'paid', { timeout: 10_000 });
  await shopper.close();
  return orderNo;
}

// The PDF's pages: each page is an object `/Type /Page`; the page tree's nodes are `/Type /Pages`.
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

test('the owner prints one A4 page per paid order and the courier sheet', async ({ browser, request }) => {
  const first = await paidOrder(browser, request);
  const second = await paidOrder(browser, request);

  const page = await browser.newPage();
  await signIn(page);
  // From the list's toolbar, carrying its filter.
  await page.goto('/admin?payment=paid&fulfilment=all');
  await page.locator('[data-test="slips-link"]').click();
  await expect(page).toHaveURL(/\/admin\/slips\?payment=paid&fulfilment=all$/);
  for (const orderNo of [first, second]) {
    await expect(page.locator(`.slip[data-order="${orderNo}"]`)).toHaveCount(1);
    await expect(page.locator(`.slip[data-order="${orderNo}"] [data-test="slip-qr"] svg`)).toBeVisible();
  }
  const slips = await page.locator('.slip').count();
  expect(slips).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: 'screenshots/slip.png', fullPage: true });

  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
  expect(pdfPages(pdf), 'one printed page per slip').toBe(slips);

  // The courier sheet of the same orders, one row each, renders to a PDF too.
  await page.goto('/admin?payment=paid&fulfilment=all');
  await page.locator('[data-test="courier-link"]').click();
  await expect(page).toHaveURL(/\/admin\/courier\?payment=paid&fulfilment=all$/);
  for (const orderNo of [first, second]) {
    await expect(page.locator(`[data-test="courier-row"][data-order="${orderNo}"]`)).toHaveCount(1);
  }
  await expect(page.locator('[data-test="courier-total"]')).toHaveAttribute('data-value', /^\d+$/);
  const sheet = await page.pdf({ format: 'A4', landscape: true });
  expect(sheet.subarray(0, 4).toString('latin1')).toBe('%PDF');
  expect(pdfPages(sheet)).toBeGreaterThanOrEqual(1);

  // On a phone each row is a card: nothing scrolls sideways.
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(phone);
  await phone.goto('/admin/courier?payment=paid&fulfilment=all');
  await expect(phone.locator(`[data-test="courier-row"][data-order="${first}"]`)).toBeVisible();
  const { scroll, inner } = await phone.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(scroll, `the courier sheet is ${scroll} px wide in a ${inner} px window`).toBeLessThanOrEqual(inner);
});

import { test, expect } from '@playwright/test';
import { paidOrder } from './shopper';
import { PHONE, noSidewaysScroll } from './screen';
import { signIn } from './owner';

// Issue #22, packing and courier: the owner prints the packing slips of the paid orders, one A4 page per order (the
// PDF has as many pages as the page has slips), and the courier sheet, which on a 390 px phone does not scroll
// sideways. A screenshot of the slips lands in end2end/screenshots/slip.png for a reviewer.

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
  // The page's own size (`@page courier { size: A4 landscape }`), not one the test imposes: wider than tall.
  const sheet = await page.pdf({ preferCSSPageSize: true });
  expect(sheet.subarray(0, 4).toString('latin1')).toBe('%PDF');
  expect(pdfPages(sheet)).toBeGreaterThanOrEqual(1);
  const box = sheet.toString('latin1').match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
  expect(box, 'the PDF names its page size').toBeTruthy();
  expect(Number(box![1]), `a landscape page: ${box![0]}`).toBeGreaterThan(Number(box![2]));

  // On a phone each row is a card: nothing scrolls sideways.
  const phone = await (await browser.newContext({ viewport: PHONE })).newPage();
  await signIn(phone);
  await phone.goto('/admin/courier?payment=paid&fulfilment=all');
  await expect(phone.locator(`[data-test="courier-row"][data-order="${first}"]`)).toBeVisible();
  await noSidewaysScroll(phone);
});

import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { signIn } from './owner';

// The owner brings products in as a spreadsheet, from a phone: downloads the template, fills it in with a mistake
// (a price with a fraction), sees the mistake by row and column with nothing changed, fixes it, reads what will be
// added, applies it, and a shopper finds the product. The spec archives the product again at the end (a sheet with
// `active` 0), as the specs after it expect the demo catalog.
const PHONE = { width: 390, height: 844 };

test.use({ viewport: PHONE });

// The rows of a CSV the shop wrote: a byte order mark, cells without commas or quotes (the template's).
function rowsOf(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.length > 0)
    .map((line) => line.split(','));
}

function csvOf(rows: string[][]): Buffer {
  return Buffer.from('\uFEFF' + rows.map((row) => row.join(',')).join('\r\n') + '\r\n', 'utf-8');
}

async function upload(page: Page, name: string, rows: string[][]) {
  await page.locator('#sheet-file').setInputFiles({ name, mimeType: 'text/csv', buffer: csvOf(rows) });
  await page.locator('[data-test="sheet-upload"] button').click();
  await expect(page.locator('[data-test="sheet-preview"]')).toBeVisible();
}

test('the owner imports products from a filled-in template, fixing a mistake the preview shows by row', async ({ page, browser }) => {
  await signIn(page);
  await page.goto('/admin/products');
  await page.locator('[data-test="sheet-import"]').click();
  await expect(page).toHaveURL(/\/admin\/products\/import$/);

  const downloading = page.waitForEvent('download');
  await page.locator('[data-test="template-csv"]').click();
  const template = rowsOf(await readFile((await (await downloading).path())!, 'utf-8'));
  const column = (name: string) => template[0].indexOf(name);
  expect(template.length).toBe(3);

  // The template's two sizes, as the owner's own product; the second size's price typed with a fraction.
  const filled = template.map((row) => [...row]);
  for (const row of filled.slice(1)) {
    row[column('handle')] = 'e2e-buuz';
    row[column('name_mn')] = 'Хуушуур';
    row[column('name_en')] = 'Khuushuur';
    row[column('sku')] = row[column('sku')].replace('TS-', 'E2E-KH-');
  }
  filled[2][column('price')] = '35000.5';
  await upload(page, 'products.csv', filled);
  await expect(page.locator('[data-test="sheet-problems"]')).toContainText('3-р мөр, price багана');
  await expect(page.locator('[data-test="sheet-apply"]')).toHaveCount(0);

  filled[2][column('price')] = '36000';
  await upload(page, 'products.csv', filled);
  await expect(page.locator('[data-test="sheet-counts"]')).toContainText('1 бараа шинээр нэмэгдэнэ');
  await expect(page.locator('[data-test="sheet-creates"]')).toContainText('e2e-buuz');
  await page.locator('[data-test="sheet-apply"] button').click();
  await expect(page).toHaveURL(/\/admin\/products$/);
  await expect(page.locator('[data-test="action-notice"]')).toContainText('1 бараа шинээр нэмэгдэж');

  const shopper = await (await browser.newContext({ viewport: PHONE })).newPage();
  await shopper.goto('/?q=khuushuur');
  await shopper.locator('a[href="/products/e2e-buuz"]').first().click();
  await expect(shopper.locator('h1')).toContainText('Хуушуур');
  await expect(shopper.locator('main')).toContainText('35,000₮');

  // Archived again: the same rows with `active` 0.
  await page.goto('/admin/products/import');
  for (const row of filled.slice(1)) row[column('active')] = '0';
  await upload(page, 'archive.csv', filled);
  await expect(page.locator('[data-test="sheet-changes"]')).toContainText('active: 1 → 0');
  await page.locator('[data-test="sheet-apply"] button').click();
  await expect(page).toHaveURL(/\/admin\/products$/);
  await shopper.goto('/?q=khuushuur');
  await expect(shopper.locator('a[href="/products/e2e-buuz"]')).toHaveCount(0);
});

import { test, expect } from '@playwright/test';

test('the product page wakes up and its stepper changes the quantity and the total', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Бүх бараа');

  await page.locator('a[href="/products/aaruul"]').click();
  await expect(page).toHaveURL(/\/products\/aaruul$/);

  // Clicks before hydration are lost: wait until the island says it runs.
  const box = page.locator('.buy-box');
  await expect(box).toHaveAttribute('data-hydrated', 'true');

  const quantity = box.getByRole('spinbutton', { name: 'Тоо ширхэг' });
  const total = box.locator('output');
  await expect(quantity).toHaveValue('1');
  await expect(total).toHaveText('12,500₮');

  const more = box.getByRole('button', { name: 'Нэмэх' });
  await more.click();
  await more.click();
  await expect(quantity).toHaveValue('3');
  await expect(total).toHaveText('37,500₮');

  await box.getByRole('button', { name: 'Хасах' }).click();
  await expect(quantity).toHaveValue('2');

  await box.getByRole('radio', { name: /1 кг/ }).check();
  await expect(total).toHaveText('46,000₮');

  await page.screenshot({ path: 'screenshots/product-page.png', fullPage: true });
});

test('a catalog page loads no WASM, a product page loads it once', async ({ page }) => {
  const wasm: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.wasm')) wasm.push(request.url());
  });

  await page.goto('/');
  await expect(page.locator('.product-card')).toHaveCount(12);
  await page.waitForLoadState('networkidle');
  expect(wasm).toEqual([]);

  await page.goto('/products/honey');
  await expect(page.locator('.buy-box')).toHaveAttribute('data-hydrated', 'true');
  expect(wasm).toHaveLength(1);
});

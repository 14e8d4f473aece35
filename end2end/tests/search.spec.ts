import { test, expect } from '@playwright/test';
import { PHONE, noSidewaysScroll } from './screen';

// The shopper's search on a phone: the header's box suggests as one types Mongolian in Latin letters ("aaruul"
// for «Ааруул»), a suggestion leads to its product; the box sent as a form lists the results ranked, with the
// filters kept; and the same form works with JavaScript off.

test.use({ viewport: PHONE });

test('the header suggests as one types in Latin letters, and a suggestion leads to the product', async ({ page }) => {
  await page.goto('/');
  const box = page.locator('[data-test="header-q"]');
  const suggestions = page.locator('[data-test="suggestions"]');
  await expect(suggestions).toBeHidden();
  await box.pressSequentially('aaruul', { delay: 40 });
  await expect(suggestions).toBeVisible();
  await expect(suggestions.locator('a').first()).toContainText('Ааруул');
  await expect(suggestions.locator('a').first()).toContainText('12,500₮');
  // Tab reaches the first suggestion.
  await box.press('Tab');
  await expect(suggestions.locator('a').first()).toBeFocused();
  await box.focus();
  await noSidewaysScroll(page);
  await page.screenshot({ path: 'screenshots/search-suggestions.png' });

  await box.press('Escape');
  await expect(suggestions).toBeHidden();
  await box.fill('');
  await box.pressSequentially('aaruu');
  await suggestions.locator('a').first().click();
  await expect(page).toHaveURL(/\/products\/aaruul$/);
});

test('the search form lists ranked results and keeps its filters', async ({ page }) => {
  await page.goto('/');
  await page.locator('[data-test="header-q"]').fill('zogiin bal');
  await page.locator('[data-test="header-search"] button').click();
  await expect(page).toHaveURL(/\?q=zogiin/);
  await expect(page.locator('[data-test="found-count"]')).toContainText('«zogiin bal»');
  await expect(page.locator('.product-card').first()).toContainText('Зөгийн бал');
  await expect(page.locator('[data-test="header-q"]')).toHaveValue('zogiin bal');

  await page.locator('[data-test="in-stock"]').check();
  await page.locator('[data-test="price-max"]').fill('20000');
  await page.locator('.list-controls button').click();
  await expect(page).toHaveURL(/q=zogiin\+bal.*max=20000/);
  await expect(page.locator('[data-test="in-stock"]')).toBeChecked();
  await expect(page.locator('[data-test="price-max"]')).toHaveValue('20000');
  await noSidewaysScroll(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the header search still finds a product typed in Latin letters', async ({ page }) => {
    await page.goto('/');
    await page.locator('[data-test="header-q"]').fill('aaruul');
    await page.locator('[data-test="header-q"]').press('Enter');
    await expect(page).toHaveURL(/\?q=aaruul/);
    await expect(page.locator('.product-card').first()).toContainText('Ааруул');
  });
});

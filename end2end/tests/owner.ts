import { expect, type Browser, type Page } from '@playwright/test';

// What the owner's tests share: the owner the test server is started with (ADMIN_EMAIL/ADMIN_PASSWORD in
// playwright.config.ts) and signing them in.

export const OWNER = { email: 'owner@delguur.test', password: 'e2e-owner-password' };

// Signs `page` in with the given account (the owner unless told) and waits for the admin's order list.
export async function signIn(page: Page, account: { email: string; password: string } = OWNER) {
  if (!page.url().endsWith('/admin/login')) await page.goto('/admin/login');
  await page.locator('#email').fill(account.email);
  await page.locator('#password').fill(account.password);
  await page.locator('[data-test="sign-in"]').click();
  await expect(page).toHaveURL(/\/admin$/);
}

// A browser context of the owner's own, signed in.
export async function signedInOwner(browser: Browser): Promise<Page> {
  const owner = await (await browser.newContext()).newPage();
  await signIn(owner);
  return owner;
}

// Goes to an owner page through the admin's navigation, as the owner would: on a phone the pages are folded behind
// "Menu" first.
export async function navigate(page: Page, test: string) {
  const link = page.locator(`[data-test="admin-nav"] [data-test="${test}"]`);
  if (!(await link.isVisible())) await page.locator('[data-test="menu-button"]').click();
  await link.click();
}

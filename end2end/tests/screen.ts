import { expect, type Page } from '@playwright/test';

// What the phone tests share: the phone they are run on, and the check that a page fits its width.

export const PHONE = { width: 390, height: 844 };

// Fails when the page scrolls sideways: anything wider than the window.
export async function noSidewaysScroll(page: Page) {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(scroll, `${page.url()} is ${scroll} px wide in a ${inner} px window`).toBeLessThanOrEqual(inner);
}

import { test, expect, type Page } from '@playwright/test';
import { signIn } from './owner';

// The owner adds two photos to a product from a phone, the second showing the brown variant; a shopper on a phone
// sees the home page's first screen under 250 KB of pictures, swipes the product's gallery, and choosing brown shows
// its picture; without JavaScript the numbered links reach every picture. The spec removes the photos at the end,
// as the specs after it expect the demo catalog.
const PHONE = { width: 390, height: 844 };

// A photo as a phone's camera would give it: a JPEG of 1600×1200, drawn in the browser.
async function photo(page: Page, colour: string): Promise<Buffer> {
  const data = await page.evaluate((colour) => {
    const canvas = document.createElement('canvas');
    canvas.width = 1600;
    canvas.height = 1200;
    const draw = canvas.getContext('2d')!;
    const sky = draw.createLinearGradient(0, 0, 0, 1200);
    sky.addColorStop(0, '#f5f7fa');
    sky.addColorStop(1, colour);
    draw.fillStyle = sky;
    draw.fillRect(0, 0, 1600, 1200);
    draw.fillStyle = colour;
    draw.beginPath();
    draw.ellipse(800, 640, 420, 300, 0, 0, 2 * Math.PI);
    draw.fill();
    return canvas.toDataURL('image/jpeg', 0.92).split(',')[1];
  }, colour);
  return Buffer.from(data, 'base64');
}

// The bytes of the pictures a page shows on its first screen, as the browser fetched them.
async function firstScreenPictureBytes(page: Page): Promise<number> {
  await page.waitForLoadState('load');
  return page.evaluate(() => {
    const shown = [...document.images].filter((img) => img.getBoundingClientRect().top < window.innerHeight);
    const fetched = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    return shown
      .map((img) => fetched.find((entry) => entry.name === img.currentSrc)?.encodedBodySize ?? 0)
      .reduce((sum, bytes) => sum + bytes, 0);
  });
}

async function galleryScrolled(page: Page): Promise<number> {
  return page.locator('[data-test="gallery"]').evaluate((gallery) => gallery.scrollLeft);
}

test.use({ viewport: PHONE });

test('photos from a phone: the owner orders them, a shopper swipes them, a variant shows its own', async ({ browser }) => {
  const owner = await (await browser.newContext({ viewport: PHONE })).newPage();
  await signIn(owner);
  await owner.goto('/admin/products');
  await owner.locator('[data-test="product-row"][data-slug="cashmere-scarf"] a').click();
  await expect(owner).toHaveURL(/\/admin\/products\/\d+$/);
  const ids = () => owner.locator('[data-test="admin-picture"]').evaluateAll((items) => items.map((item) => item.getAttribute('data-picture')));
  const demo = await ids();
  const before = demo.length;
  for (const colour of ['#8b5a2b', '#5b6b7a']) {
    await owner.locator('#image').setInputFiles({ name: 'IMG_2041.JPG', mimeType: 'image/jpeg', buffer: await photo(owner, colour) });
    await owner.locator('[data-test="image-form"] button').click();
    await expect(owner.locator('[data-test="action-notice"]')).toBeVisible();
  }
  const pictures = owner.locator('[data-test="admin-picture"]');
  await expect(pictures).toHaveCount(before + 2);
  const added = (await ids()).filter((id) => !demo.includes(id));
  // The last one first, then it shows the brown variant.
  for (let moves = 0; moves < before + 1; moves++) {
    await pictures.last().locator('[data-test="picture-earlier"]').click();
    await expect(owner.locator('[data-test="action-notice"]')).toBeVisible();
  }
  const grey = pictures.first();
  await grey.locator('select[name="variant"]').selectOption({ label: 'Бор' });
  await grey.locator('[name="alt_mn"]').fill('Бор өнгийн ороолт');
  await grey.locator('[data-test="save-picture"]').click();
  await expect(owner.locator('[data-test="action-notice"]')).toBeVisible();
  await owner.screenshot({ path: 'screenshots/admin-pictures.png', fullPage: true });

  const shopper = await (await browser.newContext({ viewport: PHONE })).newPage();
  await shopper.goto('/');
  const home = await firstScreenPictureBytes(shopper);
  console.log(`home page, first screen at 390×844: ${(home / 1024).toFixed(1)} KB of pictures`);
  expect(home).toBeLessThan(250 * 1024);

  await shopper.goto('/products/cashmere-scarf');
  await expect(shopper.locator('.buy-box')).toHaveAttribute('data-hydrated', 'true');
  await expect(shopper.locator('[data-test="gallery"] li')).toHaveCount(before + 2);
  await expect(shopper.locator('img[alt="Бор өнгийн ороолт"]')).toHaveCount(1);
  // Cream is chosen first; the first picture is the brown one, so choose grey's neighbour and back to see it move.
  await shopper.locator('[data-test="gallery"]').evaluate((gallery) => gallery.scrollTo({ left: gallery.scrollWidth }));
  await expect.poll(() => galleryScrolled(shopper)).toBeGreaterThan(0);
  await shopper.locator('label.variant', { hasText: 'Бор' }).click();
  await expect.poll(() => galleryScrolled(shopper)).toBe(0);
  await shopper.screenshot({ path: 'screenshots/product-gallery.png', fullPage: true });

  // Without JavaScript: the links under the gallery reach each picture.
  const plain = await (await browser.newContext({ viewport: PHONE, javaScriptEnabled: false })).newPage();
  await plain.goto('/products/cashmere-scarf');
  await plain.locator('[data-test="gallery-link"]').nth(1).click();
  await expect.poll(() => galleryScrolled(plain)).toBeGreaterThan(0);

  // The demo catalog again, for the specs after this one (its own picture first again).
  for (const id of added) {
    await owner.locator(`[data-test="admin-picture"][data-picture="${id}"] [data-test="remove-picture"]`).click();
    await expect(owner.locator(`[data-test="admin-picture"][data-picture="${id}"]`)).toHaveCount(0);
  }
});

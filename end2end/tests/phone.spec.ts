import { test, expect, type Locator, type Page } from '@playwright/test';
import { addToCart, placeOrder } from './shopper';
import { signedInOwner } from './owner';

// Checkout on a phone. At 390 × 844 every shopper page, in every checkout choice, fits the screen
// (no sideways scrolling, the order's total not cut at the edge); and on a slow connection a district and khoroo
// chosen while the page's scripts still load are priced as soon as the running total wakes, without touching
// another field.
const PHONE = { width: 390, height: 844 };

// The demo shop's delivery (db/seed.rs): Khan-Uul is in the city centre's zone (5,000₮ below 100,000₮), Töv is a
// near aimag (8,000₮), the pickup point is free. No spec before this one changes them.
const CITY = { district: 'khan-uul', khoroo: '3', fee: '5000' };
const COUNTRYSIDE = { aimag: 'tuv', fee: '8000' };

// Turns the cash ways to pay on or off, so checkout offers a choice of payment to lay out.
async function cashWays(owner: Page, on: boolean) {
  await owner.goto('/admin/payments');
  for (const name of ['cash_on_delivery', 'pay_at_pickup']) {
    await owner.locator(`[data-test="${name}"]`).setChecked(on);
  }
  await owner.locator('[data-test="save-pay-settings"]').click();
  await expect(owner.locator('[data-test="action-notice"]')).toBeVisible();
}

// Whether the page fits the screen: nothing wider than the window, and the order's total (where the page has one)
// inside it. Returns what is wrong, naming the widest offenders, or nothing.
async function overflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const screen = window.innerWidth;
    const width = document.documentElement.scrollWidth;
    const name = (e: Element) =>
      e.tagName.toLowerCase() +
      (e.id ? `#${e.id}` : '') +
      (typeof e.className === 'string' && e.className.trim() ? `.${e.className.trim().split(/\s+/).join('.')}` : '') +
      (e.getAttribute('data-test') ? `[data-test=${e.getAttribute('data-test')}]` : '');
    const problems: string[] = [];
    if (width > screen) {
      const wide = Array.from(document.body.querySelectorAll('*'))
        .filter((e) => e.getBoundingClientRect().right > screen + 0.5)
        .slice(0, 6)
        .map(name);
      problems.push(`${width} px wide on a ${screen} px screen (past the edge: ${wide.join(', ')})`);
    }
    const total = document.querySelector('[data-test="order-total"]');
    if (total && total.getBoundingClientRect().width > 0 && total.getBoundingClientRect().right > screen + 0.5) {
      problems.push(`the order's total ends at ${Math.round(total.getBoundingClientRect().right)} px`);
    }
    return problems.length ? problems.join('; ') : null;
  });
}

// Does a change that the running total prices, and waits for its answer to be asked and come back.
async function priced(page: Page, change: () => Promise<unknown>) {
  const answered = page.waitForResponse((response) => response.url().includes('checkout_quote'));
  await change();
  await answered;
}

// Sets a priced field unless it already has the value (the session remembers the last choice, and a select set to
// its own value might ask nothing).
async function choose(page: Page, field: Locator, value: string) {
  if ((await field.inputValue()) === value) return;
  const tag = await field.evaluate((e) => e.tagName.toLowerCase());
  await priced(page, async () => {
    if (tag === 'select') {
      await field.selectOption(value);
    } else {
      await field.fill(value);
      await field.blur();
    }
  });
}

async function chooseDelivery(page: Page, value: 'delivery' | 'countryside' | 'pickup') {
  const radio = page.locator(`[data-test="checkout-form"] input[name="delivery"][value="${value}"]`);
  if (await radio.isChecked()) return;
  await priced(page, () => radio.check());
}

test.describe('on a phone', () => {
  test.use({ viewport: PHONE });

  test('every shopper page fits the screen, in every checkout choice and way to pay', async ({ browser, page }) => {
    test.setTimeout(180_000);
    const owner = await signedInOwner(browser);
    await cashWays(owner, true);
    try {
      const failures: string[] = [];
      const fits = async (what: string) => {
        const problem = await overflow(page);
        if (problem) failures.push(`${what}: ${problem}`);
      };

      await page.goto('/');
      await expect(page.locator('li.product-card').first()).toBeVisible();
      await fits('home');
      const category = await page.locator('nav.categories a').nth(1).getAttribute('href');
      expect(category).toBeTruthy();
      await page.goto(category!);
      await expect(page.locator('li.product-card').first()).toBeVisible();
      await fits(`category ${category}`);

      await page.goto('/products/brick-tea');
      await expect(page.locator('.buy-box')).toHaveAttribute('data-hydrated', 'true');
      await fits('product page');
      await addToCart(page, 'brick-tea');
      await expect(page.locator('[data-test="cart-line"]')).toHaveCount(1);
      await fits('cart');

      const form = page.locator('[data-test="checkout-form"]');
      const fee = page.locator('[data-test="delivery-fee"]');
      // Every delivery choice, and in each every way to pay the shop offers.
      const everyChoice = async (lang: string) => {
        await expect(page).toHaveURL(/\/checkout$/);
        // The running total is an island: wait until it listens.
        await expect(page.locator('[data-test="live-totals"]')).toHaveAttribute('data-live', 'true');
        await fits(`checkout (${lang}) as it opens`);
        const payMethods = await form
          .locator('input[name="pay_method"]')
          .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
        const eachWayToPay = async (where: string) => {
          await fits(`checkout (${lang}), ${where}`);
          for (const method of payMethods) {
            await form.locator(`input[name="pay_method"][value="${method}"]`).check();
            await fits(`checkout (${lang}), ${where}, paying by ${method}`);
          }
        };

        await chooseDelivery(page, 'delivery');
        await choose(page, form.locator('#district'), CITY.district);
        await choose(page, form.locator('#khoroo'), CITY.khoroo);
        await expect(fee).toHaveAttribute('data-value', CITY.fee);
        await eachWayToPay(`city delivery to ${CITY.district}, khoroo ${CITY.khoroo}`);

        await chooseDelivery(page, 'countryside');
        await choose(page, form.locator('#aimag'), COUNTRYSIDE.aimag);
        await expect(fee).toHaveAttribute('data-value', COUNTRYSIDE.fee);
        await eachWayToPay(`countryside, ${COUNTRYSIDE.aimag}`);

        // Pickup: the point's long label (name, address, hours) once stretched the form to 804 px.
        await chooseDelivery(page, 'pickup');
        const points = await form
          .locator('#pickup_point option')
          .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
        expect(points.length).toBeGreaterThan(0);
        for (const point of points) {
          await choose(page, form.locator('#pickup_point'), point);
          await expect(fee).toHaveAttribute('data-value', '0');
          await eachWayToPay(`pickup at point ${point}`);
        }
        if (payMethods.includes('qpay')) {
          await form.locator('input[name="pay_method"][value="qpay"]').check();
        }
      };

      await page.locator('[data-test="go-to-checkout"]').click();
      await everyChoice('mn');
      // The English labels are longer.
      await page.goto('/lang/en?next=/checkout');
      await everyChoice('en');

      // The order, paid with QPay: its pay page with the bank apps and the QR.
      const orderNo = await placeOrder(page);
      await expect(page.locator('[data-test="qr"]')).toBeVisible();
      await fits('order/pay page (en)');
      await page.goto(`/lang/mn?next=/orders/${encodeURIComponent(orderNo)}`);
      await expect(page.locator('[data-test="qr"]')).toBeVisible();
      await fits('order/pay page (mn)');

      await page.goto('/orders/find');
      await expect(page.locator('[data-test="find-ask-form"]')).toBeVisible();
      await fits('find an order');

      expect(failures, 'every page fits a 390 px screen').toEqual([]);
    } finally {
      // Back as the other specs expect the shop (staff.spec.ts turns cash on itself).
      await cashWays(owner, false);
    }
  });

  test('on a slow connection, the district and khoroo chosen before the running total wakes are priced', async ({ page }) => {
    await page.goto('/products/aaruul');
    await addToCart(page, 'aaruul');

    // The cache off, as for a first visit.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    // A slow connection, made deterministic: rather than throttling the whole network (with latency and a
    // bandwidth, where whether the shopper's clicks land before the WASM does depends on the machine's speed and
    // on the debug build's size), the page's scripts, its JS and WASM under /pkg/, are held back until the test
    // has made its choices, and only then let through. The page itself and its stylesheet come at once, as on a
    // slow phone that shows the page while the scripts load.
    let letThrough!: () => void;
    const scriptsMayLoad = new Promise<void>((resolve) => { letThrough = resolve; });
    const held: string[] = [];
    await page.route(/\/pkg\/[^/?#]+\.(js|wasm)([?#].*)?$/, async (route) => {
      held.push(route.request().url());
      await scriptsMayLoad;
      await route.continue();
    });
    const quotes: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('checkout_quote')) quotes.push(request.url());
    });

    try {
      await page.goto('/checkout', { waitUntil: 'domcontentloaded' });
      const totals = page.locator('[data-test="live-totals"]');
      const fee = page.locator('[data-test="delivery-fee"]');
      const form = page.locator('[data-test="checkout-form"]');
      // Asleep, and nothing chosen yet: "the fee is counted when you choose the address", no amount.
      await expect(totals).toHaveAttribute('data-live', 'false');
      await expect(fee).not.toHaveAttribute('data-value');
      await expect.poll(() => held.length, { message: 'the page asked for its scripts' }).toBeGreaterThan(0);

      // The shopper chooses where the order goes while the scripts load; every change event is heard by no one.
      await expect(form.locator('input[name="delivery"][value="delivery"]')).toBeChecked();
      await form.locator('#district').selectOption(CITY.district);
      await form.locator('#khoroo').fill(CITY.khoroo);
      await form.locator('#khoroo').blur();
      await expect(totals).toHaveAttribute('data-live', 'false');
      await expect(fee).not.toHaveAttribute('data-value');
      expect(quotes, 'nothing priced before the island wakes').toEqual([]);

      // The scripts arrive; the island wakes and prices the form as it stands, no other field touched.
      letThrough();
      await expect(totals).toHaveAttribute('data-live', 'true');
      await expect(fee).toHaveAttribute('data-value', CITY.fee);
      const items = Number(await page.locator('[data-test="items-total"]').getAttribute('data-value'));
      expect(items).toBeGreaterThan(0);
      await expect(page.locator('[data-test="order-total"]')).toHaveAttribute(
        'data-value',
        String(items + Number(CITY.fee)),
      );
      await expect(page.locator('[data-test="delivery-promise"]')).toBeVisible();
      // The choices themselves are kept.
      await expect(form.locator('#district')).toHaveValue(CITY.district);
      await expect(form.locator('#khoroo')).toHaveValue(CITY.khoroo);
      expect(quotes.length, 'asked once, on waking').toBe(1);
    } finally {
      letThrough();
    }
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('"update the total" prices the delivery with a page load, and the page fits', async ({ page }) => {
      await page.goto('/products/aaruul');
      await addToCart(page, 'aaruul', { hydrated: false });
      await page.locator('[data-test="go-to-checkout"]').click();
      await expect(page).toHaveURL(/\/checkout$/);
      const form = page.locator('[data-test="checkout-form"]');
      await form.locator('input[name="delivery"][value="countryside"]').check();
      await form.locator('#aimag').selectOption(COUNTRYSIDE.aimag);
      await form.locator('[data-test="apply-code"]').click();

      await expect(page).toHaveURL(/\/checkout$/);
      await expect(page.locator('[data-test="delivery-fee"]')).toHaveAttribute('data-value', COUNTRYSIDE.fee);
      await expect(form.locator('input[name="delivery"][value="countryside"]')).toBeChecked();
      await expect(form.locator('#aimag')).toHaveValue(COUNTRYSIDE.aimag);
      expect(await overflow(page), 'the checkout fits a 390 px screen').toBeNull();

      await form.locator('input[name="delivery"][value="pickup"]').check();
      await form.locator('[data-test="apply-code"]').click();
      await expect(page.locator('[data-test="delivery-fee"]')).toHaveAttribute('data-value', '0');
      expect(await overflow(page), 'the checkout with pickup fits a 390 px screen').toBeNull();
    });
  });
});

import { test, expect } from '@playwright/test';
import { invoiceId, payThroughEmulator } from './shopper';
import { signedInOwner } from './owner';

// An order made for a customer, end to end: a customer asks on the phone; the owner finds the item by name, builds
// the order with the customer's phone and delivery and a discount, copies the pay link's text; the customer opens
// the link in a browser of their own and pays, and the pay page turns to paid. The owner's order page then shows it
// paid.

test('the owner builds an order for a phone customer who pays from the copied link', async ({ browser, request }) => {
  const owner = await signedInOwner(browser);

  await owner.locator('[data-test="nav-new-order"]').click();
  await expect(owner).toHaveURL(/\/admin\/orders\/new$/);
  await owner.locator('[data-test="draft-q"]').fill('борц');
  await owner.locator('[data-test="draft-search"] button').click();
  const found = owner.locator('[data-test="draft-found"]').first();
  await expect(found).toBeVisible();
  await found.locator('input[name="quantity"]').fill('2');
  await found.locator('[data-test="draft-add"]').click();
  await expect(owner.locator('[data-test="draft-line"]')).toHaveCount(1);
  await expect(owner.locator('[data-test="draft-quantity"]')).toHaveValue('2');

  const form = owner.locator('[data-test="draft-form"]');
  await form.locator('#phone').fill('95112299');
  await form.locator('#name').fill('Оюунаа');
  await form.locator('input[name="delivery"][value="delivery"]').check();
  await form.locator('#district').selectOption('khan-uul');
  await form.locator('#khoroo').fill('11');
  await form.locator('#address').fill('Зайсан, 5-р байр, 12 тоот');
  await form.locator('#draft-discount').fill('1000');
  await form.locator('#draft-reason').fill('Messenger-ээр захиалсан байнгын үйлчлүүлэгч');
  await owner.screenshot({ path: 'screenshots/draft.png', fullPage: true });
  await form.locator('[data-test="draft-place"]').click();

  await expect(owner).toHaveURL(/\/admin\/orders\/[A-Z0-9]+$/);
  const orderNo = (await owner.locator('[data-test="order-no"]').textContent())!.trim();
  const text = await owner.locator('[data-test="pay-text"]').inputValue();
  expect(text).toContain(`Захиалга ${orderNo}:`);
  const link = text.match(/https?:\/\/\S+/)![0];
  expect(link).toMatch(new RegExp(`/o/${orderNo}/[A-Za-z0-9]{16}$`));
  await expect(owner.locator('[data-test="timeline"] [data-kind="made"]')).toHaveCount(1);
  await owner.screenshot({ path: 'screenshots/draft-order.png', fullPage: true });

  // The customer, in a browser that never saw the shop, opens the pasted link and pays.
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(link);
  await expect(customer.locator('[data-test="order-no"]')).toHaveText(orderNo);
  await expect(customer.locator('[data-test="qr"]')).toBeVisible();
  await expect(customer.locator('[data-test="pay-status"]')).toHaveAttribute('data-status', 'awaiting');
  await payThroughEmulator(request, await invoiceId(customer));
  await expect(customer.locator('[data-test="pay-status"]')).toHaveAttribute('data-status', 'paid', { timeout: 15_000 });

  await owner.reload();
  await expect(owner.locator('[data-test="payment-state"]')).toHaveAttribute('data-value', 'paid');
  await expect(owner.locator('[data-test="pay-link"]')).toHaveCount(0);
});

import { test, expect } from '@playwright/test';
import { addToCart, SHOPPER } from './shopper';
import { signedInOwner } from './owner';

// Cash on delivery and staff, end to end: the owner turns on cash on delivery and invites a packer; the packer
// sets a password from the invitation's link; a shopper orders with cash on delivery; the packer packs and ships it
// unpaid, then records the cash, and the shopper's open page turns to paid. The packer sees none of the owner's
// controls.
const PACKER = { email: 'packer@delguur.test', password: 'packer-password-2026' };

test('a packer invited by the owner ships a cash-on-delivery order and records the cash', async ({ browser }) => {
  const owner = await signedInOwner(browser);
  await owner.locator('[data-test="nav-payments"]').click();
  await expect(owner).toHaveURL(/\/admin\/payments$/);
  await owner.locator('[data-test="cash_on_delivery"]').check();
  await owner.locator('[data-test="save-pay-settings"]').click();
  await expect(owner.locator('[data-test="action-notice"]')).toBeVisible();

  await owner.locator('[data-test="nav-staff"]').click();
  await expect(owner).toHaveURL(/\/admin\/staff$/);
  await owner.locator('#invite-email').fill(PACKER.email);
  await owner.locator('[data-test="send-invite"]').click();
  const link = await owner.locator('[data-test="invite-link"] input').inputValue();
  expect(link).toMatch(/\/admin\/invite\/[A-Za-z0-9]{32}$/);
  await owner.screenshot({ path: 'screenshots/staff.png', fullPage: true });

  // The packer, in a browser of their own, sets the password from the link.
  const packer = await (await browser.newContext()).newPage();
  await packer.goto(link);
  await expect(packer.locator('#invite-email')).toHaveValue(PACKER.email);
  await packer.locator('#invite-password').fill(PACKER.password);
  await packer.locator('[data-test="accept-invite"]').click();
  await expect(packer).toHaveURL(/\/admin$/);
  await expect(packer.locator('[data-test="owner"]')).toHaveAttribute('data-role', 'staff');
  await expect(packer.locator('[data-test="nav-products"]')).toHaveCount(0);
  await expect(packer.locator('[data-test="nav-staff"]')).toHaveCount(0);

  // A shopper orders with cash on delivery.
  const shopper = await (await browser.newContext()).newPage();
  await shopper.goto('/products/honey');
  await addToCart(shopper, 'honey');
  await shopper.locator('[data-test="go-to-checkout"]').click();
  const form = shopper.locator('[data-test="checkout-form"]');
  await form.locator('#name').fill(SHOPPER.name);
  await form.locator('#phone').fill(SHOPPER.phone);
  await form.locator('input[name="delivery"][value="delivery"]').check();
  await form.locator('#district').selectOption(SHOPPER.district);
  await form.locator('#khoroo').fill(SHOPPER.khoroo);
  await form.locator('#address').fill(SHOPPER.address);
  await form.locator('input[name="pay_method"][value="cash-on-delivery"]').check();
  await form.locator('[data-test="place-order"]').click();
  await expect(shopper).toHaveURL(/\/orders\/[^/?]+/);
  const orderNo = (await shopper.locator('[data-test="order-no"]').textContent())!.trim();
  await expect(shopper.locator('[data-test="pay-offline"]')).toHaveAttribute('data-method', 'cash-on-delivery');
  await expect(shopper.locator('[data-test="pay-status"]')).toHaveAttribute('data-status', 'awaiting');

  // The packer packs and ships it unpaid, then records the cash.
  await packer.goto(`/admin/orders/${orderNo}`);
  await expect(packer.locator('[data-test="refund"]')).toHaveCount(0);
  await expect(packer.locator('[data-test="action-cancel"]')).toHaveCount(0);
  await packer.locator('[data-test="action-packed"]').click();
  await expect(packer.locator('[data-test="fulfilment"]')).toHaveAttribute('data-value', 'packed');
  await packer.locator('[data-test="action-shipped"]').click();
  await expect(packer.locator('[data-test="fulfilment"]')).toHaveAttribute('data-value', 'shipped');
  await expect(packer.locator('[data-test="payment-state"]')).toHaveAttribute('data-value', 'awaiting');
  const toCollect = await packer.locator('[data-test="to-collect"]').getAttribute('data-value');
  expect(Number(toCollect)).toBeGreaterThan(0);
  await packer.locator('[data-test="receive-note"]').fill('Хүргэгч Болд авсан');
  await packer.locator('[data-test="receive-submit"]').click();
  await expect(packer.locator('[data-test="payment-state"]')).toHaveAttribute('data-value', 'paid');
  await expect(packer.locator('[data-test="receive-form"]')).toHaveCount(0);
  await expect(packer.locator('[data-test="timeline"] [data-test="actor"]').last()).toHaveText(PACKER.email);
  await packer.screenshot({ path: 'screenshots/staff-order.png', fullPage: true });

  // The shopper's open page turns to paid on its own.
  await expect(shopper.locator('[data-test="pay-status"]')).toHaveAttribute('data-status', 'paid', { timeout: 15_000 });

  // The owner disables the packer: the packer's next request is refused.
  await owner.goto('/admin/staff');
  await owner.locator(`[data-test="account"][data-email="${PACKER.email}"] [data-test="switch-account"]`).click();
  await expect(owner.locator(`[data-test="account"][data-email="${PACKER.email}"]`)).toHaveAttribute('data-disabled', 'true');
  await packer.goto('/admin');
  await expect(packer).toHaveURL(/\/admin\/login$/);
});

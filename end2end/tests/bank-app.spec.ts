import { test, expect } from '@playwright/test';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// The built-in QPay emulator's bank-app simulator: a developer pays an invoice in the browser and the merchant is
// called back the way QPay does it (GET with qpay_payment_id appended, answered SUCCESS).
test('the bank-app simulator pays an invoice and the merchant is called back', async ({ page, request }) => {
  const received: string[] = [];
  const merchant = http.createServer((req, res) => {
    received.push(req.method + ' ' + req.url);
    res.end('SUCCESS');
  });
  await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
  const port = (merchant.address() as AddressInfo).port;

  try {
    const basic = Buffer.from('TEST_MERCHANT:123456').toString('base64');
    const token = await (await request.post('/qpay-sandbox/v2/auth/token', { headers: { Authorization: `Basic ${basic}` } })).json();
    const created = await request.post('/qpay-sandbox/v2/invoice', {
      headers: { Authorization: `Bearer ${token.access_token}` },
      data: {
        invoice_code: 'TEST_INVOICE',
        sender_invoice_no: 'E2E1',
        invoice_receiver_code: 'terminal',
        invoice_description: 'Delguur order E2E1',
        amount: 12500,
        callback_url: `http://127.0.0.1:${port}/qpay/callback/E2E1?token=abc`,
      },
    });
    expect(created.status()).toBe(200);
    const invoice = await created.json();

    await page.goto(invoice.qPay_shortUrl);
    await expect(page.getByText('12500.00₮')).toBeVisible();
    await page.getByLabel(/bank/).selectOption('320000');
    await page.getByRole('button', { name: /Pay from the bank app/ }).click();

    await expect(page.getByRole('status')).toContainText('Paid');
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]).toMatch(/^GET \/qpay\/callback\/E2E1\?token=abc&qpay_payment_id=\d{15}$/);
    await page.reload();
    await expect(page.getByText(/callback: 200 SUCCESS/)).toBeVisible();
    await page.screenshot({ path: 'screenshots/bank-app.png', fullPage: true });
  } finally {
    merchant.close();
  }
});

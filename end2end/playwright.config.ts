import { defineConfig } from '@playwright/test';

// The server under test: the debug build that `cargo leptos build` made, on a port and a database of its own.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browser on these machines.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'rm -rf target/e2e && exec target/debug/delguur',
    cwd: '..',
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      DATABASE_URL: 'sqlite://target/e2e/shop.db',
      DELGUUR_ADDR: `127.0.0.1:${port}`,
      PUBLIC_URL: baseURL,
      LEPTOS_SITE_ROOT: 'target/site',
      LEPTOS_SITE_PKG_DIR: 'pkg',
      RUST_LOG: 'warn',
      // The owner of tests/admin.spec.ts.
      ADMIN_EMAIL: 'owner@delguur.test',
      ADMIN_PASSWORD: 'e2e-owner-password',
      MEDIA_DIR: 'target/e2e/media',
      // E-barimt receipts on, as a VAT-registered shop has them (tests/ebarimt.spec.ts).
      EBARIMT: 'v3',
      EBARIMT_DISTRICT_CODE: '3505',
      EBARIMT_CLASSIFICATION_CODE: '2349010',
    },
  },
});

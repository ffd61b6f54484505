// Playwright drives Debian's Chromium (/usr/bin/chromium); its own browser download is not used.
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 8091);
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'target/e2e-results',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
    },
    headless: true,
  },
  webServer: [
    {
      command: `node e2e/serve.mjs --dir dist --port ${PORT}`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // The same build under a sub-path, with the strict Content-Security-Policy of the embed issue, and CORS
      // so that it also loads inside <iframe sandbox="allow-scripts">.
      command: `node e2e/serve.mjs --dir dist --port ${PORT + 1} --base /tools/funnel/ --cors 1 --csp "${CSP}"`,
      url: `http://127.0.0.1:${PORT + 1}/tools/funnel/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});

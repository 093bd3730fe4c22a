import { preview } from 'vite';
import { launchBrowser, newPage } from './tests/e2e/support/browser';
const server = await preview({ preview: { host: '127.0.0.1', port: 0, open: false } });
const baseUrl = server.resolvedUrls!.local[0]!;
const browser = await launchBrowser();
const page = await newPage(browser);
const errors: string[] = [];
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
page.on('pageerror', (e) => errors.push(String(e)));
await page.setViewportSize({ width: 1200, height: 900 });
await page.goto(baseUrl + (process.argv[2] ?? ''));
await page.waitForSelector('[data-testid="matrix-panel"] svg', { timeout: 120_000 }).catch((e) => errors.push(String(e)));
for (const id of ['matrix-panel', 'forest-panel', 'trend', 'distribution-panel', 'dose-panel']) {
  const el = page.locator(`[data-testid="${id}"]`);
  await el.scrollIntoViewIfNeeded();
  await page.waitForTimeout(1200);
  await el.screenshot({ path: `/tmp/p-${id}.png` });
}
await page.evaluate(() => window.scrollTo(0, 0));
await page.screenshot({ path: '/tmp/p-top.png' });
console.log(errors.join('\n'));
await browser.close(); server.httpServer.close();

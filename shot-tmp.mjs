import { chromium } from 'playwright-core';
const [, , file, prefix, width = '1280'] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 1400 } });
await page.goto('file://' + file);
const height = await page.evaluate(() => document.body.scrollHeight);
let i = 0;
for (let y = 0; y < height && i < 12; y += 1400, i++) {
  await page.screenshot({ path: `${prefix}-${i}.png`, fullPage: true, clip: { x: 0, y, width: Number(width), height: Math.min(1400, height - y) } });
}
console.log('pages', i, 'height', height);
await browser.close();

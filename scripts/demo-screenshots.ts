/**
 * Screenshots of the mock GP system for chosen residents, signed in as the GP
 * through the development SMART sign-in, in Debian Chromium. For looking at
 * what the record shows a clinician; needs `npm start` running.
 *
 *   node --import tsx scripts/demo-screenshots.ts pat-000003 pat-000004 … [--out /tmp]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string', default: '/tmp' }, origin: { type: 'string', default: 'http://127.0.0.1:8080' } },
});
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
const problems: string[] = [];
page.on('console', (message) => {
  if (message.type() === 'error') problems.push(message.text());
});
await page.goto(`${values.origin}/demo/gp/`);
await page.waitForURL(/\/auth\/authorize/);
await page.getByRole('button', { name: /GP partner/ }).click();
await page.waitForURL(`${values.origin}/demo/gp/`);
for (const patient of positionals) {
  await page.locator(`button[data-patient="${patient}"]`).click();
  await page.waitForTimeout(2_500);
  const path = join(values.out, `gp-system-${patient}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`${patient}: ${path}`);
}
if (problems.length > 0) console.log(`console errors:\n${problems.join('\n')}`);
await browser.close();

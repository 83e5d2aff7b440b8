/**
 * Screenshots of the demo pages through the development SMART sign-in, in
 * Debian Chromium; needs `npm start` running. The mock GP system for chosen
 * residents, signed in as the GP (what a clinician sees):
 *
 *   node --import tsx scripts/demo-screenshots.ts pat-000003 pat-000004 … [--out /tmp]
 *
 * or the resident portal, signed in as each resident persona (`resident`,
 * `new-resident`), at a desktop and a phone width:
 *
 *   node --import tsx scripts/demo-screenshots.ts --portal resident new-resident
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium.ts';

const USAGE = `Screenshots of the demo pages (needs \`npm start\` running):
  node --import tsx scripts/demo-screenshots.ts pat-000003 … [--out /tmp] [--origin http://127.0.0.1:8080]
  node --import tsx scripts/demo-screenshots.ts --portal resident new-resident [--out /tmp]`;
const parsed = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        out: { type: 'string', default: '/tmp' },
        origin: { type: 'string', default: 'http://127.0.0.1:8080' },
        portal: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
})();
const { values, positionals } = parsed;
if (values.help || positionals.length === 0) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
const problems: string[] = [];
page.on('console', (message) => {
  if (message.type() === 'error') problems.push(message.text());
});
if (values.portal) {
  for (const persona of positionals) {
    for (const [label, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const context = await browser.newContext({ viewport });
      const tab = await context.newPage();
      tab.on('console', (message) => {
        if (message.type() === 'error') problems.push(`${persona}: ${message.text()}`);
      });
      tab.on('pageerror', (error) => problems.push(`${persona}: ${error.message}`));
      await tab.goto(`${values.origin}/demo/resident/`);
      await tab.waitForURL(/\/auth\/authorize/);
      await tab.locator(`button[name="persona"][value="${persona}"]`).click();
      await tab.waitForURL(`${values.origin}/demo/resident/`);
      await tab.waitForTimeout(3_000);
      const path = join(values.out, `resident-portal-${persona}-${label}.png`);
      await tab.screenshot({ path, fullPage: true });
      console.log(`${persona} (${label}): ${path}`);
      if (label === 'desktop') {
        // Each part of the page on its own too, at a size that can be read.
        await tab.locator('care-patient-banner').screenshot({ path: join(values.out, `resident-portal-${persona}-banner.png`) });
        for (const section of await tab.locator('.portal-section').all()) {
          const id = await section.getAttribute('id');
          await section.screenshot({ path: join(values.out, `resident-portal-${persona}-${id}.png`) });
        }
      }
      await context.close();
    }
  }
  if (problems.length > 0) console.log(`console errors:\n${problems.join('\n')}`);
  await browser.close();
  process.exit(0);
}
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

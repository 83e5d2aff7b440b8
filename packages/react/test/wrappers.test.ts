/**
 * The generated React components at run time, in Chromium with React 19:
 * props reach the elements as properties (a view model, `headingLevel` as a
 * number, the audience), and `care-select` arrives at `onCareSelect` with its
 * detail. The page is bundled with esbuild as a host's build would.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.js';

let browser: Browser;
let script = '';

before(async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./wrappers-page.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['source'],
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'error',
  });
  script = result.outputFiles[0]?.text ?? '';
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
});
after(() => browser?.close());

test('React 19 renders the generated components: properties set, events handed to onCare… props', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.setContent('<!doctype html><html lang="en-GB"><body></body></html>');
  await page.addScriptTag({ content: script, type: 'module' });
  await page.waitForFunction(() => (document.querySelector('care-record-summary')?.shadowRoot?.querySelectorAll('h3').length ?? 0) > 0);

  const shown = await page.evaluate(() => {
    const summary = document.querySelector('care-record-summary') as HTMLElement & { headingLevel: unknown };
    const list = document.querySelector('care-medication-list') as HTMLElement & { audience: unknown; model: unknown };
    return {
      headingLevel: summary.headingLevel,
      h2: summary.shadowRoot?.querySelectorAll('h2').length ?? -1,
      audience: list.audience,
      hasModel: list.model !== undefined,
      listText: list.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '',
    };
  });
  assert.equal(shown.headingLevel, 3, 'headingLevel set as a number property');
  assert.equal(shown.h2, 0);
  assert.equal(shown.audience, 'resident');
  assert.ok(shown.hasModel, 'the model is a property, not an attribute');
  assert.match(shown.listText, /medicines/i);

  await page.locator('care-record-summary').locator('button').first().click();
  const chosen = await page.evaluate(
    () => (window as unknown as { wrapperResults: { chosen: { resourceType: string; id: string }[] } }).wrapperResults.chosen,
  );
  assert.equal(chosen.length, 1);
  assert.match(chosen[0]?.resourceType ?? '', /^[A-Z][A-Za-z]+$/);
  assert.notEqual(chosen[0]?.id ?? '', '');
  assert.deepEqual(errors, []);
  await page.close();
});

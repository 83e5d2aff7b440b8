/**
 * Time to a visible banner and summary on a cold page, and where it goes: the
 * mock GP system against a real hub on loopback in the Debian Chromium. The GP
 * signs in through the hub; the page the hub sends back to is the cold page
 * measured (a new document, its script not yet run). From its navigation:
 * the script loaded and run, the sign-in finished (token), the first byte
 * and the last byte of the record's data (requests naming the patient
 * opened: the record page's `$summary`, then the timeline's searches), and
 * the banner and summary visible (the patient's NHS number in the banner, the allergies heading in
 * the summary). Goal (issue 17): visible ≤ 300 ms after the first byte of
 * the record's data at 4× CPU throttling. Median of the runs.
 *
 *   node --conditions=source --import tsx bench/record-page-load.ts [--throttle 4] [--runs 7]
 */
import { chromium } from 'playwright-core';
import { bundleExample, serveExample } from '../examples/pages.ts';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.ts';
import { startTestHub } from '../packages/hub/test/support/test-hub.ts';

const option = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const THROTTLE = option('--throttle', 4);
const RUNS = option('--runs', 7);

const script = await bundleExample('gp-system/main.ts', { minify: true });
const testHub = await startTestHub({
  beforeListen: (hub) => {
    serveExample(hub.app, { mount: '/demo/gp/', folder: 'gp-system', stylesheet: 'gp-system.css', scriptName: 'main.js', script });
    hub.app.get('/favicon.ico', (_request, reply) => reply.code(204).send());
  },
});
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });

// Set in every document before its own script: when the banner and summary are first both on screen.
const watch = `(() => {
  const check = () => {
    const banner = document.querySelector('care-patient-banner')?.shadowRoot?.textContent ?? '';
    const summary = document.querySelector('care-record-summary')?.shadowRoot?.textContent ?? '';
    if (/NHS No/.test(banner) && /Allergies/.test(summary)) { window.visibleAt = performance.now(); return; }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

type Run = Record<string, number> & { detail?: string };
const runs: Run[] = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await page.addInitScript(watch);
    await page.goto(`${testHub.origin}/demo/gp/`);
    await page.waitForURL(/\/auth\/authorize/);
    const cdp = await context.newCDPSession(page);
    if (THROTTLE > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await page.getByRole('button', { name: /GP partner/ }).click();
    await page.waitForURL(`${testHub.origin}/demo/gp/`);
    await page.waitForFunction(() => typeof (window as { visibleAt?: number }).visibleAt === 'number', undefined, { timeout: 60_000 });
    const timings = (await page.evaluate(`(() => {
      const resources = performance.getEntriesByType('resource');
      const patient = document.querySelector('care-record-provider').patient;
      const record = resources.filter((entry) => ['/' + patient, 'patient=' + patient].some((part) => decodeURIComponent(entry.name).includes(part)));
      const token = resources.find((entry) => /\\/auth\\/token/.test(entry.name));
      const main = resources.find((entry) => /main\\.js/.test(entry.name));
      const firstByte = Math.min(...record.map((entry) => entry.responseStart));
      return {
        script: main ? main.responseEnd : NaN,
        token: token ? token.responseEnd : NaN,
        recordAsked: Math.min(...record.map((entry) => entry.startTime)),
        firstByte,
        lastByte: Math.max(...record.filter((entry) => entry.startTime < window.visibleAt).map((entry) => entry.responseEnd)),
        visible: window.visibleAt,
        requests: record.filter((entry) => entry.startTime < window.visibleAt).length,
        detail: record.map((entry) => [decodeURIComponent(entry.name.replace(/^.*\\/fhir\\//, '')).slice(0, 70), Math.round(entry.startTime), Math.round(entry.responseStart), Math.round(entry.responseEnd)].join(' ')).join('\\n'),
      };
    })()`)) as Run;
    if (process.argv.includes('--requests')) console.log(timings['detail']);
    runs.push(timings);
    await context.close();
  }
  const median = (key: string) =>
    runs.map((run) => run[key] ?? Number.NaN).sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? Number.NaN;
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log(`GP demo, cold page after sign-in, CPU ×${THROTTLE}, median of ${RUNS} runs (ms from the page's navigation)`);
  console.log(`  script loaded:                       ${ms(median('script'))}`);
  console.log(`  sign-in finished (token answered):   ${ms(median('token'))}`);
  console.log(`  record's data asked for:             ${ms(median('recordAsked'))}`);
  console.log(`  first byte of the record's data:     ${ms(median('firstByte'))}`);
  console.log(`  last byte before it is visible:      ${ms(median('lastByte'))} (${median('requests')} requests)`);
  console.log(`  banner and summary visible:          ${ms(median('visible'))}`);
  const after =
    runs.map((run) => (run['visible'] ?? NaN) - (run['firstByte'] ?? NaN)).sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? NaN;
  console.log(`  visible after the first byte:        ${ms(after)} (goal ≤ 300 ms at 4×)`);
} finally {
  await browser.close();
  await testHub.close();
}

/**
 * How `<care-results>` renders the long-history resident's results (every
 * test with its trend chart and table) in the Debian Chromium: main-thread
 * time from the element being given its view model to the results rendered,
 * styled and laid out (the work before the first paint), median of 9 runs,
 * at a desktop and a phone width.
 *
 *   node --import tsx bench/results-render.ts [--throttle 4]
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { createBorough } from '@care-record/synthetic';
import { organizationNames, resultsViewModel, type DiagnosticReport, type Observation } from '@care-record/sdk';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 9;
const throttleAt = process.argv.indexOf('--throttle');
/** CPU slowdown through the DevTools protocol (`--throttle 4`: DevTools' mid-tier laptop). */
const THROTTLE = throttleAt === -1 ? 1 : Number(process.argv[throttleAt + 1]);

const borough = createBorough({ residents: 10 });
const resident = borough.resident(1); // pat-000002, the long history
const of = <T>(type: string) => resident.resources.filter((resource) => resource.resourceType === type) as unknown as T[];
const model = resultsViewModel(
  {
    observations: of<Observation>('Observation'),
    reports: of<DiagnosticReport>('DiagnosticReport'),
    patientId: resident.patient.id ?? '',
    notices: { withheld: false, unavailableSources: [] },
    organizations: organizationNames(borough.organizations),
  },
  { audience: 'resident' },
);
const readings = model.tests.reduce((sum, test) => sum + test.readings.length, 0);

const script =
  (
    await build({
      stdin: {
        contents: `
        import '@care-record/components/results/define.js';
        const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
        window.runBench = async (model) => {
          await frame();
          const started = performance.now();
          const element = document.createElement('care-results');
          element.model = model;
          document.body.append(element);
          await element.updateComplete;
          void element.shadowRoot.querySelector('[part~="results"]').getBoundingClientRect();
          const mainThread = performance.now() - started;
          await frame();
          return { mainThread, tests: element.shadowRoot.querySelectorAll('[part~="test"]').length };
        };`,
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      write: false,
      conditions: ['source'],
      tsconfig: `${root}tsconfig.base.json`,
      logLevel: 'silent',
    })
  ).outputFiles[0]?.text ?? '';

const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
try {
  console.log(
    `<care-results>, the long-history resident: ${model.tests.length} tests, ${readings} readings; CPU ×${THROTTLE}, median of ${RUNS} runs`,
  );
  for (const [label, viewport] of [
    ['desktop 1280 px', { width: 1280, height: 800 }],
    ['phone 390 px', { width: 390, height: 844 }],
  ] as const) {
    const times: number[] = [];
    let shown = 0;
    for (let run = 0; run < RUNS; run++) {
      const tab = await browser.newPage({ viewport });
      await tab.setContent('<!doctype html><html lang="en"><body></body></html>');
      await tab.addScriptTag({ content: script, type: 'module' });
      await tab.waitForFunction(() => 'runBench' in window);
      if (THROTTLE > 1) await (await tab.context().newCDPSession(tab)).send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
      const result = await tab.evaluate(
        (input) => (window as unknown as { runBench: (model: unknown) => Promise<{ mainThread: number; tests: number }> }).runBench(input),
        JSON.parse(JSON.stringify(model)),
      );
      times.push(result.mainThread);
      shown = result.tests;
      await tab.close();
    }
    times.sort((a, b) => a - b);
    console.log(`  ${label}: ${(times[Math.floor(RUNS / 2)] ?? Number.NaN).toFixed(1)} ms to rendered and laid out (${shown} tests shown)`);
  }
} finally {
  await browser.close();
}

/**
 * How `<care-timeline>` renders a 10,000-event record in the Debian Chromium:
 * main-thread time from the data arriving to the first events laid out (the
 * element is on the page showing its loading state; its first page arrives
 * holding 10,000 events, already read into the timeline model; measured to
 * the events rendered, styled and laid out: the work before the first paint;
 * budget 16 ms), time to
 * scroll the list from the newest event to the oldest (the list's scrollTop set
 * to its end each frame until "No earlier events" shows), the most event rows
 * in the DOM at once, frames over 50 ms while scrolling, and the element's
 * bundle size (esbuild `--bundle --minify --format=esm`, with lit, gzip -9).
 *
 * It also times the same from the resources arriving, with the timeline
 * model built from them in that time (`createTimeline` + `add`): what a page
 * that has just read its first page of 10,000 events waits for.
 *
 *   node --import tsx bench/timeline-render.ts [--throttle 4]
 *
 * `--throttle 4` slows the CPU four times through the DevTools protocol
 * (`Emulation.setCPUThrottlingRate`), Chrome DevTools' "mid-tier laptop".
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const EVENTS = 10_000;
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt === -1 ? 11 : Number(process.argv[runsAt + 1]);
const throttleAt = process.argv.indexOf('--throttle');
const THROTTLE = throttleAt === -1 ? 1 : Number(process.argv[throttleAt + 1]);
if (!(THROTTLE >= 1)) throw new Error('--throttle takes a rate of 1 or more');

async function bundle(contents: string, minify: boolean): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify,
    format: 'esm',
    write: false,
    conditions: ['source'],
    tsconfig: `${root}tsconfig.base.json`,
    logLevel: 'silent',
  });
  return result.outputFiles.map((file) => file.text).join('');
}

const elementOnly = await bundle(`import './packages/components/src/timeline/define.ts';`, true);
const litOnly = await bundle(`export { LitElement, html, css } from 'lit';`, true);
const kb = (text: string) =>
  `${(text.length / 1024).toFixed(1)} KB min, ${(gzipSync(text, { level: 9 }).length / 1024).toFixed(2)} KB gzip`;

const page = await bundle(
  `
  import './packages/components/src/timeline/define.ts';
  import { createTimeline } from './packages/sdk/src/index.ts';
  const now = Date.parse('2026-11-28T09:00:00Z');
  const events = Array.from({ length: ${EVENTS} }, (_, index) => ({
    resourceType: 'Encounter', id: 'enc-' + index, status: 'finished', class: { code: 'AMB' },
    meta: { source: 'https://care-record.example/source/F83999' },
    subject: { reference: 'Patient/pat-1' }, period: { start: new Date(now - (index + 1) * 6 * 3600000).toISOString() },
    type: [{ text: 'Consultation ' + index }], reasonCode: [{ text: 'Review' }],
  }));
  // A record whose first page is still on its way: the element shows its loading state until it arrives.
  let arrive;
  const arrived = new Promise((resolve) => (arrive = resolve));
  const paged = {
    timeline: createTimeline({ patientId: 'pat-1', organizations: new Map([['F83999', 'Fleet Valley Surgery']]), audience: 'clinician', now: new Date(now) }),
    notices: { withheld: false, unavailableSources: [] },
    loadMore: () => arrived,
  };
  paged.timeline.add(events);
  const model = paged.timeline;
  paged.timeline = createTimeline({ patientId: 'pat-1', organizations: new Map(), audience: 'clinician', now: new Date(now) });
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  // From the resources arriving to the first events laid out, with the model built in that time.
  window.runWithModel = async () => {
    const element = document.createElement('care-timeline');
    const waiting = { timeline: createTimeline({ patientId: 'pat-1', organizations: new Map(), audience: 'clinician', now: new Date(now) }), notices: { withheld: false, unavailableSources: [] }, loadMore: () => new Promise(() => {}) };
    element.timeline = waiting;
    document.body.append(element);
    await element.updateComplete;
    await frame();
    globalThis.gc?.();
    await frame();
    const started = performance.now();
    const built = createTimeline({ patientId: 'pat-1', organizations: new Map([['F83999', 'Fleet Valley Surgery']]), audience: 'clinician', now: new Date(now) });
    built.add(events);
    const modelBuilt = performance.now() - started;
    element.timeline = { timeline: built, notices: { withheld: false, unavailableSources: [] }, loadMore: async () => ({ done: true }) };
    await element.updateComplete;
    void element.shadowRoot.querySelector('[part~="list"]').getBoundingClientRect();
    const mainThread = performance.now() - started;
    await frame();
    return { modelBuilt, mainThread, firstRender: performance.now() - started };
  };
  window.runBench = async () => {
    // As in a page: the element is on screen, loading, when the data arrives.
    const element = document.createElement('care-timeline');
    element.timeline = paged;
    document.body.append(element);
    await element.updateComplete;
    await frame();
    // The garbage of building the model (done page by page, long before, in a real page) is collected first.
    globalThis.gc?.();
    await frame();
    const started = performance.now();
    paged.timeline = model;
    arrive({ done: true });
    await arrived;
    await element.updateComplete;
    // Style and layout of the first events, forced here so that they are counted: main-thread work before the first paint.
    void element.shadowRoot.querySelector('[part~="list"]').getBoundingClientRect();
    const mainThread = performance.now() - started;
    await frame();
    const firstRender = performance.now() - started;
    const rows = () => element.shadowRoot.querySelectorAll('[part~="event"]').length;
    let most = rows();
    let longFrames = 0;
    let last = performance.now();
    const scrollStarted = performance.now();
    for (let round = 0; round < 5000; round++) {
      const status = element.shadowRoot.querySelector('[part~="status"]');
      if (status && status.textContent.includes('No earlier events')) break;
      const list = element.shadowRoot.querySelector('[part~="list"]');
      list.scrollTop = list.scrollHeight;
      await frame();
      const at = performance.now();
      if (at - last > 50) longFrames++;
      last = at;
      most = Math.max(most, rows());
    }
    return { mainThread, firstRender, scrollThrough: performance.now() - scrollStarted, most, longFrames };
  };
`,
  false,
);

const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...chromiumArgs, '--js-flags=--expose-gc'] });
try {
  const runs: Record<string, number>[] = [];
  const withModel: Record<string, number>[] = [];
  for (let run = 0; run < RUNS; run++) {
    for (const [name, into] of [
      ['runBench', runs],
      ['runWithModel', withModel],
    ] as const) {
      const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await tab.setContent('<!doctype html><html lang="en"><body></body></html>');
      await tab.addScriptTag({ content: page, type: 'module' });
      await tab.waitForFunction(() => 'runBench' in window);
      if (THROTTLE > 1) await (await tab.context().newCDPSession(tab)).send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
      into.push(
        await tab.evaluate(
          (bench) =>
            (window as unknown as Record<string, (() => Promise<Record<string, number>>) | undefined>)[bench]?.() ??
            Promise.reject(new Error(bench)),
          name,
        ),
      );
      await tab.close();
    }
  }
  const middle = (from: Record<string, number>[], key: string) =>
    from.map((run) => run[key] ?? Number.NaN).sort((a, b) => a - b)[Math.floor(from.length / 2)] ?? Number.NaN;
  const median = (key: string) => middle(runs, key);
  console.log(`<care-timeline>, ${EVENTS.toLocaleString('en-GB')} events, CPU ×${THROTTLE}, median of ${RUNS} runs`);
  console.log(
    `  from the resources to the first events laid out, model built in that time: ${middle(withModel, 'mainThread').toFixed(1)} ms (model ${middle(withModel, 'modelBuilt').toFixed(1)} ms; to the next frame ${middle(withModel, 'firstRender').toFixed(0)} ms)`,
  );
  console.log(`  main thread from the data to the first events laid out: ${median('mainThread').toFixed(1)} ms (budget 16 ms)`);
  console.log(`  to the next animation frame: ${median('firstRender').toFixed(0)} ms`);
  console.log(`  scroll to the oldest: ${median('scrollThrough').toFixed(0)} ms`);
  console.log(`  most rows in the DOM: ${median('most')}`);
  console.log(`  frames over 50 ms:    ${median('longFrames')}`);
  console.log(`bundle: care-timeline with lit and the SDK parts it uses: ${kb(elementOnly)}; lit alone: ${kb(litOnly)}`);
} finally {
  await browser.close();
}

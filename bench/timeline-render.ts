/**
 * How `<care-timeline>` renders a 10,000-event record in the Debian Chromium:
 * main-thread time from the data arriving to the first events laid out (the
 * element is on the page showing its loading state; its first page arrives
 * holding 10,000 events, already read into the timeline model; measured to
 * the events rendered, styled and laid out: the work before the first paint;
 * budget 16 ms), time to
 * scroll the list from the newest event to the oldest (the list's scrollTop set
 * to its end each frame until "No earlier events" shows), the most event rows
 * in the DOM at once, frames over 50 ms while scrolling, frames that showed
 * blank space on screen where events belong (checked before each scroll step,
 * as the last frame painted it), and the element's bundle size (esbuild
 * `--bundle --minify --format=esm`, with lit, gzip -9).
 *
 * It also times the same from the resources arriving, with the timeline
 * model built from them in that time (`createTimeline` + `add`): what a page
 * that has just read its first page of 10,000 events waits for.
 * And the same for a second record on the page (a patient switch): the
 * element's code, templates and fonts are then no longer new to the page,
 * which the first record's time includes; on a switch, also with the next
 * patient's model built from their resources (new objects, as parsed from
 * a response) in that time: what a GP switching patients waits for.
 *
 *   node --import tsx bench/timeline-render.ts [--throttle 4] [--runs 11] [--before ../other-checkout] [--focused] [--only switch,switch-model]
 *
 * `--only` runs some of the cases (`fresh`: a fresh page, model built
 * before, then the jump to the oldest; `fresh-model`: a fresh page, model
 * built in the time; `flick`: the steady scroll; `switch`, `switch-model`:
 * a patient switch, the model built before or in the time; `switches`: a
 * GP's day, one patient after another on one page): the first-frame
 * cases vary a lot from run to run, and comparing two builds on one of them
 * wants 25 runs or more.
 *
 * `--before DIR` runs the same page built from another checkout (with its
 * own `node_modules`), alternately with this one, and prints both.
 *
 * `--focused` puts keyboard focus on the first event before the steady
 * scroll, as a keyboard user who then scrolls with the wheel: the timeline
 * then keeps focus on an event through every update.
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
/** The steady scroll: this many frames, this many pixels a frame (a fast wheel or a flick). */
const FLICK_FRAMES = 300;
const FLICK_PX = 400;
const FOCUSED = process.argv.includes('--focused');
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt === -1 ? 11 : Number(process.argv[runsAt + 1]);
const throttleAt = process.argv.indexOf('--throttle');
const THROTTLE = throttleAt === -1 ? 1 : Number(process.argv[throttleAt + 1]);
if (!(THROTTLE >= 1)) throw new Error('--throttle takes a rate of 1 or more');
const CASES = {
  fresh: 'runBench',
  'fresh-model': 'runWithModel',
  flick: 'runFlick',
  switch: 'runSecond',
  'switch-model': 'runSecondWithModel',
  switches: 'runSwitches',
} as const;
/** `switches`: this many patient switches on one page, each from the next patient's resources. */
const SWITCHES = 12;
const onlyAt = process.argv.indexOf('--only');
const ONLY = onlyAt === -1 ? Object.keys(CASES) : (process.argv[onlyAt + 1] ?? '').split(',');
const unknown = ONLY.filter((name) => !Object.hasOwn(CASES, name));
if (unknown.length > 0 || ONLY.length === 0) throw new Error(`--only takes some of ${Object.keys(CASES).join(', ')}`);
const chosen = new Set<string>(ONLY.map((name) => CASES[name as keyof typeof CASES]));

const beforeAt = process.argv.indexOf('--before');
/** Another checkout (with its own node_modules) to run side by side: the code before a change. */
const BEFORE = beforeAt === -1 ? undefined : `${(process.argv[beforeAt + 1] ?? '').replace(/\/$/, '')}/`;

async function bundle(contents: string, minify: boolean, from = root): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: from, loader: 'ts' },
    bundle: true,
    minify,
    format: 'esm',
    write: false,
    conditions: ['source'],
    tsconfig: `${from}tsconfig.base.json`,
    logLevel: 'silent',
  });
  return result.outputFiles.map((file) => file.text).join('');
}

const elementOnly = await bundle(`import './packages/components/src/timeline/define.ts';`, true);
const litOnly = await bundle(`export { LitElement, html, css } from 'lit';`, true);
const kb = (text: string) =>
  `${(text.length / 1024).toFixed(1)} KB min, ${(gzipSync(text, { level: 9 }).length / 1024).toFixed(2)} KB gzip`;

const pageSource = `
  import './packages/components/src/timeline/define.ts';
  import { createTimeline } from './packages/sdk/src/index.ts';
  const now = Date.parse('2026-11-28T09:00:00Z');
  const events = Array.from({ length: ${EVENTS} }, (_, index) => ({
    resourceType: 'Encounter', id: 'enc-' + index, status: 'finished', class: { code: 'AMB' },
    meta: { source: 'https://care-record.example/source/F83999' },
    subject: { reference: 'Patient/pat-1' }, period: { start: new Date(now - (index + 1) * 6 * 3600000).toISOString() },
    type: [{ text: 'Consultation ' + index }], reasonCode: [{ text: 'Review' }],
  }));
  // The record's model, built in full beforehand (a view without atLeast reads everything): the runs time the element alone.
  const model = createTimeline({ patientId: 'pat-1', organizations: new Map([['F83999', 'Fleet Valley Surgery']]), audience: 'clinician', now: new Date(now) });
  model.add(events);
  model.view();
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const FLICK_FRAMES = ${FLICK_FRAMES};
  const FLICK_PX = ${FLICK_PX};
  const FOCUSED = ${FOCUSED};
  // Whether the days in the DOM cover the part of the list's box on screen, as the last frame painted it: a frame that
  // showed blank space where events are is counted, so that a step too small to keep up does not pass for a smooth one.
  const covered = (element) => {
    const box = element.shadowRoot.querySelector('[part~="list"]').getBoundingClientRect();
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, innerHeight);
    const days = element.shadowRoot.querySelectorAll('[part~="day"]');
    if (days.length === 0) return false;
    const above = element.shadowRoot.querySelector('.spacer--above')?.getBoundingClientRect().height ?? 0;
    const below = element.shadowRoot.querySelector('.spacer--below')?.getBoundingClientRect().height ?? 0;
    return (above < 1 || days[0].getBoundingClientRect().top <= top + 1) && (below < 1 || days[days.length - 1].getBoundingClientRect().bottom >= bottom - 1);
  };
  // From the resources arriving to the first events laid out, with the model built in that time: an element showing
  // its loading state for the patient, its garbage collected, then their resources arrive. A new element, or
  // \`element\` (already on the page) switching to this patient.
  const withModel = async (patientId, resources, element = document.createElement('care-timeline')) => {
    const waiting = { timeline: createTimeline({ patientId, organizations: new Map(), audience: 'clinician', now: new Date(now) }), notices: { withheld: false, unavailableSources: [] }, loadMore: () => new Promise(() => {}) };
    element.timeline = waiting;
    if (!element.isConnected) document.body.append(element);
    await element.updateComplete;
    await frame();
    globalThis.gc?.();
    await frame();
    const started = performance.now();
    const built = createTimeline({ patientId, organizations: new Map([['F83999', 'Fleet Valley Surgery']]), audience: 'clinician', now: new Date(now) });
    built.add(resources);
    const modelBuilt = performance.now() - started;
    element.timeline = { timeline: built, notices: { withheld: false, unavailableSources: [] }, loadMore: async () => ({ done: true }) };
    await element.updateComplete;
    const rendered = performance.now() - started;
    void element.shadowRoot.querySelector('[part~="list"]').getBoundingClientRect();
    const mainThread = performance.now() - started;
    await frame();
    return { modelBuilt, rendered, mainThread, firstRender: performance.now() - started };
  };
  window.runWithModel = () => withModel('pat-1', events);
  // A record whose first page is still on its way, on the page: the element shows its loading state. Its garbage (the
  // model was built page by page long before, in a real page) is collected first. Its firstPage() then brings the page
  // holding the whole model and times it to the first events rendered, styled and laid out (style and layout forced
  // so that they are counted: main-thread work before the first paint).
  const openLoading = async () => {
    let arrive;
    const arrived = new Promise((resolve) => (arrive = resolve));
    const paged = {
      timeline: createTimeline({ patientId: 'pat-1', organizations: new Map(), audience: 'clinician', now: new Date(now) }),
      notices: { withheld: false, unavailableSources: [] },
      loadMore: () => arrived,
    };
    const element = document.createElement('care-timeline');
    element.timeline = paged;
    document.body.append(element);
    await element.updateComplete;
    await frame();
    globalThis.gc?.();
    await frame();
    const firstPage = async () => {
      const started = performance.now();
      paged.timeline = model;
      arrive({ done: true });
      await arrived;
      await element.updateComplete;
      void element.shadowRoot.querySelector('[part~="list"]').getBoundingClientRect();
      return { started, mainThread: performance.now() - started };
    };
    return { element, firstPage };
  };
  window.runBench = async () => {
    const { element, firstPage } = await openLoading();
    const { started, mainThread } = await firstPage();
    await frame();
    const firstRender = performance.now() - started;
    const rows = () => element.shadowRoot.querySelectorAll('[part~="event"]').length;
    let most = rows();
    let longFrames = 0;
    let frames = 0;
    let worst = 0;
    let blank = 0;
    let last = performance.now();
    const scrollStarted = performance.now();
    for (let round = 0; round < 5000; round++) {
      const status = element.shadowRoot.querySelector('[part~="status"]');
      const list = element.shadowRoot.querySelector('[part~="list"]');
      // The end: "No earlier events" on screen at the bottom of the list.
      if (status && status.textContent.includes('No earlier events') && status.getBoundingClientRect().top < list.getBoundingClientRect().bottom) break;
      if (frames > 0 && !covered(element)) blank++;
      list.scrollTop = list.scrollHeight;
      await frame();
      const at = performance.now();
      if (at - last > 50) longFrames++;
      worst = Math.max(worst, at - last);
      frames++;
      last = at;
      most = Math.max(most, rows());
    }
    const scrollThrough = performance.now() - scrollStarted;
    return { mainThread, firstRender, scrollThrough, most, longFrames, frames, worst, blank };
  };
  // A record shown and taken away: the page has shown one before, as when a GP switches patients.
  const showOneFirst = async () => {
    const first = document.createElement('care-timeline');
    first.timeline = { timeline: model, notices: { withheld: false, unavailableSources: [] }, loadMore: async () => ({ done: true }) };
    document.body.append(first);
    await first.updateComplete;
    await frame();
    first.remove();
  };
  // A record opened on a page that has shown one before (a patient switch): the element's code, templates and fonts
  // are no longer new to the page. Times the second record the same way as runBench times the first.
  window.runSecond = async () => {
    await showOneFirst();
    const { firstPage } = await openLoading();
    const { mainThread } = await firstPage();
    return { mainThread };
  };
  // A patient switch from the next patient's resources arriving: their model built in that time, as runWithModel does
  // on a fresh page.
  window.runSecondWithModel = async () => {
    await showOneFirst();
    return withModel('pat-2', JSON.parse(JSON.stringify(events).replaceAll('pat-1', 'pat-2')));
  };
  // A GP's day: one patient after another on the same element, each from their resources (new objects, as parsed from
  // a response, before the time starts), the element showing the loading state for the next patient first, as the
  // provider does. The first switch on a page is what runSecondWithModel times; the later ones run code the page has
  // run before, which is what a GP switching patients all day waits for.
  window.runSwitches = async () => {
    const element = document.createElement('care-timeline');
    element.timeline = { timeline: model, notices: { withheld: false, unavailableSources: [] }, loadMore: async () => ({ done: true }) };
    document.body.append(element);
    await element.updateComplete;
    await frame();
    const times = [];
    for (let index = 0; index < ${SWITCHES}; index++) {
      const patientId = 'pat-s' + index;
      const resources = JSON.parse(JSON.stringify(events).replaceAll('pat-1', patientId));
      times.push((await withModel(patientId, resources, element)).mainThread);
    }
    const later = times.slice(1).sort((a, b) => a - b);
    return { first: times[0], later: later[Math.floor(later.length / 2)], worst: later.at(-1) };
  };
  // As a reader flicks through a record just opened: from the newest, a steady distance each frame (a fast wheel).
  window.runFlick = async () => {
    const element = document.createElement('care-timeline');
    const built = createTimeline({ patientId: 'pat-1', organizations: new Map([['F83999', 'Fleet Valley Surgery']]), audience: 'clinician', now: new Date(now) });
    built.add(events);
    element.timeline = { timeline: built, notices: { withheld: false, unavailableSources: [] }, loadMore: async () => ({ done: true }) };
    document.body.append(element);
    await element.updateComplete;
    await frame();
    await frame();
    const list = element.shadowRoot.querySelector('[part~="list"]');
    if (FOCUSED) element.shadowRoot.querySelector('[part~="event-button"]').focus();
    let flickLong = 0;
    let flickWorst = 0;
    let flickBlank = 0;
    let last = performance.now();
    for (let round = 0; round < FLICK_FRAMES; round++) {
      if (round > 0 && !covered(element)) flickBlank++;
      list.scrollTop += FLICK_PX;
      await frame();
      const at = performance.now();
      if (at - last > 50) flickLong++;
      flickWorst = Math.max(flickWorst, at - last);
      last = at;
    }
    return { flickLong, flickWorst, flickBlank, flickTop: list.scrollTop };
  };
`;
const versions = [{ label: 'now', page: await bundle(pageSource, false) }];
if (BEFORE) versions.push({ label: 'before', page: await bundle(pageSource, false, BEFORE) });

const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...chromiumArgs, '--js-flags=--expose-gc'] });
try {
  const results = versions.map(() => ({
    runs: [] as Record<string, number>[],
    withModel: [] as Record<string, number>[],
    flick: [] as Record<string, number>[],
    second: [] as Record<string, number>[],
    secondWithModel: [] as Record<string, number>[],
    switches: [] as Record<string, number>[],
  }));
  for (let run = 0; run < RUNS; run++) {
    // Alternately, each first in turn, so the machine's state weighs on both alike.
    const order = [...versions.entries()];
    if (run % 2 === 1) order.reverse();
    for (const [index, version] of order) {
      const into = results[index] as (typeof results)[number];
      for (const [name, list] of [
        ['runBench', into.runs],
        ['runWithModel', into.withModel],
        ['runFlick', into.flick],
        ['runSecond', into.second],
        ['runSecondWithModel', into.secondWithModel],
        ['runSwitches', into.switches],
      ] as const) {
        if (!chosen.has(name)) continue;
        const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await tab.setContent('<!doctype html><html lang="en"><body></body></html>');
        await tab.addScriptTag({ content: version.page, type: 'module' });
        await tab.waitForFunction(() => 'runBench' in window);
        if (THROTTLE > 1) await (await tab.context().newCDPSession(tab)).send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
        list.push(
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
  }
  const middle = (from: Record<string, number>[], key: string) =>
    from.map((run) => run[key] ?? Number.NaN).sort((a, b) => a - b)[Math.floor(from.length / 2)] ?? Number.NaN;
  type Result = (typeof results)[number];
  // A row of a case not run (`--only`) is left out.
  const column = (label: string, from: keyof Result, value: (result: Result) => string) => {
    if (results.every((result) => result[from].length === 0)) return;
    console.log(`  ${label.padEnd(58)} ${results.map((result) => value(result).padStart(16)).join(' ')}`);
  };
  console.log(`<care-timeline>, ${EVENTS.toLocaleString('en-GB')} events, CPU ×${THROTTLE}, median of ${RUNS} runs each`);
  console.log(`  ${''.padEnd(58)} ${versions.map((version) => version.label.padStart(16)).join(' ')}`);
  column(
    'resources → first events laid out, model built (goal 16/50)',
    'withModel',
    (r) => `${middle(r.withModel, 'mainThread').toFixed(1)} ms`,
  );
  column('  of which building the model', 'withModel', (r) => `${middle(r.withModel, 'modelBuilt').toFixed(1)} ms`);
  column('  of which up to the render (model, view, Lit)', 'withModel', (r) => `${middle(r.withModel, 'rendered').toFixed(1)} ms`);
  column('  to the next animation frame', 'withModel', (r) => `${middle(r.withModel, 'firstRender').toFixed(0)} ms`);
  column('data, model built before → first events laid out', 'runs', (r) => `${middle(r.runs, 'mainThread').toFixed(1)} ms`);
  column('  the same, a second record on the page (a patient switch)', 'second', (r) => `${middle(r.second, 'mainThread').toFixed(1)} ms`);
  column(
    'a patient switch: resources → first events laid out, model built',
    'secondWithModel',
    (r) => `${middle(r.secondWithModel, 'mainThread').toFixed(1)} ms`,
  );
  column('  of which building the model', 'secondWithModel', (r) => `${middle(r.secondWithModel, 'modelBuilt').toFixed(1)} ms`);
  column(
    '  of which up to the render (model, view, Lit)',
    'secondWithModel',
    (r) => `${middle(r.secondWithModel, 'rendered').toFixed(1)} ms`,
  );
  column(
    `${SWITCHES} switches on one page, from the resources: the first`,
    'switches',
    (r) => `${middle(r.switches, 'first').toFixed(1)} ms`,
  );
  column('  the later ones (the median of each run)', 'switches', (r) => `${middle(r.switches, 'later').toFixed(1)} ms`);
  column('  the later ones (the slowest of each run)', 'switches', (r) => `${middle(r.switches, 'worst').toFixed(1)} ms`);
  column('scroll to the oldest', 'runs', (r) => `${(middle(r.runs, 'scrollThrough') / 1000).toFixed(1)} s`);
  column(
    'frames over 50 ms while scrolling (of all frames)',
    'runs',
    (r) => `${middle(r.runs, 'longFrames')} of ${middle(r.runs, 'frames')}`,
  );
  column('longest frame while scrolling', 'runs', (r) => `${middle(r.runs, 'worst').toFixed(0)} ms`);
  column('frames that showed blank space on screen', 'runs', (r) => `${middle(r.runs, 'blank')} of ${middle(r.runs, 'frames')}`);
  column(
    `steady scroll${FOCUSED ? ' (focus on an event)' : ''}, ${FLICK_PX} px a frame for ${FLICK_FRAMES} frames: frames over 50 ms`,
    'flick',
    (r) => `${middle(r.flick, 'flickLong')} of ${FLICK_FRAMES}`,
  );
  column('  longest frame', 'flick', (r) => `${middle(r.flick, 'flickWorst').toFixed(0)} ms`);
  column('  frames that showed blank space on screen', 'flick', (r) => `${middle(r.flick, 'flickBlank')} of ${FLICK_FRAMES}`);
  column('  distance scrolled', 'flick', (r) => `${(middle(r.flick, 'flickTop') / 1000).toFixed(0)} k px`);
  column('most events in the DOM', 'runs', (r) => `${middle(r.runs, 'most')}`);
  console.log(`bundle: care-timeline with lit and the SDK parts it uses: ${kb(elementOnly)}; lit alone: ${kb(litOnly)}`);
} finally {
  await browser.close();
}

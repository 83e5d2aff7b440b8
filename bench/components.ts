/**
 * The web components' size and the timeline's windowing, measured.
 *
 * 1. Bundle size (esbuild `--bundle --minify --format=esm`, gzip -9) of what a
 *    host ships to embed the record: lit, the SDK's client and record
 *    fetcher, and the provider with the banner, summary, medication list and
 *    timeline. Budgets: 40 KB for the first screen (provider, banner, summary),
 *    48 KB for the five (`bench/bundle-budget.ts` checks them).
 * 2. `care-timeline`'s own windowing (native `content-visibility` and a moving
 *    window of days) against `@lit-labs/virtualizer` rendering the same 10,000
 *    events with the same markup: size added, main-thread time from the data
 *    to the first events laid out, and scrolling from the newest event to the
 *    oldest (frames over 50 ms). Median of 5 runs in the Debian Chromium.
 *
 *   node --import tsx bench/components.ts [--throttle 4]
 */
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.ts';
import { hostBundle } from './host-bundle.ts';

const EVENTS = 10_000;
const RUNS = 5;
const throttleAt = process.argv.indexOf('--throttle');
/** CPU slowdown through the DevTools protocol (`--throttle 4`: DevTools' mid-tier laptop). */
const THROTTLE = throttleAt === -1 ? 1 : Number(process.argv[throttleAt + 1]);

/** A host's bundle of `contents` (`bench/host-bundle.ts`: the styles squeezed as the package ships them). */
const bundle = (contents: string, minify = true): Promise<string> => hostBundle(contents, { minify });
const gzipKb = (text: string) => gzipSync(text, { level: 9 }).length / 1024;
const row = (label: string, text: string) =>
  `  ${label.padEnd(62)} ${(text.length / 1024).toFixed(1).padStart(6)} KB min ${gzipKb(text).toFixed(2).padStart(6)} KB gzip`;

// 1. What a host ships.
const CLIENT = `
  import { createHubClient } from '@care-record/sdk';
  export const client = (baseUrl, auth) => createHubClient({ baseUrl, auth });
`;
const elements = (...names: string[]) => names.map((name) => `import '@care-record/components/${name}/define.js';`).join('\n');
const FIVE = ['provider', 'patient-banner', 'record-summary', 'medication-list', 'timeline'];
const embed = await bundle(`import '@care-record/components/define.js'; ${CLIENT}`);
const coreFive = await bundle(`${elements(...FIVE)} ${CLIENT}`);
const frameworks = await bundle(`
  export * from 'lit'; export * from 'lit/decorators.js'; export * from 'lit/directives/repeat.js';
  export * from '@lit/context'; export { default as ky } from 'ky';
`);
const litOnly = await bundle(`export { LitElement, html, css, svg } from 'lit';`);
const kyOnly = await bundle(`export { default } from 'ky';`);
const timelineOnly = await bundle(`import '@care-record/components/timeline/define.js';`);
const timelineAndVirtualizer = await bundle(`
  import '@care-record/components/timeline/define.js';
  import '@lit-labs/virtualizer';
`);

console.log('Bundle size (esbuild, minified, gzip -9)');
console.log(row('lit + SDK client + provider and the four record elements', coreFive));
console.log(row('every element in @care-record/components/define.js + client', embed));
console.log(row('lit alone', litOnly));
console.log(row('ky alone', kyOnly));
console.log(row('lit, its decorators and repeat, @lit/context and ky together', frameworks));
console.log(
  `  budget for the five record elements: 48 KB gzip — ${gzipKb(coreFive) <= 48 ? 'within' : 'OVER'} (bench/bundle-budget.ts checks both budgets)`,
);
console.log('\nWhat an embed of some of the elements ships (SDK client and provider included)');
for (const shown of [['patient-banner'], ['record-summary'], ['medication-list'], ['timeline'], ['patient-banner', 'record-summary']])
  console.log(row(`provider + ${shown.join(' + ')}`, await bundle(`${elements('provider', ...shown)} ${CLIENT}`)));
console.log(
  `\n  @lit-labs/virtualizer would add ${(gzipKb(timelineAndVirtualizer) - gzipKb(timelineOnly)).toFixed(2)} KB gzip to care-timeline`,
);

// 2. Windowing, side by side.
const events = `
  import { createTimeline } from './packages/sdk/src/index.ts';
  const now = Date.parse('2026-11-28T09:00:00Z');
  export const timeline = createTimeline({ patientId: 'pat-1', organizations: new Map([['F83999', 'Fleet Valley Surgery']]), audience: 'clinician', now: new Date(now) });
  timeline.add(Array.from({ length: ${EVENTS} }, (_, index) => ({
    resourceType: 'Encounter', id: 'enc-' + index, status: 'finished', class: { code: 'AMB' },
    meta: { source: 'https://care-record.example/source/F83999' },
    subject: { reference: 'Patient/pat-1' }, period: { start: new Date(now - (index + 1) * 6 * 3600000).toISOString() },
    type: [{ text: 'Consultation ' + index }], reasonCode: [{ text: 'Review' }],
  })));
  // Read in full before either list is timed: both are given the same finished model.
  timeline.view();
  export const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
`;

/** Attach, time to laid out, then scroll to the end a frame at a time. `scroller()` is the element that scrolls. */
const runner = `
  export async function measure(element, scroller, count) {
    const started = performance.now();
    document.body.append(element);
    await element.updateComplete;
    void scroller().getBoundingClientRect();
    const mainThread = performance.now() - started;
    await frame();
    let longFrames = 0;
    let last = performance.now();
    let most = count();
    const scrollStarted = performance.now();
    for (let round = 0; round < 5000; round++) {
      const list = scroller();
      if (list.scrollTop > 0 && Math.ceil(list.scrollTop + list.clientHeight) >= list.scrollHeight && element.atEnd?.() !== false) break;
      list.scrollTop = list.scrollHeight;
      await frame();
      const at = performance.now();
      if (at - last > 50) longFrames++;
      last = at;
      most = Math.max(most, count());
    }
    return { mainThread, scrollThrough: performance.now() - scrollStarted, longFrames, most };
  }
`;

const ownPage = await bundle(
  `
  import '@care-record/components/timeline/define.js';
  ${events}
  ${runner}
  window.runBench = () => {
    const element = document.createElement('care-timeline');
    element.model = timeline;
    element.atEnd = () => (element.shadowRoot.querySelector('[part~="status"]')?.textContent ?? '').includes('No earlier events');
    return measure(element, () => element.shadowRoot.querySelector('[part~="list"]'), () => element.shadowRoot.querySelectorAll('[part~="event"]').length);
  };`,
  false,
);

const virtualizerPage = await bundle(
  `
  import { LitElement, html, css } from 'lit';
  import '@lit-labs/virtualizer';
  ${events}
  ${runner}
  // The same events and markup as care-timeline, one item per day heading or event, in a virtualizer.
  class VirtualTimeline extends LitElement {
    static styles = css\`
      :host { display: block; font-family: Arial, sans-serif; }
      lit-virtualizer { height: 40em; overflow: auto; }
      .day-heading { margin: 0; padding: 4px 8px; background: #f0f4f5; font-size: 1em; inline-size: 100%; }
      .event { display: grid; grid-template-columns: 4em 1fr; gap: 8px; padding: 8px; border-bottom: 1px solid #d8dde0; inline-size: 100%; box-sizing: border-box; }
      .event p { margin: 0; }
    \`;
    render() {
      const view = timeline.view({});
      const items = [];
      for (const day of view.days) { items.push({ heading: day.date }); for (const event of day.events) items.push(event); }
      return html\`<lit-virtualizer scroller .items=\${items} .renderItem=\${(item) => item.heading
        ? html\`<h3 class="day-heading">\${item.heading}</h3>\`
        : html\`<div class="event"><span class="time">\${item.time}</span><div>
            <p>Consultation</p><p><button type="button">\${item.title}</button></p>
            \${item.detail ? html\`<p>\${item.detail}</p>\` : ''}<p>GP, \${item.source.name}</p></div></div>\`}></lit-virtualizer>\`;
    }
  }
  customElements.define('virtual-timeline', VirtualTimeline);
  window.runBench = async () => {
    const element = document.createElement('virtual-timeline');
    return measure(element, () => element.shadowRoot.querySelector('lit-virtualizer'), () => element.shadowRoot.querySelectorAll('.event').length);
  };`,
  false,
);

const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
async function runs(script: string) {
  const results: Record<string, number>[] = [];
  for (let run = 0; run < RUNS; run++) {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await tab.setContent('<!doctype html><html lang="en"><body></body></html>');
    await tab.addScriptTag({ content: script, type: 'module' });
    await tab.waitForFunction(() => 'runBench' in window);
    if (THROTTLE > 1) await (await tab.context().newCDPSession(tab)).send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    results.push(await tab.evaluate(() => (window as unknown as { runBench: () => Promise<Record<string, number>> }).runBench()));
    await tab.close();
  }
  const median = (key: string) => results.map((result) => result[key] ?? Number.NaN).sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? NaN;
  return {
    mainThread: median('mainThread'),
    scrollThrough: median('scrollThrough'),
    longFrames: median('longFrames'),
    most: median('most'),
  };
}
try {
  const own = await runs(ownPage);
  const virtual = await runs(virtualizerPage);
  console.log(`\n${EVENTS.toLocaleString('en-GB')} events, CPU ×${THROTTLE}, median of ${RUNS} runs`);
  console.log('                                   data → laid out   scroll to oldest   frames > 50 ms   most events in DOM');
  for (const [label, result] of [
    ['care-timeline (content-visibility)', own],
    ['@lit-labs/virtualizer, same markup', virtual],
  ] as const) {
    console.log(
      `  ${label.padEnd(34)} ${`${result.mainThread.toFixed(1)} ms`.padStart(12)} ${`${result.scrollThrough.toFixed(0)} ms`.padStart(18)} ${String(result.longFrames).padStart(16)} ${String(result.most).padStart(20)}`,
    );
  }
  console.log('  budget for data → first paint: 16 ms');
} finally {
  await browser.close();
}

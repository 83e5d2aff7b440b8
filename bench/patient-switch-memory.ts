/**
 * Memory over 1,000 patient switches, and whether anything of a patient
 * survives once another is open: the mock GP system (provider, banner,
 * summary, medication list, timeline) against a real hub on loopback, in the
 * Debian Chromium, the GP signed in through the hub.
 *
 * The GP opens each of today's patients once (warming every path), comes back
 * to the first, and the heap is measured after a full garbage collection; then
 * 1,000 switches round today's patients, each waiting until the record is on
 * screen, back to the first, and the heap is measured again. Finally a heap
 * snapshot is searched for every other patient's NHS number and resource ids
 * (the synthetic ids start with the patient's id): any found is something of a
 * previous patient the page still holds.
 *
 * With `--diff`, a heap snapshot is also taken before the switches, and what
 * grew between the two is listed by kind of object (V8's constructor or
 * type name): where a growth is retained.
 *
 * `--warm N` makes N switches before the first measurement.
 *
 *   node --conditions=source --import tsx bench/patient-switch-memory.ts [--switches 1000] [--throttle 4] [--warm N] [--diff]
 */
import { chromium } from 'playwright-core';
import { formatNhsNumber } from '@care-record/sdk';
import { bundleExample, serveExample } from '../examples/pages.ts';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.ts';
import { startTestHub } from '../packages/hub/test/support/test-hub.ts';

const option = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const SWITCHES = option('--switches', 1000);
const THROTTLE = option('--throttle', 1);
const DIFF = process.argv.includes('--diff');
/** Switches before the first measurement: V8 compiles the hot code of a switch over the first few hundred. */
const WARM = option('--warm', 0);
/** How long the page is left after the record is shown, before each measurement. */
const SETTLE_MS = 2000;

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Objects in a snapshot by kind (`type:name`, the name cut short): how many, and their own size in bytes. */
function byKind(heap: HeapSnapshot): Map<string, { count: number; size: number }> {
  const fields = heap.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = heap.snapshot.meta.node_types[0];
  const kinds = new Map<string, { count: number; size: number }>();
  for (let at = 0; at < heap.nodes.length; at += width) {
    const type = types[heap.nodes[at + typeAt] as number] ?? '?';
    const name =
      type === 'string' || type === 'concatenated string' || type === 'sliced string'
        ? ''
        : (heap.strings[heap.nodes[at + nameAt] as number] ?? '').slice(0, 60);
    const key = `${type}:${name}`;
    const kind = kinds.get(key) ?? { count: 0, size: 0 };
    kind.count++;
    kind.size += heap.nodes[at + sizeAt] as number;
    kinds.set(key, kind);
  }
  return kinds;
}

const script = await bundleExample('gp-system/main.ts');
const testHub = await startTestHub({
  beforeListen: (hub) => {
    serveExample(hub.app, { mount: '/demo/gp/', folder: 'gp-system', stylesheet: 'gp-system.css', scriptName: 'main.js', script });
    hub.app.get('/favicon.ico', (_request, reply) => reply.code(204).send());
  },
});
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });

/** The patient's NHS number, as the hub holds it. */
async function nhsNumber(patientId: string): Promise<string | undefined> {
  const patient = (await testHub.hub.store.read('Patient', patientId))?.resource as
    { identifier?: { system?: string; value?: string }[] } | undefined;
  return patient?.identifier?.find((identifier) => identifier.system === 'https://fhir.nhs.uk/Id/nhs-number')?.value;
}

try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const cdp = await page.context().newCDPSession(page);
  await page.goto(`${testHub.origin}/demo/gp/`);
  await page.waitForURL(/\/auth\/authorize/);
  await page.getByRole('button', { name: /GP partner/ }).click();
  await page.waitForURL(`${testHub.origin}/demo/gp/`);
  await page.waitForSelector('button[data-patient]');
  const listed = await page.$$eval('button[data-patient]', (buttons) =>
    buttons.map((button) => ({
      id: (button as HTMLElement).dataset['patient'] ?? '',
      shared: !button.textContent?.startsWith('Record not'),
    })),
  );
  const patients: { id: string; nhs: string }[] = [];
  for (const { id, shared } of listed) {
    const nhs = shared ? await nhsNumber(id) : undefined;
    if (nhs) patients.push({ id, nhs });
  }
  if (patients.length < 3) throw new Error(`only ${patients.length} of today's patients can be opened`);
  if (THROTTLE > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });

  /** Opens a patient and waits until the banner names them and the timeline and medicines are shown. */
  // In the page as text: the bench runs through a compiler that would name its functions with a helper the page lacks.
  const openInPage = `async ({ id, shown }) => {
    const provider = document.querySelector('care-record-provider');
    if (!provider) throw new Error('no provider');
    provider.patient = id;
    const root = (tag) => document.querySelector(tag)?.shadowRoot;
    const ready = () =>
      (root('care-patient-banner')?.textContent ?? '').includes(shown) &&
      !root('care-timeline')?.querySelector('[aria-busy="true"]') &&
      (root('care-timeline')?.querySelector('[part~="event"], [part~="empty"], [part~="error"]') ?? null) !== null &&
      !root('care-medication-list')?.querySelector('[aria-busy="true"]') &&
      !root('care-record-summary')?.querySelector('[aria-busy="true"]');
    const started = performance.now();
    while (!ready()) {
      if (performance.now() - started > 30000) throw new Error(id + ' did not open');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }`;
  /** Opens a patient and waits until the banner names them and the timeline, summary and medicines are shown. */
  const open = (patient: { id: string; nhs: string }) =>
    page.evaluate(`(${openInPage})(${JSON.stringify({ id: patient.id, shown: formatNhsNumber(patient.nhs) })})`);

  const measure = async () => {
    // The record on screen keeps changing for a few frames after it is shown (the timeline fills its window, more of
    // it is read in idle time): both measurements wait for that, so they count the same page, not how far it had got.
    await page.evaluate(`new Promise((resolve) => setTimeout(resolve, ${SETTLE_MS}))`);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? Number.NaN;
    return { heap: metric('JSHeapUsedSize'), nodes: metric('Nodes'), listeners: metric('JSEventListeners') };
  };

  let chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
  const takeSnapshot = async (): Promise<HeapSnapshot> => {
    chunks = [];
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    return JSON.parse(chunks.join('')) as HeapSnapshot;
  };

  const [home] = patients as [{ id: string; nhs: string }];
  for (const patient of patients) await open(patient);
  for (let index = 0; index < WARM; index++) await open(patients[(index % (patients.length - 1)) + 1] as { id: string; nhs: string });
  await open(home);
  const before = await measure();
  const first = DIFF ? await takeSnapshot() : undefined;
  const started = Date.now();
  for (let index = 0; index < SWITCHES; index++) await open(patients[(index % (patients.length - 1)) + 1] as { id: string; nhs: string });
  const elapsed = Date.now() - started;
  await open(home);
  const afterSwitches = await measure();

  // Whatever of the other patients the page still holds, found by their NHS numbers and resource ids.
  const snapshot = await takeSnapshot();
  const others = patients.filter((patient) => patient.id !== home.id);
  const survivors = new Map<string, number>();
  for (const text of snapshot.strings) {
    for (const patient of others) {
      if (text.includes(patient.nhs) || text.includes(formatNhsNumber(patient.nhs)) || text.includes(`${patient.id}-`)) {
        survivors.set(patient.id, (survivors.get(patient.id) ?? 0) + 1);
      }
    }
  }
  const homeStrings = snapshot.strings.filter((text) => text.includes(`${home.id}-`)).length;

  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log(
    `Patient switches in the GP demo, CPU ×${THROTTLE}: ${SWITCHES} switches round ${patients.length} patients` +
      (WARM > 0 ? `, after ${WARM} to warm up` : ''),
  );
  console.log(`  time per switch (to the record on screen): ${(elapsed / SWITCHES).toFixed(0)} ms`);
  console.log(
    `  JS heap after GC, on the first patient: ${mb(before.heap)} before, ${mb(afterSwitches.heap)} after (${mb(afterSwitches.heap - before.heap)})`,
  );
  console.log(
    `  DOM nodes: ${before.nodes} before, ${afterSwitches.nodes} after; event listeners: ${before.listeners} before, ${afterSwitches.listeners} after`,
  );
  console.log(`  strings of the patient on screen in the heap snapshot: ${homeStrings} (the search finds what is there)`);
  console.log(
    `  strings of the ${others.length} other patients still in the heap: ${
      survivors.size === 0 ? 'none' : [...survivors].map(([id, count]) => `${id}: ${count}`).join(', ')
    }`,
  );
  if (first) {
    const was = byKind(first);
    const grown = [...byKind(snapshot)]
      .map(([kind, now]) => ({ kind, count: now.count - (was.get(kind)?.count ?? 0), size: now.size - (was.get(kind)?.size ?? 0) }))
      .filter((kind) => kind.size !== 0)
      .sort((a, b) => b.size - a.size);
    console.log('  grown between the snapshots (bytes, objects), largest first:');
    for (const kind of grown.slice(0, 25))
      console.log(`    ${String(kind.size).padStart(9)} ${String(kind.count).padStart(7)}  ${kind.kind}`);
  }
  if (survivors.size > 0) process.exitCode = 1;
} finally {
  await browser.close();
  await testHub.close();
}

/**
 * Every story, rendered in Chromium and checked with axe (WCAG 2.2 AA):
 * builds Storybook statically, serves storybook-static on loopback, opens each
 * story of index.json in a few tabs of one Debian Chromium, waits for it to
 * settle, and fails a story on an axe violation, an uncaught error, a console
 * error or Storybook's error screen. Each tab loads the preview once and then
 * switches story in place, as Storybook's own UI does. A story tagged `http-error` may log the
 * browser's "Failed to load resource" for the 5xx it asks for; one tagged
 * `loading` is checked as soon as it is on screen (it never stops loading).
 *
 *   node --import tsx scripts/storybook-test.ts [--no-build] [--filter text] [--screenshots dir] [--jobs n]
 *
 * Prints a line per story and `stories: N passed, N failed`; with
 * `STORYBOOK_COUNTS_FILE` set, writes `{ passed, failed }` there for `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright';
import { chromiumArgs, chromiumPath } from './chromium.ts';
import { root, storybookFile, storybookStatic } from './storybook-static.ts';

const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    filter: { type: 'string' },
    screenshots: { type: 'string' },
    jobs: { type: 'string', default: '3' },
  },
});

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** How long a story may take to stop showing `aria-busy` before it is checked as it is (loading stories never stop). */
const SETTLE_MS = 4_000;

if (!values['no-build']) {
  const started = Date.now();
  const build = spawnSync(
    join(root, 'node_modules/.bin/storybook'),
    ['build', '--config-dir', '.storybook', '--output-dir', 'storybook-static', '--quiet'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' } },
  );
  if (build.status !== 0) {
    console.log(`${build.stdout}${build.stderr}\n✘ storybook build failed`);
    report(0, 1);
  }
  console.log(`• built Storybook in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

interface IndexEntry {
  id: string;
  title: string;
  name: string;
  type: 'story' | 'docs';
  tags?: string[];
}
const index = JSON.parse(readFileSync(join(storybookStatic, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> };
const stories = Object.values(index.entries).filter(
  (entry) => entry.type === 'story' && (!values.filter || entry.id.includes(values.filter)),
);

const server = createServer((request, response) => {
  if (request.url === '/favicon.ico') {
    response.writeHead(204).end();
    return;
  }
  const file = storybookFile((request.url ?? '/').slice(1));
  if (!file) {
    if (process.env['STORYBOOK_TEST_DEBUG']) console.log(`  404 ${request.url}`);
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
if (values.screenshots) mkdirSync(values.screenshots, { recursive: true });

/** Storybook's render phase once it is done with story `id`, with the story's tags (some set at run time), else false. */
const RENDER_PHASE = (id: string) => `(() => {
  const render = window.__STORYBOOK_PREVIEW__?.currentRender;
  if (render?.id !== ${JSON.stringify(id)}) return false;
  const tags = render.story?.tags ?? [];
  if (document.body.classList.contains('sb-show-errordisplay')) return { phase: 'errored', tags };
  return ['completed', 'finished', 'aborted', 'errored'].includes(render.phase) ? { phase: render.phase, tags } : false;
})()`;

/** Shows another story in the same preview, as Storybook's own UI does, without loading the page again. */
const SHOW_STORY = (id: string) =>
  `window.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId: ${JSON.stringify(id)}, viewMode: 'story' })`;

/** True when no element, in the page or any shadow root, says it is busy. */
const NOT_BUSY = `(() => {
  const busy = (node) =>
    node.querySelector('[aria-busy="true"]') !== null ||
    [...node.querySelectorAll('*')].some((element) => element.shadowRoot !== null && busy(element.shadowRoot));
  return !busy(document);
})()`;

/** Runs axe on the story and lists its violations. */
const AXE_RUN = (tags: string[]) => `(async () => {
  const results = await window.axe.run(document.querySelector('#storybook-root') ?? document, {
    runOnly: { type: 'tag', values: ${JSON.stringify(tags)} },
    resultTypes: ['violations'],
  });
  return results.violations.map((violation) => ({
    id: violation.id,
    help: violation.help,
    targets: violation.nodes.slice(0, 3).map((node) => JSON.stringify(node.target)),
  }));
})()`;

/**
 * Lists each notice an element reads out before the heading of the part it speaks of (in any shadow root under the
 * story). What is missing from a part of the record ("Some information is not shown", "not available to your role")
 * belongs under that part's heading, where a reader moving by headings meets it. A notice's part is the nearest
 * section, article, region or group around it (else the element); its heading is the first heading of that part's own
 * (not of a part within it). A table's caption is its heading, so a notice said before a captioned table is not
 * counted, nor is a notice for a whole element that has no heading of its own before its parts.
 */
const NOTICES_BEFORE_HEADINGS = `(() => {
  const PART = 'section, article, [role="region"], [role="group"]';
  const HEADING = 'h1, h2, h3, h4, h5, h6, [role="heading"]';
  const found = [];
  const words = (node, length) => node.textContent.trim().replace(/\\s+/g, ' ').slice(0, length);
  const visit = (root) => {
    for (const element of root.querySelectorAll('*')) {
      if (!element.shadowRoot) continue;
      const shadow = element.shadowRoot;
      for (const notice of shadow.querySelectorAll('[part~="notice"]')) {
        const part = notice.parentElement?.closest(PART) ?? shadow;
        const own = [...part.querySelectorAll(HEADING)].find((heading) => (heading.parentElement?.closest(PART) ?? shadow) === part);
        if (own && !own.contains(notice) && own.compareDocumentPosition(notice) & Node.DOCUMENT_POSITION_PRECEDING)
          found.push(element.localName + ': "' + words(notice, 80) + '" before "' + words(own, 60) + '"');
      }
      visit(shadow);
    }
  };
  visit(document.querySelector('#storybook-root') ?? document);
  return found;
})()`;

interface Outcome {
  story: IndexEntry;
  problems: string[];
  milliseconds: number;
}

/** Waits for Storybook to finish the story, then for the elements to stop saying they are busy; the story's tags, or why it failed. */
async function settle(page: Page, story: IndexEntry): Promise<{ tags: string[] } | { failure: string }> {
  // Browser code goes in as text: tsx would wrap functions in helpers that do not exist in the page.
  const rendered = await page
    .waitForFunction(RENDER_PHASE(story.id), undefined, { timeout: 15_000, polling: 50 })
    .then((handle) => handle.jsonValue() as Promise<{ phase: string; tags: string[] }>)
    .catch(() => ({ phase: 'timed out', tags: [] as string[] }));
  if (rendered.phase !== 'completed' && rendered.phase !== 'finished')
    return { failure: `Storybook did not render it (${rendered.phase})` };
  // A story of the loading state stays busy: check it as soon as it is on screen.
  if (!rendered.tags.includes('loading'))
    await page.waitForFunction(NOT_BUSY, undefined, { timeout: SETTLE_MS, polling: 50 }).catch(() => undefined);
  // Let the last answers render (and windowed lists lay out) before checking.
  await page.waitForTimeout(100);
  return { tags: rendered.tags };
}

const HTTP_ERROR_LOG = /^Failed to load resource: the server responded with a status of [45]\d\d/;

/** Opens the preview once per tab; later stories are switched to in place. */
async function check(page: Page, story: IndexEntry, fresh: boolean): Promise<Outcome> {
  const started = Date.now();
  const problems: string[] = [];
  const consoleErrors: string[] = [];
  const onConsole = (message: { type(): string; text(): string }) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  };
  const onPageError = (error: Error) => problems.push(`uncaught: ${error.message.slice(0, 300)}`);
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  try {
    if (fresh) await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`, { waitUntil: 'load' });
    else await page.evaluate(SHOW_STORY(story.id));
    const settled = await settle(page, story);
    if ('failure' in settled) problems.push(settled.failure);
    else {
      if (fresh) await page.addScriptTag({ content: axeSource });
      const violations = (await page.evaluate(AXE_RUN(WCAG_TAGS))) as { id: string; help: string; targets: string[] }[];
      for (const violation of violations) problems.push(`axe ${violation.id}: ${violation.help} — ${violation.targets.join(', ')}`);
      for (const misplaced of (await page.evaluate(NOTICES_BEFORE_HEADINGS)) as string[])
        problems.push(`a notice read before its heading: ${misplaced}`);
      const allowHttpErrors = settled.tags.includes('http-error');
      for (const text of consoleErrors)
        if (!(allowHttpErrors && HTTP_ERROR_LOG.test(text))) problems.push(`console error: ${text.slice(0, 300)}`);
    }
    if (values.screenshots) await page.screenshot({ path: join(values.screenshots, `${story.id}.png`), fullPage: true });
  } catch (error) {
    problems.push(`could not open it: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onPageError);
  }
  return { story, problems, milliseconds: Date.now() - started };
}

const started = Date.now();
const queue = [...stories];
const outcomes: Outcome[] = [];
const jobs = Math.max(1, Number(values.jobs) || 3);
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    const page = await context.newPage();
    let fresh = true;
    for (let story = queue.shift(); story; story = queue.shift()) {
      const outcome = await check(page, story, fresh);
      // After a failure, start the next story on a new page so that nothing of this one lingers.
      fresh = outcome.problems.length > 0;
      outcomes.push(outcome);
      const label = `${story.title} › ${story.name}`;
      if (outcome.problems.length === 0) console.log(`  ✔ ${label} (${outcome.milliseconds} ms)`);
      else console.log(`  ✘ ${label} (${story.id})\n${outcome.problems.map((problem) => `      ${problem}`).join('\n')}`);
    }
    await page.close();
  }),
);
// The controls panel drives the element: changing `heading-level` and a `--care-*` custom property, as the panel
// does (Storybook's `updateStoryArgs`), changes what the summary shows.
const controlsStory = stories.find((story) => story.id === 'elements-record-summary--ready');
if (controlsStory) {
  const started = Date.now();
  const problems: string[] = [];
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/iframe.html?id=${controlsStory.id}&viewMode=story`, { waitUntil: 'load' });
    const settled = await settle(page, controlsStory);
    if ('failure' in settled) problems.push(settled.failure);
    await page.evaluate(`window.__STORYBOOK_ADDONS_CHANNEL__.emit('updateStoryArgs', {
      storyId: ${JSON.stringify(controlsStory.id)},
      updatedArgs: { 'heading-level': 4, '--care-summary-heading-color': 'rgb(213, 40, 27)' },
    })`);
    const shown = await page
      .waitForFunction(
        `(() => {
          const summary = document.querySelector('care-record-summary');
          const heading = summary?.shadowRoot?.querySelector('h4');
          return heading ? { level: summary.headingLevel, color: getComputedStyle(heading).color } : false;
        })()`,
        undefined,
        { timeout: 10_000 },
      )
      .then((handle) => handle.jsonValue() as Promise<{ level: number; color: string }>)
      .catch(() => undefined);
    if (!shown) problems.push('changing heading-level in the controls did not give level-4 headings');
    else if (shown.color !== 'rgb(213, 40, 27)') problems.push(`the --care-summary-heading-color control gave ${shown.color}`);
  } catch (error) {
    problems.push(`could not open it: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  await page.close();
  const outcome = { story: { ...controlsStory, name: 'controls drive the element' }, problems, milliseconds: Date.now() - started };
  outcomes.push(outcome);
  console.log(
    problems.length === 0
      ? `  ✔ Elements/Record summary › controls drive the element (${outcome.milliseconds} ms)`
      : `  ✘ Elements/Record summary › controls drive the element\n${problems.map((problem) => `      ${problem}`).join('\n')}`,
  );
} else {
  outcomes.push({
    story: { id: 'controls', title: 'Controls', name: 'missing story', type: 'story' },
    problems: ['no Record summary story'],
    milliseconds: 0,
  });
}

await browser.close();
server.close();

const failed = outcomes.filter((outcome) => outcome.problems.length > 0).length;
console.log(`• ${outcomes.length} stories in ${((Date.now() - started) / 1000).toFixed(1)} s`);
report(outcomes.length - failed, failed + (stories.length === 0 ? 1 : 0));

function report(passed: number, failures: number): never {
  console.log(`stories: ${passed} passed, ${failures} failed`);
  const countsFile = process.env['STORYBOOK_COUNTS_FILE'];
  if (countsFile) writeFileSync(countsFile, JSON.stringify({ passed, failed: failures }));
  process.exit(failures === 0 ? 0 : 1);
}

/**
 * How the timeline view model scales with the length of a record. The
 * long-history synthetic resident (index 1, about 6,300 resources) is copied
 * with fresh ids until the timeline holds about 10,000 and 50,000 events, then
 * timed (median of several runs, after a warm-up):
 *
 * - build: one `add` of everything, then the unfiltered view;
 * - paged: `add` in pages of 100 (a typical `_count`), then the view: in the
 *   generator's order, and newest first as a search sorted by `-date` pages;
 * - paged, viewing each page: what a screen re-rendering after every page of
 *   500 pays;
 * - filters: a fresh view by setting, by type, and by both.
 *
 *   node --conditions=source --import tsx bench/timeline-model.ts
 */
import { performance } from 'node:perf_hooks';

import { createBorough, LONG_HISTORY_INDEX } from '@care-record/synthetic';

import {
  createTimeline,
  isTimelineResource,
  organizationNames,
  type Timeline,
  type TimelineFilters,
  type TimelineResource,
} from '../packages/sdk/src/record/index.js';
import { compareMoments } from '../packages/sdk/src/record/clinical-moment.js';
import { createFactsReader, readTimelineFacts } from '../packages/sdk/src/record/timeline-event.js';

const NOW = '2026-11-28T09:00:00Z';
const RUNS = 7;
const borough = createBorough({ residents: LONG_HISTORY_INDEX + 1 });
const organizations = organizationNames(borough.organizations);
const record = borough.resident(LONG_HISTORY_INDEX);
const patientId = record.patient.id ?? '';
const original = record.resources.filter(isTimelineResource);
const options = { patientId, organizations, audience: 'clinician' as const, now: NOW };

function eventsOf(resources: readonly TimelineResource[]): number {
  const timeline = createTimeline(options);
  timeline.add(resources);
  return timeline.view().total;
}

/** Copies of the record with distinct ids, cut to about `events` events. */
function recordOfSize(events: number): TimelineResource[] {
  const perCopy = eventsOf(original);
  const text = JSON.stringify(original);
  const resources: TimelineResource[] = [];
  for (let copy = 0; copy * perCopy < events; copy++) {
    const renamed = text.replaceAll(`"${patientId}-`, `"${patientId}-c${copy}-`).replaceAll(`/${patientId}-`, `/${patientId}-c${copy}-`);
    resources.push(...(JSON.parse(renamed) as TimelineResource[]));
  }
  // Cut the last copy short, in proportion: close to the size asked for, and the count is measured anyway.
  const keep = Math.ceil((resources.length * events) / (Math.ceil(events / perCopy) * perCopy));
  return resources.slice(0, keep);
}

/** The resources in the order a search sorted by `-date` returns them. */
function newestFirst(resources: readonly TimelineResource[]): TimelineResource[] {
  const reader = createFactsReader(organizations);
  const dated = resources.map((resource) => ({ resource, moment: readTimelineFacts(resource, reader).moment }));
  return dated.sort((a, b) => compareMoments(b.moment, a.moment)).map(({ resource }) => resource);
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time(run: () => void): number {
  run();
  const samples: number[] = [];
  for (let index = 0; index < RUNS; index++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function built(resources: readonly TimelineResource[]): Timeline {
  const timeline = createTimeline(options);
  timeline.add(resources);
  return timeline;
}

function paged(resources: readonly TimelineResource[], pageSize: number, viewEachPage: boolean): void {
  const timeline = createTimeline(options);
  for (let start = 0; start < resources.length; start += pageSize) {
    timeline.add(resources.slice(start, start + pageSize));
    if (viewEachPage) timeline.view();
  }
  timeline.view();
}

function filtered(timeline: Timeline, filters: TimelineFilters): () => void {
  return () => {
    timeline.add([]); // a new page, even an empty one, clears the cached views
    timeline.view(filters);
  };
}

const filters: [string, TimelineFilters][] = [
  ['filter: GP only', { settings: ['gp'] }],
  ['filter: results only', { types: ['result'] }],
  ['filter: hospital results and letters', { settings: ['hospital'], types: ['result', 'letter'] }],
];

const rows: { size: string; events: number; resources: number; timings: Record<string, number> }[] = [];
for (const [label, size] of [
  ['resident 1', 0],
  ['10k', 10_000],
  ['50k', 50_000],
] as const) {
  const resources = size === 0 ? original : recordOfSize(size);
  const timeline = built(resources);
  const sortedByDate = newestFirst(resources);
  const timings: Record<string, number> = {
    build: time(() => built(resources).view()),
    'paged (100 a page)': time(() => paged(resources, 100, false)),
    'paged newest first (100 a page)': time(() => paged(sortedByDate, 100, false)),
    'paged, view every 500': time(() => paged(resources, 500, true)),
  };
  for (const [name, filter] of filters) timings[name] = time(filtered(timeline, filter));
  rows.push({ size: label, events: timeline.view().total, resources: resources.length, timings });
}

const names = Object.keys(rows[0]?.timings ?? {});
console.log(`Timeline view model, median of ${RUNS} runs (ms), Node ${process.version}`);
console.log(['', ...rows.map((row) => `${row.size} (${row.events.toLocaleString('en-GB')} events)`)].join(' | '));
for (const name of names) console.log([name, ...rows.map((row) => (row.timings[name] ?? Number.NaN).toFixed(1))].join(' | '));
const [, ten, fifty] = rows;
if (ten && fifty) {
  const ratio = (fifty.timings['build'] ?? 0) / (ten.timings['build'] ?? 1);
  console.log(`build 50k / 10k: ${ratio.toFixed(1)}x for ${(fifty.events / ten.events).toFixed(1)}x the events`);
}

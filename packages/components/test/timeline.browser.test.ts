import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import {
  createTimeline,
  type RecordNotices,
  type RecordTimeline,
  type Timeline,
  type TimelineCoverage,
  type TimelineResource,
} from '@care-record/sdk';
import '../src/timeline/define.js';
import type { CareTimeline } from '../src/index.js';
import { NOW, organizations, resident } from './support/fixtures.js';
import { $, $$, settled, text, until } from './support/dom.js';

const LONG_HISTORY = 1;
const record = resident(LONG_HISTORY);
const patientId = record.patient.id!;

function timelineOf(resources: readonly unknown[], audience: 'clinician' | 'resident' = 'clinician', id = patientId): Timeline {
  const timeline = createTimeline({ patientId: id, organizations, audience, now: NOW });
  timeline.add(resources as TimelineResource[]);
  return timeline;
}

/** `count` GP consultations, one every six hours back from the fixtures' now. */
function consultations(count: number, title = (index: number) => `Consultation ${index}`): TimelineResource[] {
  const start = Date.parse(NOW);
  return Array.from(
    { length: count },
    (_, index) =>
      ({
        resourceType: 'Encounter',
        id: `enc-${index}`,
        meta: { source: 'https://care-record.example/source/F83999' },
        status: 'finished',
        class: { code: 'AMB' },
        subject: { reference: `Patient/${patientId}` },
        period: { start: new Date(start - (index + 1) * 6 * 3600_000).toISOString() },
        type: [{ text: title(index) }],
      }) as TimelineResource,
  );
}

/** A record timeline that hands out `pages` one per `loadMore`; call `n` (from 1) waits for `hold(n)` and fails when `fail(n)`. */
function fakeRecordTimeline(pages: TimelineResource[][], notices: RecordNotices = { withheld: false, unavailableSources: [] }) {
  const timeline = createTimeline({ patientId, organizations, audience: 'clinician', now: NOW });
  const state = {
    calls: 0,
    hold: (_call: number): Promise<void> | undefined => undefined,
    fail: (_call: number): boolean => false,
  };
  let next = 0;
  const fake: RecordTimeline = {
    timeline,
    notices,
    async loadMore() {
      const call = ++state.calls;
      await state.hold(call);
      if (state.fail(call)) throw new Error('The hub did not answer');
      const page = pages[next++];
      if (page) timeline.add(page);
      return { done: next >= pages.length };
    },
  };
  return { fake, state };
}

const renderedEvents = (element: CareTimeline) => $$(element, '[part~="event"]');
const headings = (element: CareTimeline) => $$(element, '[part~="day-heading"]').map((heading) => text(heading));
const chip = (element: CareTimeline, label: string) =>
  $$(element, '[part~="chip"]').find((button) => text(button).startsWith(`${label} (`)) as HTMLButtonElement;

async function scrollToEnd(element: CareTimeline, until_: () => boolean, rounds = 200): Promise<void> {
  for (let round = 0; round < rounds && !until_(); round++) {
    const scroller = $(element, '[part~="list"]')!;
    scroller.scrollTop = scroller.scrollHeight;
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)));
    await settled(element);
  }
}

describe('care-timeline', () => {
  it('shows days newest first, each event with its time, type, title, setting and source', async function () {
    // The first test also waits for the long-history resident's 6,000 events to be built on a shared machine.
    this.timeout(10_000);
    const model = timelineOf(record.resources);
    const view = model.view();
    const element = await fixture<CareTimeline>(html`<care-timeline .model=${model}></care-timeline>`);
    await settled(element);
    const shown = headings(element);
    expect(shown.length).to.be.greaterThan(1);
    expect(shown).to.deep.equal(view.days.slice(0, shown.length).map((day) => day.date));
    expect(shown[0]).to.match(/^\d{2}-[A-Z][a-z]{2}-\d{4}$/);
    const first = view.days[0]!.events[0]!;
    const item = renderedEvents(element)[0]!;
    expect(text(item)).to.contain(first.title);
    expect(text(item)).to.contain(first.source.name);
    expect(item.querySelector('.setting')?.textContent).to.not.equal('');
    if (first.time) expect(item.querySelector('.time')?.textContent).to.equal(first.time);
    expect(first.source.name).to.not.equal('Not known');
    await expect(element).to.be.accessible();
  });

  it('marks future appointments', async () => {
    const future = {
      resourceType: 'Appointment',
      id: 'appt-1',
      status: 'booked',
      start: '2027-01-04T10:30:00Z',
      participant: [{ actor: { reference: `Patient/${patientId}` }, status: 'accepted' }],
      serviceType: [{ text: 'Diabetes review' }],
    };
    const element = await fixture<CareTimeline>(html`<care-timeline .model=${timelineOf([future, ...consultations(3)])}></care-timeline>`);
    const item = renderedEvents(element)[0]!;
    expect(text(item)).to.contain('Diabetes review');
    expect(text(item.querySelector('[part~="future"]'))).to.equal('Future');
    expect(item.querySelector('.time')?.textContent).to.equal('10:30');
  });

  it('filter chips are toggle buttons with counts that change what is listed', async () => {
    const model = timelineOf(record.resources);
    const view = model.view();
    const element = await fixture<CareTimeline>(html`<care-timeline .model=${model}></care-timeline>`);
    const gp = chip(element, 'GP');
    expect(gp.getAttribute('aria-pressed')).to.equal('false');
    expect(text(gp)).to.equal(`GP (${view.counts.settings.gp})`);
    gp.focus();
    await sendKeys({ press: 'Enter' });
    await settled(element);
    expect(chip(element, 'GP').getAttribute('aria-pressed')).to.equal('true');
    expect(renderedEvents(element).length).to.be.greaterThan(0);
    expect(renderedEvents(element).every((item) => item.querySelector('.setting')?.textContent === 'GP')).to.equal(true);
    const results = chip(element, 'Results');
    results.click();
    await settled(element);
    const expected = model.view({ settings: ['gp'], types: ['result'] }).total;
    if (expected === 0) expect(text($(element, '[part~="empty"]'))).to.contain('No events match these filters');
    else expect(renderedEvents(element).every((item) => item.querySelector('.event-type')?.textContent === 'Result')).to.equal(true);
    await expect(element).to.be.accessible();
    chip(element, 'GP').click();
    chip(element, 'Results').click();
    await settled(element);
    expect($$(element, '[aria-pressed="true"]')).to.have.length(0);
  });

  it('says its counts cover only what has loaded, and keeps every chip the rest of the record may fill', async () => {
    // Newest first: a page of consultations, then a page that holds the only admission.
    const admission = {
      resourceType: 'Encounter',
      id: 'enc-admission',
      meta: { source: 'https://care-record.example/source/RZ9' },
      status: 'finished',
      class: { code: 'IMP' },
      subject: { reference: `Patient/${patientId}` },
      period: { start: '2001-02-03T10:00:00Z' },
      type: [{ text: 'Emergency admission' }],
    } as TimelineResource;
    const { fake } = fakeRecordTimeline([consultations(5), [admission]]);
    const element = await fixture<CareTimeline>(html`<care-timeline .timeline=${fake}></care-timeline>`);
    await until(() => renderedEvents(element).length > 0);
    expect(text(chip(element, 'Consultations'))).to.equal('Consultations (5 so far)');
    expect(text(chip(element, 'Admissions'))).to.equal('Admissions (0 so far)');
    expect(text(chip(element, 'Hospital'))).to.equal('Hospital (0 so far)');
    expect(text($(element, '[part~="counts-note"]'))).to.equal(
      'Counts are of the events loaded so far. Earlier events load as you scroll.',
    );
    await expect(element).to.be.accessible();

    // Choosing the chip reads back until the admission is found.
    chip(element, 'Admissions').click();
    await until(() => renderedEvents(element).length === 1, 5000, 'the admission');
    expect(text($(element, '[part~="event-button"]'))).to.equal('Emergency admission');
    await until(() => $(element, '[part~="counts-note"]') === null, 5000, 'every page');
    expect(text(chip(element, 'Admissions'))).to.equal('Admissions (1)');
    expect(text(chip(element, 'Consultations'))).to.equal('Consultations (5)');
    expect(chip(element, 'Mental health')).to.equal(undefined);
  });

  it('gives the whole record’s count where the reader says it is exact, and the record’s size', async () => {
    const { fake } = fakeRecordTimeline([consultations(3), consultations(6).slice(3)]);
    const coverage: TimelineCoverage = {
      complete: false,
      recordTotal: 6,
      loaded: 3,
      exactTypes: new Set(['appointment']),
      possibleTypes: new Set(['consultation', 'admission']),
    };
    const element = await fixture<CareTimeline>(
      html`<care-timeline .timeline=${{ ...fake, coverage, loadMore: fake.loadMore }}></care-timeline>`,
    );
    await until(() => renderedEvents(element).length > 0);
    expect(text(chip(element, 'Consultations'))).to.equal('Consultations (3 so far)');
    expect(text(chip(element, 'Admissions'))).to.equal('Admissions (0 so far)');
    expect(chip(element, 'Letters and documents')).to.equal(undefined);
    expect(text($(element, '[part~="counts-note"]'))).to.contain('3 of the 6 items in the record');
  });

  it('says when no events match the filters, and when none are recorded', async () => {
    const model = timelineOf(consultations(5));
    const element = await fixture<CareTimeline>(html`<care-timeline .model=${model}></care-timeline>`);
    expect(chip(element, 'Hospital')).to.equal(undefined);
    element.model = timelineOf([]);
    await settled(element);
    expect(text($(element, '[part~="empty"]'))).to.equal('No events recorded');
    await expect(element).to.be.accessible();
  });

  it('moves between events with the arrow keys, Home and End, and Enter chooses one', async () => {
    const element = await fixture<CareTimeline>(html`<care-timeline .model=${timelineOf(consultations(20))}></care-timeline>`);
    const buttons = () => $$(element, '[part~="event-button"]');
    expect(buttons().filter((button) => button.tabIndex === 0)).to.have.length(1);
    buttons()[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await settled(element);
    const focused = () => element.shadowRoot!.activeElement as HTMLElement;
    expect(text(focused())).to.equal('Consultation 2');
    expect(focused().tabIndex).to.equal(0);
    await sendKeys({ press: 'ArrowUp' });
    await settled(element);
    expect(text(focused())).to.equal('Consultation 1');
    await sendKeys({ press: 'End' });
    await settled(element);
    expect(text(focused())).to.equal('Consultation 19');
    await sendKeys({ press: 'Home' });
    await settled(element);
    expect(text(focused())).to.equal('Consultation 0');
    setTimeout(() => void sendKeys({ press: 'Enter' }));
    const chosen = await oneEvent(element, 'care-select');
    expect(chosen.detail).to.deep.equal({ resourceType: 'Encounter', id: 'enc-0' });
    setTimeout(() => void sendKeys({ press: 'Space' }));
    expect((await oneEvent(element, 'care-select')).detail.id).to.equal('enc-0');
  });

  it('loads earlier events as the list is scrolled to its end, then says there are none', async function () {
    this.timeout(20_000);
    const all = consultations(300);
    const { fake, state } = fakeRecordTimeline([all.slice(0, 100), all.slice(100, 200), all.slice(200)]);
    const element = await fixture<CareTimeline>(html`<care-timeline .timeline=${fake}></care-timeline>`);
    await until(() => renderedEvents(element).length > 0, 3000, 'the first page');
    expect(state.calls).to.be.greaterThan(0);
    await scrollToEnd(element, () => text($(element, '[part~="status"]')) === 'No earlier events');
    expect(text($(element, '[part~="status"]'))).to.equal('No earlier events');
    expect(state.calls).to.equal(3);
    expect(fake.timeline.size).to.equal(300);
    await expect(element).to.be.accessible();
  });

  it('shows "Loading earlier events…" while a page loads', async function () {
    this.timeout(20_000);
    let release!: () => void;
    const all = consultations(30);
    const { fake, state } = fakeRecordTimeline([all.slice(0, 10), all.slice(10)]);
    const held = new Promise<void>((resolve) => (release = resolve));
    state.hold = (call) => (call === 2 ? held : undefined);
    const element = await fixture<CareTimeline>(html`<care-timeline .timeline=${fake}></care-timeline>`);
    await until(() => renderedEvents(element).length === 10, 3000, 'the first page');
    // However far the page itself is scrolled: the list's end comes near, and the next page is asked for.
    element.scrollIntoView({ block: 'start' });
    await scrollToEnd(element, () => state.calls === 2, 50);
    await until(() => state.calls === 2, 3000, 'loadMore');
    expect(text($(element, '[part~="status"]'))).to.equal('Loading earlier events…');
    release();
    await scrollToEnd(element, () => text($(element, '[part~="status"]')) === 'No earlier events');
    expect(text($(element, '[part~="status"]'))).to.equal('No earlier events');
  });

  it('keeps what it has when a page fails, and tries again', async function () {
    this.timeout(20_000);
    const all = consultations(40);
    const { fake, state } = fakeRecordTimeline([all.slice(0, 20), all.slice(20)]);
    state.fail = (call) => call === 2;
    const element = await fixture<CareTimeline>(html`<care-timeline .timeline=${fake}></care-timeline>`);
    await until(() => renderedEvents(element).length === 20, 3000, 'the first page');
    await scrollToEnd(element, () => $(element, '[part~="error"]') !== null);
    expect(text($(element, '[part~="error"]'))).to.contain('Earlier events could not be loaded');
    expect(renderedEvents(element)).to.have.length(20);
    await expect(element).to.be.accessible();
    $(element, '[part~="retry-button"]')!.click();
    await scrollToEnd(element, () => renderedEvents(element).length === 40);
    expect(renderedEvents(element)).to.have.length(40);
    expect($(element, '[part~="error"]')).to.equal(null);
  });

  it('shows an error with retry when the first page fails, and a loading state before', async () => {
    const { fake, state } = fakeRecordTimeline([consultations(5)]);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    state.hold = (call) => (call === 1 ? held : undefined);
    state.fail = (call) => call === 1;
    const element = await fixture<CareTimeline>(html`<care-timeline .timeline=${fake}></care-timeline>`);
    expect($(element, '[part~="timeline"]')?.getAttribute('aria-busy')).to.equal('true');
    await expect(element).to.be.accessible();
    release();
    await until(() => $(element, '[part~="error"]') !== null, 3000, 'the error');
    expect(text($(element, '[part~="error"]'))).to.contain('The timeline could not be loaded');
    await expect(element).to.be.accessible();
    $(element, '[part~="retry-button"]')!.click();
    await until(() => renderedEvents(element).length === 5, 3000, 'the retried page');
  });

  it('renders 10,000 events a window at a time, and reaches the oldest by keyboard and by scrolling', async function () {
    this.timeout(60_000);
    const model = timelineOf(consultations(10_000));
    const element = await fixture<CareTimeline>(html`<care-timeline .model=${model}></care-timeline>`);
    await settled(element);
    expect(renderedEvents(element).length).to.be.within(1, 500);
    $$(element, '[part~="event-button"]')[0]!.focus();
    await sendKeys({ press: 'End' });
    await settled(element);
    expect(text(element.shadowRoot!.activeElement)).to.equal('Consultation 9999');
    expect(renderedEvents(element).length).to.be.within(1, 500);
    await sendKeys({ press: 'ArrowUp' });
    expect(text(element.shadowRoot!.activeElement)).to.equal('Consultation 9998');
    await sendKeys({ press: 'Home' });
    await settled(element);
    expect(text(element.shadowRoot!.activeElement)).to.equal('Consultation 0');

    let most = 0;
    await scrollToEnd(
      element,
      () => {
        most = Math.max(most, renderedEvents(element).length);
        return text($(element, '[part~="status"]')) === 'No earlier events';
      },
      400,
    );
    const titles = $$(element, '[part~="event-button"]').map((button) => text(button));
    expect(titles.at(-1)).to.equal('Consultation 9999');
    expect(most).to.be.at.most(500);
  });

  for (const order of ['newest first', 'shuffled'] as const) {
    it(`a long record given whole (${order}): nothing shown out of its place while the rest is read, then exact counts`, async function () {
      this.timeout(60_000);
      const resources = consultations(3_000);
      if (order === 'shuffled')
        resources.sort((a, b) => ((a.id!.length * 7919) % 13) - ((b.id!.length * 7919) % 13) || (a.id! < b.id! ? -1 : 1));
      const complete = timelineOf(resources)
        .view()
        .days.flatMap((day) => day.events.map((event) => event.id));
      const model = timelineOf(resources);
      const element = document.createElement('care-timeline');
      element.model = model;
      // Every state the list passes through shows a run of the complete timeline, in its order.
      const wrong: string[] = [];
      const check = () => {
        const ids = renderedEvents(element).map((event) => event.dataset['id']!);
        const start = complete.indexOf(ids[0] ?? '');
        if (ids.length > 0 && (start < 0 || ids.some((id, offset) => complete[start + offset] !== id))) wrong.push(ids.slice(0, 3).join());
      };
      const observer = new MutationObserver(check);
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      container.append(element);
      await element.updateComplete;
      observer.observe(element.shadowRoot!, { childList: true, subtree: true, characterData: true });
      check();
      if (order === 'newest first') {
        // The first screenful is shown after reading about a screenful: most of the record is still to read.
        expect(model.pending).to.be.greaterThan(2_000);
        expect(renderedEvents(element).map((event) => event.dataset['id'])).to.deep.equal(
          complete.slice(0, renderedEvents(element).length),
        );
        expect(text(chip(element, 'GP'))).to.match(/so far\)$/);
      }
      await until(() => model.pending === 0, 20_000, 'the rest read in idle time');
      await settled(element);
      expect(text(chip(element, 'GP'))).to.equal('GP (3000)');
      $$(element, '[part~="event-button"]')[0]!.focus();
      await sendKeys({ press: 'End' });
      await settled(element);
      expect(text(element.shadowRoot!.activeElement)).to.equal('Consultation 2999');
      observer.disconnect();
      expect(wrong, 'runs of events out of place').to.deep.equal([]);
    });
  }

  for (const scroller of ['its own box', 'the page'] as const) {
    it(`while the reader scrolls ${scroller}, the rest of a long record is read only in a pause, then counted exactly`, async function () {
      this.timeout(60_000);
      const model = timelineOf(consultations(3_000));
      const element = document.createElement('care-timeline');
      element.model = model;
      if (scroller === 'the page') element.style.setProperty('--care-timeline-max-height', 'none');
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      container.append(element);
      await settled(element);
      expect(model.pending, 'most of the record is still to read').to.be.greaterThan(2_000);
      expect(text(chip(element, 'GP'))).to.match(/so far\)$/);
      // Reading in the background is the element's only use of `read`; the scroll reads what it comes to through
      // `view`.
      let readInBackground = 0;
      const read = model.read.bind(model);
      model.read = (milliseconds) => {
        readInBackground++;
        return read(milliseconds);
      };
      // A steady wheel up and down for about a second: those frames are the reader's. Reading the rest and showing its
      // counts (a render of the whole list) would take them on a slow machine.
      const scroll = (by: number) => (scroller === 'the page' ? window.scrollBy(0, by) : $(element, '[part~="list"]')!.scrollBy(0, by));
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      // (Counted from the first scroll event, dispatched in the frame after the first scroll.)
      scroll(150);
      await frame();
      readInBackground = 0;
      for (let round = 1; round < 60; round++) {
        scroll(round % 2 === 0 ? 150 : -150);
        await frame();
      }
      expect(readInBackground, 'reads in the background while the reader scrolled').to.equal(0);
      expect(model.pending, 'the rest is still to read').to.be.greaterThan(0);
      await until(() => model.pending === 0, 20_000, 'the rest read once the reader pauses');
      await settled(element);
      expect(text(chip(element, 'GP'))).to.equal('GP (3000)');
    });
  }

  it('End reads the rest of a long record at once and goes to its oldest event', async function () {
    this.timeout(30_000);
    const model = timelineOf(consultations(3_000));
    const element = await fixture<CareTimeline>(html`<care-timeline .model=${model}></care-timeline>`);
    expect(model.pending).to.be.greaterThan(0);
    $$(element, '[part~="event-button"]')[0]!.focus();
    await sendKeys({ press: 'End' });
    await settled(element);
    expect(model.pending).to.equal(0);
    expect(text(element.shadowRoot!.activeElement)).to.equal('Consultation 2999');
  });

  for (const paging of ['all at once', 'two searches paged in', 'observations folded later'] as const) {
    it(`End and Home in the long-history resident's 6,300 items, ${paging}: focus moves to an event, arrows keep working`, async function () {
      this.timeout(90_000);
      const model = timelineOf(record.resources);
      const events = [...model.view().days.flatMap((day) => day.events), ...model.view().undated];
      expect(events.length).to.be.greaterThan(4500);
      let element: CareTimeline;
      if (paging === 'all at once') {
        element = await fixture<CareTimeline>(html`<care-timeline .model=${model}></care-timeline>`);
      } else {
        const byKey = new Map(
          record.resources.map((resource) => [`${resource.resourceType}/${resource.id}`, resource as TimelineResource]),
        );
        const shown = new Set(events.map((event) => event.id));
        const folded = record.resources.filter((resource) => !shown.has(`${resource.resourceType}/${resource.id}`)) as TimelineResource[];
        const pagesOf = (list: TimelineResource[]) =>
          Array.from({ length: Math.ceil(list.length / 100) }, (_, page) => list.slice(page * 100, page * 100 + 100));
        const sorted = events.map((event) => byKey.get(event.id)!);
        let pages: TimelineResource[][];
        if (paging === 'two searches paged in') {
          // As the record reader pages several searches at once: each newest first, so a page of one brings days between the other's.
          const encounters = pagesOf(sorted.filter((resource) => resource.resourceType === 'Encounter'));
          const others = pagesOf(sorted.filter((resource) => resource.resourceType !== 'Encounter'));
          pages = Array.from({ length: Math.max(encounters.length, others.length) }, (_, page) => [
            ...(encounters[page] ?? []),
            ...(others[page] ?? []),
          ]);
          pages.at(-1)!.push(...folded);
        } else {
          // A report's observations arrive before the report: shown on their own, then folded into it.
          pages = pagesOf(sorted);
          pages[0]!.push(...folded);
        }
        const { fake } = fakeRecordTimeline(pages);
        element = await fixture<CareTimeline>(html`<care-timeline .timeline=${fake}></care-timeline>`);
        await until(() => renderedEvents(element).length > 0, 5000, 'the first page');
      }
      await settled(element);
      const current = () => (element.model ?? element.timeline!.timeline).view();
      const list = () => [...current().days.flatMap((day) => day.events), ...current().undated].map((event) => event.id);
      const focused = () => (element.shadowRoot!.activeElement as HTMLElement | null)?.dataset['id'];
      /** Waits until no page is loading and nothing changes for a moment. */
      const quiet = async () => {
        for (let round = 0; round < 100; round++) {
          const size = current().total;
          await new Promise((resolve) => setTimeout(resolve, 150));
          await settled(element);
          if (current().total === size && !$(element, '[aria-busy="true"]')) return;
        }
      };
      $$(element, '[part~="event-button"]')[0]!.focus();
      for (let round = 0; round < 3; round++) {
        await sendKeys({ press: 'End' });
        await quiet();
        // Compared as a flag: a failure naming an element cannot be sent back from the browser, and the run would hang.
        expect(document.activeElement === element, `focus stays in the timeline (End ${round})`).to.equal(true);
        const at = list().indexOf(focused() ?? '');
        expect(at, `End ${round} focuses an event`).to.be.greaterThan(0);
        await sendKeys({ press: 'ArrowUp' });
        await settled(element);
        expect(focused(), `ArrowUp after End ${round}`).to.equal(list()[at - 1]);
        await sendKeys({ press: 'ArrowDown' });
        await settled(element);
        expect(focused()).to.equal(list()[at]);
      }
      // Complete, End is the oldest event; paged in, the oldest loaded when it was pressed (more may load after).
      if (paging === 'all at once') expect(focused()).to.equal(list().at(-1));
      await sendKeys({ press: 'Home' });
      await settled(element);
      expect(document.activeElement === element, 'focus stays in the timeline (Home)').to.equal(true);
      expect(focused()).to.equal(events[0]!.id);
      await sendKeys({ press: 'ArrowDown' });
      await settled(element);
      expect(focused()).to.equal(events[1]!.id);
    });
  }

  it('shows free text from the record as text, never as markup', async () => {
    const payload = '<img src=x onerror=alert(1)>';
    const element = await fixture<CareTimeline>(
      html`<care-timeline .model=${timelineOf(consultations(1, () => payload))}></care-timeline>`,
    );
    expect(text($(element, '[part~="event-button"]'))).to.equal(payload);
    expect(element.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('names unavailable sources and says when information is withheld', async () => {
    const notices: RecordNotices = { withheld: true, unavailableSources: [{ odsCode: 'RZ8', name: 'Caledonian Mental Health' }] };
    const element = await fixture<CareTimeline>(
      html`<care-timeline .model=${timelineOf(consultations(3))} .notices=${notices}></care-timeline>`,
    );
    const shown = $$(element, '[part~="notice"]').map((notice) => text(notice));
    expect(shown).to.include('Some information is not shown');
    expect(shown.some((notice) => notice.includes('Caledonian Mental Health'))).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('shows an item that could not be read as one line, and the rest of the timeline', async () => {
    // Participants that are not a list: nothing says whose it is or what it was, so it cannot be read.
    const broken = {
      resourceType: 'Appointment',
      id: 'apt-broken',
      meta: { source: 'https://care-record.example/source/RZ9' },
      status: 'booked',
      start: '2026-11-01T10:00:00Z',
      participant: `Patient/${patientId}`,
    };
    const appointment = {
      resourceType: 'Appointment',
      id: 'apt-null',
      meta: { source: 'https://care-record.example/source/RZ9' },
      status: 'booked',
      serviceType: [{ text: 'Renal clinic' }],
      start: '2026-12-10T10:00:00Z',
      participant: [null, { actor: { reference: `Patient/${patientId}` }, status: 'accepted' }],
    };
    const element = await fixture<CareTimeline>(
      html`<care-timeline .model=${timelineOf([...consultations(3), broken, appointment])}></care-timeline>`,
    );
    const titles = $$(element, '[part~="event-button"]').map((button) => text(button));
    expect(titles).to.include.members(['Renal clinic', 'Consultation 0', 'Consultation 1', 'Consultation 2']);
    const unreadable = $$(element, '[part~="event-unreadable"]');
    expect(unreadable.map((event) => text(event.querySelector('[part~="event-button"]')))).to.deep.equal([
      `One item from ${organizations.get('RZ9')} could not be read`,
    ]);
    const notices = $$(element, '[part~="notice"]').map((notice) => text(notice));
    expect(notices).to.deep.equal(['One item could not be read. It is shown as a line saying so.']);
    expect(text(element)).to.not.match(/different patient|could not be loaded|Try again/);
    await expect(element).to.be.accessible();
  });

  it('speaks to residents in their own words and dates', async () => {
    const model = timelineOf(record.resources, 'resident');
    const element = await fixture<CareTimeline>(html`<care-timeline audience="resident" .model=${model}></care-timeline>`);
    expect(text($(element, '[part~="title"]'))).to.equal('Your timeline');
    expect(headings(element)[0]).to.match(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    expect(chip(element, 'GP surgery')).to.not.equal(undefined);
    await expect(element).to.be.accessible();
  });
});

describe('care-timeline: an answer that carried another patient’s events', () => {
  // Theirs are left out; what is left may not be all of this resident's, so the timeline never says there are none.
  const strays = (forms: readonly (string | undefined)[]) =>
    consultations(forms.length).map((event, index) => {
      const reference = forms[index];
      return { ...event, id: `stray-${index}`, subject: reference === undefined ? undefined : { reference } };
    });
  const forms = ['Patient/pat-999999', 'https://other.example/fhir/Patient/pat-999998', '#subject', 'Patient?identifier=x|1', undefined];
  for (const form of forms)
    it(`says some could not be shown safely, never "No events recorded" (${form ?? 'no subject'})`, async () => {
      const element = await fixture<CareTimeline>(html`<care-timeline .model=${timelineOf(strays([form]))}></care-timeline>`);
      await until(() => $(element, '[part~="empty"]') !== null);
      const said = text(element);
      expect(said).to.contain('Some items could not be shown safely');
      expect(said).not.to.match(/No events recorded|\bnone\b/i);
    });

  it('shows the resident’s own events beside the notice', async () => {
    const element = await fixture<CareTimeline>(
      html`<care-timeline .model=${timelineOf([...consultations(2), ...strays(forms)])}></care-timeline>`,
    );
    await until(() => text(element).includes('Consultation 1'));
    expect(text(element)).to.contain('Consultation 0');
    expect(text(element)).to.contain('different patient');
  });
});

describe('care-timeline on paper', () => {
  afterEach(async () => {
    await emulateMedia({ media: 'screen' });
  });

  it('prints every loaded event, says so on paper only, and goes back to its window afterwards', async function () {
    this.timeout(20_000);
    const element = await fixture<CareTimeline>(html`<care-timeline .model=${timelineOf(consultations(1000))}></care-timeline>`);
    await settled(element);
    const onScreen = renderedEvents(element).length;
    expect(onScreen).to.be.lessThan(1000);
    expect($(element, '[part~="print-note"]')).to.equal(null);

    window.dispatchEvent(new Event('beforeprint'));
    // Rendered at once, before the browser lays the page out for paper.
    expect(renderedEvents(element)).to.have.length(1000);
    expect(text($(element, '[part~="print-note"]'))).to.equal('Printed timeline: all 1000 events recorded.');
    await emulateMedia({ media: 'print' });
    const list = $(element, '[part~="list"]')!;
    expect(getComputedStyle(list).overflowY).to.equal('visible');
    expect(getComputedStyle(list).maxBlockSize).to.equal('none');
    expect(getComputedStyle($(element, '[part~="print-note"]')!).display).to.equal('block');
    await emulateMedia({ media: 'screen' });
    expect(getComputedStyle($(element, '[part~="print-note"]')!).display).to.equal('none');

    window.dispatchEvent(new Event('afterprint'));
    await settled(element);
    expect($(element, '[part~="print-note"]')).to.equal(null);
    expect(renderedEvents(element).length).to.be.at.most(400);
  });

  it('says when earlier events were not loaded, and when filters narrow what is printed', async function () {
    this.timeout(20_000);
    const all = consultations(30);
    const { fake, state } = fakeRecordTimeline([all.slice(0, 10), all.slice(10)]);
    // The second page is held back: the printout is made while only the first is loaded.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    state.hold = (call) => (call === 2 ? held : undefined);
    const element = await fixture<CareTimeline>(html`<care-timeline .timeline=${fake}></care-timeline>`);
    await until(() => renderedEvents(element).length === 10, 3000, 'the first page');
    // Printed before the rest is loaded: the note names how far back the printout goes.
    window.dispatchEvent(new Event('beforeprint'));
    const oldest = headings(element).at(-1);
    expect(text($(element, '[part~="print-note"]'))).to.equal(
      `Printed timeline: the latest 10 events, back to ${oldest}. Any earlier events had not been loaded, so they are not printed.`,
    );
    window.dispatchEvent(new Event('afterprint'));
    release();
    // The end of the list comes into view (the chips above it may fill a small window).
    $(element, '[part~="status"]')?.scrollIntoView({ block: 'end' });
    await until(() => fake.timeline.size === 30, 3000, 'the second page');
    await settled(element);
    chip(element, 'GP').click();
    await settled(element);
    window.dispatchEvent(new Event('beforeprint'));
    expect(text($(element, '[part~="print-note"]'))).to.contain(
      'Only events matching the chosen care settings and event types are printed.',
    );
    window.dispatchEvent(new Event('afterprint'));
  });
});

describe('care-timeline: what the resident added', () => {
  const homeReading = {
    resourceType: 'Observation',
    id: 'home-weight',
    status: 'final',
    meta: { source: 'https://care-record.example/source/resident' },
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
    code: { text: 'Weight (home reading)' },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: '2026-11-21T09:13:00Z',
    valueQuantity: { value: 93.9, unit: 'kg' },
  };

  for (const [audience, said, notSaid] of [
    ['resident', 'Added by you', 'Added by you, You'],
    ['clinician', 'Resident, Final', 'Resident (self-reported)'],
  ] as const) {
    it(`says who added it once, for a ${audience}`, async () => {
      const element = await fixture<CareTimeline>(
        html`<care-timeline .model=${timelineOf([homeReading], audience)} audience=${audience}></care-timeline>`,
      );
      await settled(element);
      const line = text($(element, '[part~="event"] .secondary'));
      expect(line).to.equal(said);
      expect(line).not.to.contain(notSaid);
      await expect(element).to.be.accessible();
    });
  }
});

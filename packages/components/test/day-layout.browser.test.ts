/**
 * Where the timeline's days are (`DayLayout`): days rendered and measured
 * take their height, the rest an estimate from the first days measured, and
 * a day keeps its height through a new layout only while it shows the same
 * events.
 */
import { expect } from '@open-wc/testing';
import { DayLayout, type LayoutDay } from '../src/timeline/day-layout.js';

const day = (key: string, events: number): LayoutDay => ({ key, events: { length: events } });

/** A day as rendered: a heading of `heading` px above `events` events of `event` px each. */
function rendered(heading: number, events: number, event: number): HTMLElement {
  const element = document.createElement('li');
  element.style.display = 'block';
  const title = document.createElement('h3');
  title.style.cssText = `margin: 0; height: ${heading}px`;
  const list = document.createElement('ol');
  list.className = 'events';
  list.style.cssText = 'margin: 0; padding: 0';
  for (let index = 0; index < events; index++) {
    const item = document.createElement('li');
    item.style.cssText = `display: block; height: ${event}px`;
    list.append(item);
  }
  element.append(title, list);
  document.body.append(element);
  return element;
}

describe('DayLayout: where each day of the timeline is', () => {
  afterEach(() => document.body.replaceChildren());

  it('estimates every day alike before any is measured', () => {
    const layout = new DayLayout();
    layout.layOut([day('2026-12-05', 1), day('2026-12-04', 9), day('2026-12-03', 3)]);
    expect([0, 1, 2, 3].map((index) => layout.top(index))).to.deep.equal([0, 150, 300, 450]);
    expect(layout.dayAt(200)).to.equal(1);
  });

  it('measures a day, and estimates the rest from its heading and its events', () => {
    const layout = new DayLayout();
    const days = [day('2026-12-05', 2), day('2026-12-04', 5), day('2026-12-03', 1)];
    layout.layOut(days);
    layout.measure(0, days[0] as LayoutDay, rendered(20, 2, 30));
    // Day 0 is 80 px; the others are 20 px of heading and 30 px an event.
    expect(layout.top(1)).to.equal(80);
    expect(layout.top(2)).to.equal(80 + 20 + 5 * 30);
    expect(layout.top(3)).to.equal(80 + 170 + 20 + 30);
  });

  it('keeps a day’s height through a new layout while it shows the same events, and only then', () => {
    const layout = new DayLayout();
    const days = [day('2026-12-05', 2), day('2026-12-04', 3)];
    layout.layOut(days);
    layout.measure(0, days[0] as LayoutDay, rendered(20, 2, 30));
    layout.measure(1, days[1] as LayoutDay, rendered(40, 3, 30));
    // A page arrived with a day between them, and a filter left the older day one event.
    layout.layOut([day('2026-12-05', 2), day('2026-12-04b', 4), day('2026-12-04', 1)]);
    const estimate = (events: number) => (20 + 40) / 2 + events * 30;
    expect(layout.top(1)).to.equal(80);
    expect(layout.top(2)).to.equal(80 + estimate(4));
    expect(layout.top(3)).to.equal(80 + estimate(4) + estimate(1));
    // The filter off again: the day's height as measured with three events.
    layout.layOut([day('2026-12-05', 2), day('2026-12-04', 3)]);
    expect(layout.top(2)).to.equal(80 + 130);
  });

  it('settles its estimate after the first thirty days measured', () => {
    const layout = new DayLayout();
    const days = Array.from({ length: 40 }, (_, index) => day(`d${index}`, 1));
    layout.layOut(days);
    days.slice(0, 30).forEach((item, index) => layout.measure(index, item, rendered(10, 1, 30)));
    const settled = layout.top(40) - layout.top(31);
    layout.measure(30, days[30] as LayoutDay, rendered(100, 1, 300));
    expect(layout.top(40) - layout.top(31)).to.equal(settled);
    expect(layout.top(31) - layout.top(30)).to.equal(400);
  });

  it('forgets everything for another record', () => {
    const layout = new DayLayout();
    const days = [day('2026-12-05', 2)];
    layout.layOut(days);
    layout.measure(0, days[0] as LayoutDay, rendered(20, 2, 30));
    layout.clear();
    layout.layOut(days);
    expect(layout.top(1)).to.equal(150);
  });
});

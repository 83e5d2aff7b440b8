/**
 * The trend chart of one test: readings over time on straight-line scales,
 * with d3-array choosing round axis values and d3-path writing the line,
 * drawn as SVG by Lit (no canvas, no inline styles).
 * The usual range is a shaded band; each reading's shape says where it sits
 * (circle within, triangle up above, triangle down below, diamond otherwise),
 * so colour is never the only cue. A value given as a limit (`< 5`) is a bar
 * with an arrow the way the true value lies, off the line.
 *
 * The chart is drawn at the width it is shown at (one SVG unit is one CSS
 * pixel), so its text keeps its CSS size in a narrow side panel instead of
 * shrinking with the drawing.
 */
import type { ResultLimit, ResultPosition, ResultReading, ResultTest } from '@care-record/sdk';
import { nice, ticks } from 'd3-array';
import { pathRound } from 'd3-path';
import { svg, type SVGTemplateResult } from 'lit';

/** The width drawn at until the chart's real width is known. */
export const CHART_WIDTH = 560;
/** Narrower than this, the chart is drawn at this width and scaled down: the axis needs room for its dates. */
export const MIN_CHART_WIDTH = 240;
export const CHART_HEIGHT = 200;
const MARGIN = { top: 12, right: 16, bottom: 28, left: 52 };

export interface ChartPoint {
  reading: ResultReading;
  x: number;
  y: number;
}

export interface ChartGeometry {
  /** The width drawn at, in SVG units. */
  width: number;
  points: ChartPoint[];
  path: string;
  band?: { y: number; height: number };
  ticks: { y: number; label: string }[];
  /** The dates under the axis: the first and the last reading's, or one date when both fall on the same day. */
  dates: DateLabel[];
}

export interface DateLabel {
  x: number;
  label: string;
  anchor: 'start' | 'middle' | 'end';
}

/**
 * Maps `domain` onto `range` in a straight line: all a trend chart needs of a
 * scale (d3-scale's `scaleLinear` would bring colour interpolation and number
 * formatting with it, three times the size of this chart).
 */
function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): (value: number) => number {
  const factor = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * factor;
}

/** Plotted readings always have both; the fallbacks only satisfy the type. */
const instantOf = (reading: ResultReading): number => reading.instant ?? 0;
const valueOf = (reading: ResultReading): number => reading.value ?? 0;

const numberText = (value: number): string => String(Number(value.toPrecision(12)));

/** The axis text's size in CSS pixels when the element's is not known: 0.8125em of a 16 px font. */
export const AXIS_FONT_SIZE = 13;

/**
 * Where everything goes, for a test with at least two plotted readings, on a
 * chart `width` units wide whose axis text is `axisFontSize` pixels.
 */
export function chartGeometry(test: ResultTest, width = CHART_WIDTH, axisFontSize = AXIS_FONT_SIZE): ChartGeometry | undefined {
  const plotted = test.plotted;
  if (plotted.length < 2) return undefined;
  const instants = plotted.map(instantOf);
  const values = plotted.map(valueOf);
  const range = test.range;
  const bounds = [...values, ...(range?.low !== undefined ? [range.low] : []), ...(range?.high !== undefined ? [range.high] : [])];
  let min = Math.min(...bounds);
  let max = Math.max(...bounds);
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const pad = (max - min) * 0.1;
  const [domainLow, domainHigh] = nice(Math.max(min >= 0 ? 0 : -Infinity, min - pad), max + pad, 4);
  const y = linearScale([domainLow, domainHigh], [CHART_HEIGHT - MARGIN.bottom, MARGIN.top]);
  const firstInstant = Math.min(...instants);
  const lastInstant = Math.max(...instants);
  const x = linearScale(firstInstant === lastInstant ? [firstInstant - 1, lastInstant + 1] : [firstInstant, lastInstant], [
    MARGIN.left + 8,
    width - MARGIN.right - 8,
  ]);
  const points = plotted.map((reading) => ({ reading, x: x(instantOf(reading)), y: y(valueOf(reading)) }));
  // The line joins measured values only: a limit (`< 5`) is not a value at 5, so the line breaks there.
  const line = pathRound(3);
  points.forEach((point, index) => {
    if (point.reading.limit) return;
    if (index > 0 && points[index - 1]?.reading.limit === undefined) line.lineTo(point.x, point.y);
    else line.moveTo(point.x, point.y);
  });
  let band: ChartGeometry['band'];
  if (range && (range.low !== undefined || range.high !== undefined)) {
    const top = y(Math.min(range.high ?? domainHigh, domainHigh));
    const bottom = y(Math.max(range.low ?? domainLow, domainLow));
    band = { y: top, height: Math.max(0, bottom - top) };
  }
  const firstPoint = points[0];
  const lastPoint = points[points.length - 1];
  if (!firstPoint || !lastPoint) return undefined;
  return {
    width,
    points,
    path: line.toString(),
    ...(band ? { band } : {}),
    ticks: ticks(domainLow, domainHigh, 4).map((value) => ({ y: y(value), label: numberText(value) })),
    dates: dateLabels(firstPoint, lastPoint, axisFontSize),
  };
}

/** Room to leave between the two dates. */
const DATE_GAP = 12;
/** A generous width for a date in the axis font: 0.6em a character (Arial's letters and digits are narrower). */
const textWidth = (label: string, fontSize: number): number => label.length * fontSize * 0.6;

/** The month and year of a date as the formats write it: `2 January 2024` → `Jan 2024`, `02-Jan-2024` → `Jan-2024`. */
export function monthOfDate(label: string): string {
  const match = /^\d{1,2}([ -])([A-Z][a-z]{2})[a-z]*[ -](\d{4})$/.exec(label);
  return match ? `${match[2]}${match[1]}${match[3]}` : label;
}

/**
 * The first reading's date from the left end of the line, the last one's up
 * to its right end. Readings on one day would give the same date twice — at
 * the same point, running into each other, when they share a time too — so
 * then the date is given once, centred under them. On a chart too narrow for
 * both dates in full, they are given as month and year; too narrow even for
 * that, the latest date alone (every reading's date is in the table).
 */
function dateLabels(first: ChartPoint, last: ChartPoint, fontSize: number): DateLabel[] {
  if (first.reading.date === last.reading.date) return [{ x: (first.x + last.x) / 2, label: first.reading.date, anchor: 'middle' }];
  const fits = (from: string, to: string) => first.x + textWidth(from, fontSize) + DATE_GAP <= last.x - textWidth(to, fontSize);
  const pair = (from: string, to: string): DateLabel[] => [
    { x: first.x, label: from, anchor: 'start' },
    { x: last.x, label: to, anchor: 'end' },
  ];
  if (fits(first.reading.date, last.reading.date)) return pair(first.reading.date, last.reading.date);
  const from = monthOfDate(first.reading.date);
  const to = monthOfDate(last.reading.date);
  if (from !== to && fits(from, to)) return pair(from, to);
  return [{ x: last.x, label: last.reading.date, anchor: 'end' }];
}

/** The mark for a position: a shape, centred on 0,0. */
export function markPath(position: ResultPosition, size = 6): string {
  switch (position) {
    case 'within':
      return `M ${-size} 0 A ${size} ${size} 0 1 0 ${size} 0 A ${size} ${size} 0 1 0 ${-size} 0 Z`;
    case 'above':
      return `M 0 ${-size * 1.2} L ${size * 1.1} ${size * 0.8} L ${-size * 1.1} ${size * 0.8} Z`;
    case 'below':
      return `M 0 ${size * 1.2} L ${size * 1.1} ${-size * 0.8} L ${-size * 1.1} ${-size * 0.8} Z`;
    default:
      return `M 0 ${-size * 1.2} L ${size * 1.2} 0 L 0 ${size * 1.2} L ${-size * 1.2} 0 Z`;
  }
}

/**
 * The mark for a limit: a bar at the limit with an arrow pointing the way the
 * true value lies (down for `<`, up for `>`), centred on 0,0, so a limit never
 * looks like a value measured there. Absolute coordinates from `x`, `y`.
 */
export function limitPathAt(limit: ResultLimit, x = 0, y = 0, size = 6): string {
  const k = size / 6;
  const sign = limit === 'upper' ? 1 : -1;
  const at = (value: number) => String(Math.round(value * 10) / 10);
  const outline: [number, number][] = [
    [-7, -2],
    [7, -2],
    [7, 1],
    [1.5, 1],
    [1.5, 5],
    [5, 5],
    [0, 11],
    [-5, 5],
    [-1.5, 5],
    [-1.5, 1],
    [-7, 1],
  ];
  return `${outline.map(([dx, dy], index) => `${index === 0 ? 'M' : 'L'}${at(x + dx * k)} ${at(y + sign * dy * k)}`).join('')}z`;
}

/** The mark of a reading: its position's shape, or a limit's. */
export const readingMarkPath = (reading: ResultReading, position: ResultPosition): string =>
  reading.limit ? limitPathAt(reading.limit) : markPath(position);

/**
 * The marks of many readings as one path: each reading's shape (as
 * `markPath`) at its place, to a tenth of a unit. A chart with more readings
 * than its width can tell apart draws them like this, with no element each.
 */
export function markPathsAt(
  position: ResultPosition,
  points: readonly { x: number; y: number; reading?: ResultReading }[],
  size = 4,
): string {
  const at = (value: number) => String(Math.round(value * 10) / 10);
  return points
    .map(({ x, y, reading }) => {
      if (reading?.limit) return limitPathAt(reading.limit, x, y, size);
      switch (position) {
        case 'within':
          return `M${at(x - size)} ${at(y)}a${size} ${size} 0 1 0 ${size * 2} 0a${size} ${size} 0 1 0 ${-size * 2} 0z`;
        case 'above':
          return `M${at(x)} ${at(y - size * 1.2)}L${at(x + size * 1.1)} ${at(y + size * 0.8)}L${at(x - size * 1.1)} ${at(y + size * 0.8)}z`;
        case 'below':
          return `M${at(x)} ${at(y + size * 1.2)}L${at(x + size * 1.1)} ${at(y - size * 0.8)}L${at(x - size * 1.1)} ${at(y - size * 0.8)}z`;
        default:
          return `M${at(x)} ${at(y - size * 1.2)}L${at(x + size * 1.2)} ${at(y)}L${at(x)} ${at(y + size * 1.2)}L${at(x - size * 1.2)} ${at(y)}z`;
      }
    })
    .join('');
}

/** A small mark for the legend, in its own SVG. */
export function legendMark(position: ResultPosition): SVGTemplateResult {
  return svg`<path class="mark mark--${position}" d=${markPath(position, 5)} transform="translate(8 8)"></path>`;
}

/** A limit's mark for the legend, in the colour of no position. */
export function legendLimitMark(limit: ResultLimit): SVGTemplateResult {
  return svg`<path class="mark mark--limit" d=${limitPathAt(limit, 8, limit === 'upper' ? 3 : 13, 5)}></path>`;
}

/** The axes, the band and the line: everything but the points, which the element renders to handle focus. */
export function chartFrame(geometry: ChartGeometry): SVGTemplateResult {
  return svg`
    ${geometry.band ? svg`<rect class="band" x=${MARGIN.left} y=${geometry.band.y} width=${geometry.width - MARGIN.left - MARGIN.right} height=${geometry.band.height}></rect>` : null}
    ${geometry.ticks.map(
      (tick) => svg`<line class="grid" x1=${MARGIN.left} x2=${geometry.width - MARGIN.right} y1=${tick.y} y2=${tick.y}></line>
        <text class="tick" x=${MARGIN.left - 6} y=${tick.y} dy="0.32em" text-anchor="end">${tick.label}</text>`,
    )}
    <line class="axis" x1=${MARGIN.left} x2=${geometry.width - MARGIN.right} y1=${CHART_HEIGHT - MARGIN.bottom} y2=${CHART_HEIGHT - MARGIN.bottom}></line>
    ${geometry.dates.map(
      (date) => svg`<text class="tick date" x=${date.x} y=${CHART_HEIGHT - 8} text-anchor=${date.anchor}>${date.label}</text>`,
    )}
    <path class="line" d=${geometry.path}></path>`;
}

/**
 * The trend chart of one test: readings over time on scales from d3-scale,
 * the line from d3-shape, drawn as SVG by Lit (no canvas, no inline styles).
 * The usual range is a shaded band; each reading's shape says where it sits
 * (circle within, triangle up above, triangle down below, diamond otherwise),
 * so colour is never the only cue.
 */
import type { ResultPosition, ResultReading, ResultTest } from '@care-record/sdk';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { svg, type SVGTemplateResult } from 'lit';

export const CHART_WIDTH = 560;
export const CHART_HEIGHT = 200;
const MARGIN = { top: 12, right: 16, bottom: 28, left: 52 };

export interface ChartPoint {
  reading: ResultReading;
  x: number;
  y: number;
}

export interface ChartGeometry {
  points: ChartPoint[];
  path: string;
  band?: { y: number; height: number };
  ticks: { y: number; label: string }[];
  first: { x: number; label: string };
  last: { x: number; label: string };
}

/** Plotted readings always have both; the fallbacks only satisfy the type. */
const instantOf = (reading: ResultReading): number => reading.instant ?? 0;
const valueOf = (reading: ResultReading): number => reading.value ?? 0;

const numberText = (value: number): string => String(Number(value.toPrecision(12)));

/** Where everything goes, for a test with at least two plotted readings. */
export function chartGeometry(test: ResultTest): ChartGeometry | undefined {
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
  const y = scaleLinear()
    .domain([Math.max(min >= 0 ? 0 : -Infinity, min - pad), max + pad])
    .range([CHART_HEIGHT - MARGIN.bottom, MARGIN.top])
    .nice(4);
  const firstInstant = Math.min(...instants);
  const lastInstant = Math.max(...instants);
  const x = scaleLinear()
    .domain(firstInstant === lastInstant ? [firstInstant - 1, lastInstant + 1] : [firstInstant, lastInstant])
    .range([MARGIN.left + 8, CHART_WIDTH - MARGIN.right - 8]);
  const points = plotted.map((reading) => ({ reading, x: x(instantOf(reading)), y: y(valueOf(reading)) }));
  const path =
    line<ChartPoint>()
      .x((point) => point.x)
      .y((point) => point.y)(points) ?? '';
  const [domainLow, domainHigh] = y.domain() as [number, number];
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
    points,
    path,
    ...(band ? { band } : {}),
    ticks: y.ticks(4).map((value) => ({ y: y(value), label: numberText(value) })),
    first: { x: firstPoint.x, label: firstPoint.reading.date },
    last: { x: lastPoint.x, label: lastPoint.reading.date },
  };
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

/** A small mark for the legend, in its own SVG. */
export function legendMark(position: ResultPosition): SVGTemplateResult {
  return svg`<path class="mark mark--${position}" d=${markPath(position, 5)} transform="translate(8 8)"></path>`;
}

/** The axes, the band and the line: everything but the points, which the element renders to handle focus. */
export function chartFrame(geometry: ChartGeometry): SVGTemplateResult {
  return svg`
    ${geometry.band ? svg`<rect class="band" x=${MARGIN.left} y=${geometry.band.y} width=${CHART_WIDTH - MARGIN.left - MARGIN.right} height=${geometry.band.height}></rect>` : null}
    ${geometry.ticks.map(
      (tick) => svg`<line class="grid" x1=${MARGIN.left} x2=${CHART_WIDTH - MARGIN.right} y1=${tick.y} y2=${tick.y}></line>
        <text class="tick" x=${MARGIN.left - 6} y=${tick.y} dy="0.32em" text-anchor="end">${tick.label}</text>`,
    )}
    <line class="axis" x1=${MARGIN.left} x2=${CHART_WIDTH - MARGIN.right} y1=${CHART_HEIGHT - MARGIN.bottom} y2=${CHART_HEIGHT - MARGIN.bottom}></line>
    <text class="tick" x=${geometry.first.x} y=${CHART_HEIGHT - 8} text-anchor="start">${geometry.first.label}</text>
    <text class="tick" x=${geometry.last.x} y=${CHART_HEIGHT - 8} text-anchor="end">${geometry.last.label}</text>
    <path class="line" d=${geometry.path}></path>`;
}

/**
 * Fault injection, off unless the hub is started with `--faults`: so that
 * clients can be tested against the failures a real hub has. Written as a
 * comma-separated list, e.g.
 *   --faults latency=300,5xx=0.1,429=0.05,reset=0.02,malformed=0.01,unavailable=F83003+RAL01
 * latency     milliseconds added to every FHIR response
 * 5xx         share of requests answered 503 (with Retry-After: 1) or 500
 * 429         share of requests answered 429 Too Many Requests (Retry-After: 1)
 * reset       share of requests whose connection is dropped without an answer
 * malformed   share of answers whose body is cut short (not valid JSON)
 * lost        share of requests that the hub carries out (a create is stored)
 *             but whose answer never arrives: the connection drops after the
 *             work is done, so only an idempotent retry avoids a duplicate
 * unavailable source organisations (ODS codes, joined by +) whose records are
 *             missing from every answer, which then names them as unavailable
 * seed        makes the sequence of faults repeatable (tests)
 */
export interface FaultOptions {
  latencyMs: number;
  serverErrorRate: number;
  throttleRate: number;
  resetRate: number;
  malformedRate: number;
  lostAnswerRate: number;
  unavailableSources: string[];
  /** Draws a number in [0, 1) per request; seeded when the faults name a seed. */
  random: () => number;
}

export const noFaults: FaultOptions = {
  latencyMs: 0,
  serverErrorRate: 0,
  throttleRate: 0,
  resetRate: 0,
  malformedRate: 0,
  lostAnswerRate: 0,
  unavailableSources: [],
  random: Math.random,
};

/** A small seeded generator (mulberry32), so a fault sequence can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const rates = {
  '5xx': 'serverErrorRate',
  '429': 'throttleRate',
  reset: 'resetRate',
  malformed: 'malformedRate',
  lost: 'lostAnswerRate',
} as const;

export function parseFaults(text: string): FaultOptions {
  const faults: FaultOptions = { ...noFaults, unavailableSources: [] };
  for (const part of text.split(',').filter((item) => item.trim() !== '')) {
    const [name = '', value = ''] = part.split('=').map((item) => item.trim());
    if (name === 'latency') {
      faults.latencyMs = wholeNumber(name, value);
    } else if (name === 'seed') {
      faults.random = seeded(wholeNumber(name, value));
    } else if (name === 'unavailable') {
      faults.unavailableSources = value.split('+').filter((code) => /^[A-Z0-9]{3,8}$/.test(code));
      if (faults.unavailableSources.length === 0)
        throw new Error('--faults unavailable= needs ODS codes joined by +, e.g. unavailable=F83003+RAL01');
    } else if (name in rates) {
      const rate = Number(value);
      if (!(rate >= 0 && rate <= 1)) throw new Error(`--faults ${name}= must be a share between 0 and 1, e.g. ${name}=0.1`);
      faults[rates[name as keyof typeof rates]] = rate;
    } else {
      throw new Error(`Unknown fault "${name}": use latency, 5xx, 429, reset, malformed, lost, unavailable or seed`);
    }
  }
  if (faults.serverErrorRate + faults.throttleRate + faults.resetRate + faults.malformedRate + faults.lostAnswerRate > 1) {
    throw new Error('The fault shares add up to more than 1');
  }
  return faults;
}

function wholeNumber(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`--faults ${name}= must be a whole number`);
  return Number(value);
}

export type FaultDecision = 'none' | 'server-error' | 'unavailable' | 'throttle' | 'reset' | 'malformed' | 'lost-answer';

/** Picks what happens to one request. */
export function decideFault(faults: FaultOptions): FaultDecision {
  let roll = faults.random();
  const outcomes: [number, FaultDecision][] = [
    [faults.serverErrorRate / 2, 'server-error'],
    [faults.serverErrorRate / 2, 'unavailable'],
    [faults.throttleRate, 'throttle'],
    [faults.resetRate, 'reset'],
    [faults.malformedRate, 'malformed'],
    // Last, so that adding it leaves the sequence of the other faults for a seed as it was.
    [faults.lostAnswerRate, 'lost-answer'],
  ];
  for (const [share, decision] of outcomes) {
    if (roll < share) return decision;
    roll -= share;
  }
  return 'none';
}

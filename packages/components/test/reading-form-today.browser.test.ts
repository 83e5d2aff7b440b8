/**
 * The reading form's date is today in the UK when she chooses what to share and when she sends it, not when the
 * element was made: a form left open past midnight dates a reading taken just now today. A date she typed herself is
 * kept. The clock is moved forward (by a day, by days, by weeks) before she chooses, or after she chose and before
 * she sends, with and without a date of her own.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { createHubClient } from '@care-record/sdk';
import '../src/define.js';
import type { CareReadingForm } from '../src/index.js';
import { $, settled, text } from './support/dom.js';

const DAY = 86_400_000;
const RealDate = Date;

/** The UK calendar date of an instant, `YYYY-MM-DD`. */
const ukDate = (instant: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new RealDate(instant));

/**
 * Moves the page's clock `shift` milliseconds forward (as the browser's own would, left open). The outbox is given
 * a clock that reads `Date` when it is asked, so that it moves with it, as a real clock moves everything at once.
 */
function moveClock(shift: number): void {
  class Later extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + shift);
      else super(...(args as [string]));
    }
    static override now() {
      return RealDate.now() + shift;
    }
  }
  globalThis.Date = Later as DateConstructor;
}

/** What the form sends, as it sends it: the Observation posted. */
async function sentReading(act: (element: CareReadingForm) => Promise<void>): Promise<{ sent: string; shown: string }> {
  const bodies: Record<string, unknown>[] = [];
  const capture: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.method === 'POST') bodies.push(JSON.parse(await request.clone().text()) as Record<string, unknown>);
    return fetch(input, init);
  };
  const client = createHubClient({ baseUrl: `${location.origin}/fhir`, auth: 'resident-token', retry: false, fetch: capture });
  const element = await fixture<CareReadingForm>(
    html`<care-reading-form
      .client=${client}
      patient="pat-0001"
      .queueOptions=${{ baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 2, now: () => Date.now() }}
    ></care-reading-form>`,
  );
  await settled(element);
  await act(element);
  const shown = ['year', 'month', 'day'].map((part) => ($(element, `#date-${part}`) as HTMLInputElement | null)?.value ?? '');
  $(element, '[part~="submit-button"]')!.click();
  await settled(element);
  for (let tries = 0; bodies.length === 0 && tries < 200; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
  const observation = (
    bodies[0]?.['resourceType'] === 'Bundle' ? (bodies[0]['entry'] as { resource: unknown }[])[0]?.resource : bodies[0]
  ) as Record<string, unknown> | undefined;
  return { sent: String(observation?.['effectiveDateTime'] ?? `nothing sent: ${text(element).slice(0, 200)}`), shown: shown.join('-') };
}

async function choose(element: CareReadingForm, id: string): Promise<void> {
  $(element, `#${id}`)!.click();
  await settled(element);
}

async function type(element: CareReadingForm, id: string, value: string): Promise<void> {
  const input = $(element, `#${id}`) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await settled(element);
}

describe('the reading form dates a reading by today as it is when she shares it', function () {
  this.timeout(120_000);
  afterEach(() => {
    globalThis.Date = RealDate;
  });

  for (const kind of ['weight', 'blood-pressure'] as const)
    it(`${kind}: matrix of clock moved × when × her own date`, async () => {
      const failures: string[] = [];
      let cases = 0;
      for (const shift of [DAY, 3 * DAY, 40 * DAY])
        for (const moved of ['before she chooses', 'after she chose'] as const)
          for (const ownDate of [false, true]) {
            cases++;
            // Two days before the real today: in the past whichever way the clock moved.
            const hers = ukDate(RealDate.now() - 2 * DAY);
            const [year = '', month = '', day = ''] = hers.split('-');
            const { sent, shown } = await sentReading(async (element) => {
              if (moved === 'before she chooses') moveClock(shift);
              await choose(element, `kind-${kind}`);
              if (kind === 'weight') await type(element, 'kilograms', '70');
              else {
                await type(element, 'systolic', '120');
                await type(element, 'diastolic', '80');
                if ($(element, '#confirmed')) await choose(element, 'confirmed');
              }
              if (ownDate) {
                await type(element, 'date-day', String(Number(day)));
                await type(element, 'date-month', String(Number(month)));
                await type(element, 'date-year', year);
              }
              if (moved === 'after she chose') moveClock(shift);
            });
            globalThis.Date = RealDate;
            const today = ukDate(RealDate.now() + shift);
            const expected = ownDate ? hers : today;
            const sentDate = /^\d{4}-\d{2}-\d{2}$/.test(sent)
              ? sent
              : /^\d{4}-\d{2}-\d{2}T/.test(sent)
                ? ukDate(RealDate.parse(sent))
                : sent;
            if (sentDate !== expected)
              failures.push(
                `+${shift / DAY}d, ${moved}, ${ownDate ? 'her date' : 'no date'}: sent ${sent}, want ${expected} (boxes ${shown})`,
              );
          }
      expect(failures, `${failures.length}/${cases} failed`).to.deep.equal([]);
    });
});

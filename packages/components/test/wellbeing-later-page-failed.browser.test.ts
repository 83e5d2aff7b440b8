/**
 * The well-being screen when a later page fails: it failed whole ("We could not load your plans and goals"), though
 * her plans, goals and newest readings had been read. Now what was read is shown, with what could not be read said,
 * and a "Try again", never "none"; a goal none of whose readings were read says "Not known: the latest readings could
 * not be read", never "No readings yet" nor a judgement. The class, in real Chromium: list (plans, goals, readings) ×
 * the page that fails (2, 3) × audience; then "Try again" reads it all.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { HubError, type BatchRead, type HubClient } from '@care-record/sdk';
import '../src/define.js';
import type { CareRecordProvider } from '../src/index.js';
import { $, text, until } from './support/dom.js';

const PATIENT = 'pat-000001';
const SNOMED = 'http://snomed.info/sct';
const subject = { reference: `Patient/${PATIENT}` };
const plan = (n: number) => ({
  resourceType: 'CarePlan',
  id: `p${n}`,
  status: 'active',
  intent: 'plan',
  title: `Plan ${n}`,
  subject,
  category: [{ coding: [{ system: 'https://care-record.example/CodeSystem/care-plan-type', code: 'activity' }] }],
});
const goal = (n: number) => ({
  resourceType: 'Goal',
  id: `g${n}`,
  lifecycleStatus: 'active',
  subject,
  description: { text: `Goal ${n}` },
  target: [{ measure: { coding: [{ system: SNOMED, code: '271649006' }] }, detailQuantity: { value: 140, comparator: '<', unit: 'mmHg' } }],
});
/** Page n's reading: none on page 1 (her newest readings are of other things), older ones after. */
const reading = (n: number) => ({
  resourceType: 'Observation',
  id: `r${n}`,
  status: 'final',
  subject,
  code: { coding: [{ system: SNOMED, code: '271649006' }] },
  effectiveDateTime: new Date(Date.UTC(2026, 10, 27) - n * 86_400_000).toISOString(),
  valueQuantity: { value: 128, unit: 'mmHg' },
});
const ITEM: Record<string, (n: number) => object | undefined> = {
  '/CarePlan': plan,
  '/Goal': goal,
  '/Observation': (n) => (n === 1 ? undefined : reading(n)),
};
const bundle = (resources: object[], next?: string) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })),
  ...(next ? { link: [{ relation: 'next', url: `https://hub.test/fhir${next}?_cursor=x` }] } : {}),
});

/** Three pages of `list` (the others one page each: a plan, a goal, no readings); page `failing` fails while `state.failing`. */
function hub(list: string, failing: number, state: { failing: boolean }): HubClient {
  const page = (template: string, n: number, last: number) => {
    const item = template === list ? ITEM[template]?.(n) : template === '/Observation' ? undefined : ITEM[template]?.(1);
    return bundle(item ? [item] : [], template === list && n < last ? template : undefined);
  };
  return {
    baseUrl: 'https://hub.test/fhir/',
    async batch(reads: readonly BatchRead<unknown>[]) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return reads.map((read) => ({ ok: true, status: 200, resource: page(read.template, 1, 3) }));
    },
    async *pages(template: string) {
      for (let n = 1; n <= 3; n++) {
        if (template === list && n === failing && state.failing)
          throw new HubError({ kind: 'http', status: 500, operation: `GET ${template}`, requestId: 'r' });
        yield page(template, n, 3);
      }
    },
    async get() {
      return { pages: [] };
    },
  } as unknown as HubClient;
}

const NONE = /no plans|no goals|No well-being plans|No goals recorded/i;
/** Said of a goal when her readings are read whole and none is of its measure: true then, never from a part. */
const NO_READINGS = 'No readings yet';
const UNREAD = 'could not be read: the server could not answer (error 500)';

async function screen(list: string, failing: number, audience: string, state: { failing: boolean }): Promise<HTMLElement> {
  const provider = await fixture<CareRecordProvider>(
    html`<care-record-provider .client=${hub(list, failing, state)} patient=${PATIENT} audience=${audience}
      ><care-wellbeing></care-wellbeing
    ></care-record-provider>`,
  );
  const element = provider.querySelector('care-wellbeing')!;
  await until(() => $(element, '#goals-heading') !== null || $(element, '[part~="error"]') !== null, 5000, 'loaded');
  return element;
}

describe('care-wellbeing: a later page that fails', function () {
  this.timeout(120_000);

  it('reported: readings page 2 failed: her plan and goal shown, the goal "Not known", said, with Try again', async () => {
    const state = { failing: true };
    const element = await screen('/Observation', 2, 'resident', state);
    const shown = text(element);
    expect(shown).to.contain('Plan 1');
    expect(shown).to.contain('Goal 1');
    expect(shown).to.contain('Not known: the latest readings could not be read.');
    expect(shown).to.contain(UNREAD);
    expect(shown).not.to.match(NONE);
    expect(shown).not.to.contain(NO_READINGS);
    state.failing = false;
    $(element, '[part~="retry-unread"]')!.click();
    await until(() => text(element).includes('128 mmHg'), 5000, 'read again');
    expect(text(element)).not.to.contain('could not be read');
  });

  it('class: list × the page that fails × audience', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const list of Object.keys(ITEM))
      for (const failing of [2, 3])
        for (const audience of ['resident', 'clinician']) {
          cases += 1;
          const label = `${list} page ${failing} ${audience}`;
          const element = await screen(list, failing, audience, { failing: true });
          const shown = text(element);
          if ($(element, '[part~="error"]')) wrong.push(`${label}: failed whole`);
          if (!shown.includes('Plan 1') || !shown.includes('Goal 1')) wrong.push(`${label}: page 1 not shown`);
          if (!shown.includes(UNREAD)) wrong.push(`${label}: not said`);
          if (!$(element, '[part~="retry-unread"]')) wrong.push(`${label}: no Try again`);
          if (NONE.test(shown)) wrong.push(`${label}: "${NONE.exec(shown)?.[0]}"`);
          // Read newest first: with page 2 read, its reading is the newest there is, and the goal is judged on it.
          if (list === '/Observation' && failing === 2 && !shown.includes('Not known: the latest readings could not be read.'))
            wrong.push(`${label}: goal not "Not known"`);
          if (list === '/Observation' && failing === 3 && !/128 mmHg on \d+ November 2026, meets this goal/.test(shown))
            wrong.push(`${label}: not judged on the newest reading read`);
          if (list === '/Observation' && shown.includes(NO_READINGS)) wrong.push(`${label}: "${NO_READINGS}"`);
        }
    expect(wrong, `${wrong.length} wrong in ${cases} cases`).to.deep.equal([]);
  });
});

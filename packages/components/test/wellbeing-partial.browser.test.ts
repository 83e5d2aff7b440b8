/**
 * The well-being screen never says "none" from an answer in part (R16: 20 of 20 said "You have no goals recorded yet"
 * or "No well-being plans recorded" beside a withheld, source-unavailable or error notice, or with a page not read).
 * The class, in real Chromium: list (plans, goals) × audience × how the answer came (a source that did not answer,
 * items withheld, labelled REDACTED, left out for her access, an error outcome, her item on a later page, a later page
 * dropped): her item, or the notice without "none", or the error panel. Readings read only to the bound are "the
 * latest", never "all".
 */
import { expect, fixture, html } from '@open-wc/testing';
import { HubError, type BatchRead, type HubClient } from '@care-record/sdk';
import '../src/define.js';
import type { CareRecordProvider } from '../src/index.js';
import { $, text, until } from './support/dom.js';

const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';
const SNOMED = 'http://snomed.info/sct';
const PATIENT = 'pat-000001';
const outcome = (issue: object) => ({ resource: { resourceType: 'OperationOutcome', issue: [issue] }, search: { mode: 'outcome' } });
const PARTIAL: Record<string, { entry?: object[]; meta?: object }> = {
  'a source did not answer': {
    entry: [
      outcome({
        severity: 'warning',
        code: 'incomplete',
        details: {
          coding: [
            { system: HUB_ERROR, code: 'SOURCE_UNAVAILABLE' },
            { system: 'https://care-record.example/source', code: 'RC999' },
          ],
        },
      }),
    ],
  },
  'items withheld': {
    entry: [
      outcome({ severity: 'information', code: 'suppressed', details: { coding: [{ system: HUB_ERROR, code: 'INFORMATION_WITHHELD' }] } }),
    ],
  },
  'labelled REDACTED': { meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'REDACTED' }] } },
  'left out for her access': {
    entry: [
      outcome({
        severity: 'information',
        code: 'suppressed',
        details: { coding: [{ system: HUB_ERROR, code: 'SCOPE_RESTRICTED' }] },
        expression: ['Goal', 'CarePlan'],
      }),
    ],
  },
  'an error outcome': { entry: [outcome({ severity: 'error', code: 'timeout' })] },
};
type How = keyof typeof PARTIAL | 'on a later page' | 'a later page dropped' | 'another patient';

const ITEMS: Record<string, object> = {
  '/CarePlan': {
    resourceType: 'CarePlan',
    id: 'p1',
    status: 'active',
    intent: 'plan',
    title: 'Getting active',
    subject: { reference: `https://hub.test/fhir/Patient/${PATIENT}` },
    category: [{ coding: [{ system: 'https://care-record.example/CodeSystem/care-plan-type', code: 'activity' }] }],
  },
  '/Goal': {
    resourceType: 'Goal',
    id: 'g1',
    lifecycleStatus: 'active',
    subject: { reference: `Patient/${PATIENT}/_history/2` },
    description: { text: 'Walk daily' },
  },
};
const bundle = (resources: object[], extra: { entry?: object[]; meta?: object } = {}, next?: string) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  ...extra,
  entry: [...resources.map((resource) => ({ resource, search: { mode: 'match' } })), ...(extra.entry ?? [])],
  ...(next ? { link: [{ relation: 'next', url: `https://hub.test/fhir${next}?_cursor=2` }] } : {}),
});

function hub(section: string, how: How | 'readings past the bound'): HubClient {
  const reading = (n: number) => ({
    resourceType: 'Observation',
    id: `r${n}`,
    status: 'final',
    subject: { reference: `Patient/${PATIENT}` },
    code: { coding: [{ system: SNOMED, code: '271649006' }] },
    effectiveDateTime: new Date(Date.UTC(2026, 10, 27) - n * 86_400_000).toISOString(),
    valueQuantity: { value: 130, unit: 'mmHg' },
  });
  const goal = {
    ...ITEMS['/Goal'],
    target: [
      { measure: { coding: [{ system: SNOMED, code: '271649006' }] }, detailQuantity: { value: 140, comparator: '<', unit: 'mmHg' } },
    ],
  };
  const first = (template: string) => {
    if (how === 'readings past the bound') {
      if (template === '/Goal') return bundle([goal]);
      if (template === '/Observation') return bundle([reading(0)], {}, template);
      return bundle([]);
    }
    if (template !== section) return bundle([]);
    if (how === 'another patient') return bundle([{ ...ITEMS[template], subject: { reference: 'Patient/pat-000002' } }]);
    if (how === 'on a later page' || how === 'a later page dropped') return bundle([], {}, template);
    return bundle([], PARTIAL[how]);
  };
  return {
    baseUrl: 'https://hub.test/fhir/',
    async batch(reads: readonly BatchRead<unknown>[]) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return reads.map((read) => ({ ok: true, status: 200, resource: first(read.template) }));
    },
    async *pages(template: string) {
      yield first(template);
      if (how === 'readings past the bound') {
        for (let n = 1; n < 12; n++) yield bundle([reading(n)], {}, template);
        return;
      }
      if (how === 'a later page dropped') throw new HubError({ kind: 'network', operation: `GET ${template}`, requestId: 'r' });
      yield bundle([ITEMS[template]!]);
    },
    async get() {
      return { pages: [] };
    },
  } as unknown as HubClient;
}

async function screen(section: string, how: How | 'readings past the bound', audience: string): Promise<HTMLElement> {
  const provider = await fixture<CareRecordProvider>(
    html`<care-record-provider .client=${hub(section, how)} patient=${PATIENT} audience=${audience}
      ><care-wellbeing></care-wellbeing
    ></care-record-provider>`,
  );
  const element = provider.querySelector('care-wellbeing')!;
  await until(() => $(element, '#goals-heading') !== null || $(element, '[part="error"]') !== null, 5000, 'loaded');
  return element;
}

describe('care-wellbeing: never "none" from an answer in part', function () {
  this.timeout(180_000);

  it('class: list × audience × how the answer came', async () => {
    const wrong: string[] = [];
    let cases = 0;
    const hows: How[] = [...(Object.keys(PARTIAL) as How[]), 'on a later page', 'a later page dropped'];
    for (const [section, none, audience, name] of [
      ['/CarePlan', 'No well-being plans recorded', 'clinician', 'Getting active'],
      ['/Goal', 'No goals recorded', 'clinician', 'Walk daily'],
      ['/CarePlan', 'You have no plans for staying well recorded yet', 'resident', 'Getting active'],
      ['/Goal', 'You have no goals recorded yet', 'resident', 'Walk daily'],
    ] as const)
      for (const how of hows) {
        cases += 1;
        const element = await screen(section, how, audience);
        const shown = text(element);
        if (shown.includes(none)) wrong.push(`${section} ${audience} ${how}: "${none}"`);
        else if (how === 'on a later page' && !shown.includes(name)) wrong.push(`${section} ${audience} ${how}: not shown`);
        else if (how in PARTIAL && $(element, '.notices') === null) wrong.push(`${section} ${audience} ${how}: no notice`);
      }
    expect(wrong, `${wrong.length}/${cases} cases wrong`).to.deep.equal([]);
  });

  it('a goal naming another patient is left out and said, never "You have no goals recorded yet"', async () => {
    const element = await screen('/Goal', 'another patient', 'resident');
    const shown = text(element);
    expect(shown).not.to.contain('You have no goals recorded yet');
    expect(shown).not.to.contain('Walk daily');
    expect(shown).to.contain('Some items could not be shown safely');
  });

  it('readings read to the bound are the latest, said so, never "all"', async () => {
    const element = await screen('', 'readings past the bound', 'resident');
    const shown = text(element);
    expect(shown).to.contain('Show the latest 10 readings as a table');
    expect(shown).not.to.match(/Show all \d+ readings/);
    expect(shown).to.contain('Only the most recent items are shown');
  });
});

/**
 * The carers screen never says "Nobody can act for you at the moment" from an answer in part, and lists a permission
 * in force on a later page (R16, 3/3). The class, in real Chromium: how the answer came (a source that did not answer,
 * items withheld, labelled REDACTED, left out for her access, an error outcome, her parent's permission on a later
 * page, a later page dropped) × whether anyone else is listed: her parent is listed, or the notice says the list may
 * not be everyone — or the error panel; never "nobody".
 */
import { expect, fixture, html } from '@open-wc/testing';
import { HubError, PROXY_ACTION_SYSTEM, PROXY_CONSENT_CATEGORY, type HubClient } from '@care-record/sdk';
import '../src/define.js';
import type { CareRecordProvider } from '../src/index.js';
import { $, text, until } from './support/dom.js';

const PATIENT = 'pat-000001';
const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';
const permission = (id: string, status: string, dateTime: string, person: string) => ({
  resourceType: 'Consent',
  id,
  status,
  dateTime,
  scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
  category: [{ coding: [PROXY_CONSENT_CATEGORY] }],
  patient: { reference: `Patient/${PATIENT}` },
  performer: [{ reference: `Patient/${PATIENT}` }],
  provision: {
    type: 'permit',
    actor: [{ role: { coding: [{ code: 'AUT' }] }, reference: { reference: `RelatedPerson/${person}` } }],
    action: [{ coding: [{ system: PROXY_ACTION_SYSTEM, code: 'view-record' }] }],
  },
});
const outcome = (issue: object) => ({ resource: { resourceType: 'OperationOutcome', issue: [issue] }, search: { mode: 'outcome' } });
const PARTIAL: Record<string, { entry?: object[]; meta?: object }> = {
  'a source did not answer': {
    entry: [outcome({ severity: 'warning', code: 'incomplete', details: { coding: [{ system: HUB_ERROR, code: 'SOURCE_UNAVAILABLE' }] } })],
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
        details: { coding: [{ system: HUB_ERROR, code: 'PROXY_RESTRICTED' }] },
        expression: ['Consent'],
      }),
    ],
  },
  'an error outcome': { entry: [outcome({ severity: 'error', code: 'timeout' })] },
};
type How = keyof typeof PARTIAL | 'on a later page' | 'a later page dropped';
const bundle = (resources: object[], extra: { entry?: object[]; meta?: object } = {}, next = false) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  ...extra,
  entry: [...resources.map((resource) => ({ resource, search: { mode: 'match' } })), ...(extra.entry ?? [])],
  ...(next ? { link: [{ relation: 'next', url: 'https://hub.test/fhir/Consent?_cursor=2' }] } : {}),
});

function hub(how: How, someoneElse: boolean): HubClient {
  const others = someoneElse ? [permission('friend', 'active', '2026-05-01', 'rp-new')] : [];
  const stopped = Array.from({ length: 100 }, (_, i) => permission(`c${i}`, 'inactive', `2026-0${1 + (i % 9)}-10`, 'rp-new'));
  const first = () =>
    how === 'on a later page' || how === 'a later page dropped' ? bundle([...others, ...stopped], {}, true) : bundle(others, PARTIAL[how]);
  return {
    baseUrl: 'https://hub.test/fhir/',
    async batch(reads: { template: string }[]) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return reads.map((read) => ({
        ok: true,
        status: 200,
        resource:
          read.template === '/Consent'
            ? first()
            : read.template === '/RelatedPerson'
              ? bundle([
                  {
                    resourceType: 'RelatedPerson',
                    id: 'rp-old',
                    patient: { reference: `Patient/${PATIENT}` },
                    name: [{ family: 'Parent', given: ['Sam'] }],
                  },
                  {
                    resourceType: 'RelatedPerson',
                    id: 'rp-new',
                    patient: { reference: `Patient/${PATIENT}` },
                    name: [{ family: 'Friend', given: ['Jo'] }],
                  },
                ])
              : { resourceType: 'Patient', id: PATIENT, birthDate: '1960-01-01' },
      }));
    },
    async *pages() {
      yield first();
      if (how === 'a later page dropped') throw new HubError({ kind: 'network', operation: 'GET /Consent', requestId: 'r' });
      yield bundle([permission('parent', 'active', '2021-03-01', 'rp-old')]);
    },
  } as unknown as HubClient;
}

describe('care-carers: never "nobody" from an answer in part', function () {
  this.timeout(120_000);

  it('class: how the answer came × whether anyone else is listed', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const how of [...Object.keys(PARTIAL), 'on a later page', 'a later page dropped'] as How[])
      for (const someoneElse of [false, true]) {
        cases += 1;
        const provider = await fixture<CareRecordProvider>(
          html`<care-record-provider .client=${hub(how, someoneElse)} patient=${PATIENT} audience="resident"
            ><care-carers></care-carers
          ></care-record-provider>`,
        );
        const element = provider.querySelector('care-carers')!;
        await until(
          () =>
            $(element, '[part="error"]') !== null || (/People who can act for you/.test(text(element)) && !/Loading/.test(text(element))),
          5000,
          `loaded: ${how} ${someoneElse}`,
        );
        const shown = text(element);
        const listed = shown.includes('Parent');
        const said = $(element, '[part="not-all-listed"]') !== null && $(element, '.notices') !== null;
        const failed = $(element, '[part="error"]') !== null;
        if (/Nobody can act for you/.test(shown)) wrong.push(`${how} ${someoneElse}: "nobody"`);
        else if (how === 'on a later page' ? !listed : !(said || failed)) wrong.push(`${how} ${someoneElse}: ${shown.slice(0, 160)}`);
      }
    expect(wrong, `${wrong.length}/${cases} cases wrong`).to.deep.equal([]);
  });
});

/**
 * A search answer may say a type was left out for the viewer's role, the sign-in's scopes or a carer's proxy access
 * (ROLE_RESTRICTED, SCOPE_RESTRICTED, PROXY_RESTRICTED: any FHIR server may send them in a searchset, though our hub
 * answers 403). A list of that type then says why, and never that there are none: not of the list, not of its
 * upcoming or past part, whether the page held anything else or not.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { CareRecordProvider } from '../src/index.js';
import { $$, settled, text, until } from './support/dom.js';
import { createResidentHub } from './support/resident-hub.js';

const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';

/** An outcome in a search answer saying `type` was left out, coded `code`. */
const leftOut = (code: string, type: string) => ({
  resource: {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'information', code: 'suppressed', details: { coding: [{ system: HUB_ERROR, code }] }, expression: [type] }],
  },
  search: { mode: 'outcome' },
});

/** Every way the lists say there is nothing, in each audience's and a carer's words. */
const NONE = /\bno (test results|upcoming appointments|past appointments)\b|nothing recorded/i;

/** Each list element and the types its searches read. */
const LISTS = [
  ['care-results', ['Observation', 'DiagnosticReport']],
  ['care-appointments', ['Appointment']],
] as const;
const CODES = ['ROLE_RESTRICTED', 'SCOPE_RESTRICTED', 'PROXY_RESTRICTED'];
const PAGES = [
  { name: 'an empty page', edit: () => [] },
  { name: 'a page with items', edit: undefined },
] as const;

describe('a list whose type was left out for the viewer is never "none"', function () {
  this.timeout(120_000);

  for (const [tag, types] of LISTS)
    for (const type of types)
      it(`${tag}: ${type} left out, by each code, on each page, for each audience`, async () => {
        const failures: string[] = [];
        let cases = 0;
        for (const code of CODES)
          for (const page of PAGES)
            for (const audience of ['clinician', 'resident']) {
              cases++;
              const hub = createResidentHub({ ...(page.edit ? { edit: page.edit } : {}), firstPage: { entry: [leftOut(code, type)] } });
              const provider = await fixture<CareRecordProvider>(
                html`<care-record-provider .client=${hub.client} patient="pat-000001" audience=${audience}></care-record-provider>`,
              );
              const element = document.createElement(tag);
              provider.append(element);
              await until(() => !/Loading/.test(text(element)) && text(element) !== '', 5000, 'loaded');
              await settled(element as never);
              const shown = text(element);
              const why = $$(element, '[part~="notice"]').length > 0;
              if (NONE.test(shown) || !why)
                failures.push(`${code} ${page.name} ${audience}: ${why ? '' : '(no notice) '}${shown.slice(0, 200)}`);
            }
        expect(failures, `${failures.length}/${cases} failed`).to.deep.equal([]);
      });
});

/**
 * Social care is told by the directory as mental health and sexual health are (R7, R17): an organisation typed
 * `govt`, or typed social care in its type's words, and every organisation part of one at any remove (a council's
 * reablement team on its own system). Reviewer R18 found only a `govt` source counted: an item from a council unit
 * (partOf LA999, its own source) or from an organisation typed only "Local authority adult social care" was shown
 * to a GP and a nurse after the resident kept social care to the service that recorded it. Each shape is answered as
 * its twin recorded by the council itself (withheld), for each reader; a unit of a GP practice stays shown.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInCallers } from './support/callers.js';
import { ACT_CODE, aboutPatient, exampleOf, OTHER_SOURCE } from './support/policy-fixtures.js';
import { relateEveryOrganization } from './support/mental-health-choice.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const P = 'pat-000003';
const SC = { system: 'https://care-record.example/CodeSystem/sharing-category', code: 'social-care' };
const SOURCE = 'https://care-record.example/source/';
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const LA = `${SOURCE}LA999`;

/** A directory shape: the organisations it adds, the source its item is recorded by, and whether it is social care. */
interface Shape {
  orgs: Json[];
  source: string;
  socialCare: boolean;
}
const org = (id: string, source: string, rest: Json): Json => ({
  resourceType: 'Organization',
  id,
  active: true,
  meta: { source },
  ...rest,
});
const SHAPES: Record<string, Shape> = {
  'the council itself (govt, its source)': { orgs: [], source: LA, socialCare: true },
  'typed govt, its own source': {
    orgs: [
      org('sc-govt', `${SOURCE}SC-GOVT`, {
        name: 'Hackney Adult Social Care',
        type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'govt' }] }],
      }),
    ],
    source: `${SOURCE}SC-GOVT`,
    socialCare: true,
  },
  'a unit partOf the council': {
    orgs: [org('sc-u1', `${SOURCE}SC-U1`, { name: 'Islington Reablement Team', partOf: { reference: 'Organization/org-la999' } })],
    source: `${SOURCE}SC-U1`,
    socialCare: true,
  },
  'a unit two deep': {
    orgs: [
      org('sc-u2a', `${SOURCE}SC-U2A`, { name: 'Adult Services Directorate', partOf: { reference: 'Organization/org-la999' } }),
      org('sc-u2b', `${SOURCE}SC-U2B`, { name: 'Hospital Discharge Team', partOf: { reference: 'Organization/sc-u2a' } }),
    ],
    source: `${SOURCE}SC-U2B`,
    socialCare: true,
  },
  'a unit three deep': {
    orgs: [
      org('sc-u3a', `${SOURCE}SC-U3A`, { name: 'People Directorate', partOf: { reference: 'Organization/org-la999' } }),
      org('sc-u3b', `${SOURCE}SC-U3B`, { name: 'Adults Division', partOf: { reference: 'Organization/sc-u3a' } }),
      org('sc-u3c', `${SOURCE}SC-U3C`, { name: 'Night Care Team', partOf: { reference: 'Organization/sc-u3b' } }),
    ],
    source: `${SOURCE}SC-U3C`,
    socialCare: true,
  },
  'a unit partOf the council by its ODS code alone': {
    orgs: [
      org('sc-ods', `${SOURCE}SC-ODS`, { name: 'Occupational Therapy Team', partOf: { identifier: { system: ODS, value: 'LA999' } } }),
    ],
    source: `${SOURCE}SC-ODS`,
    socialCare: true,
  },
  'typed by its type text': {
    orgs: [org('sc-text', `${SOURCE}SC-TEXT`, { name: 'Camden Adults', type: [{ text: 'Local authority adult social care' }] })],
    source: `${SOURCE}SC-TEXT`,
    socialCare: true,
  },
  'typed by a coding display': {
    orgs: [
      org('sc-disp', `${SOURCE}SC-DISP`, {
        name: 'Barnet Care Services',
        type: [{ coding: [{ system: 'https://example.org/org-type', code: 'X1', display: 'Social services department' }] }],
      }),
    ],
    source: `${SOURCE}SC-DISP`,
    socialCare: true,
  },
  'control: a unit of a GP practice': {
    orgs: [org('gp-unit', `${SOURCE}GP-UNIT`, { name: 'Care Coordination Team', partOf: { reference: 'Organization/org-f83999' } })],
    source: `${SOURCE}GP-UNIT`,
    socialCare: false,
  },
  'control: another organisation, no type': { orgs: [], source: OTHER_SOURCE, socialCare: false },
};

const choice: Json = {
  resourceType: 'Consent',
  id: 'keep-social-care',
  status: 'active',
  scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
  category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
  patient: { reference: `Patient/${P}` },
  policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
  provision: { type: 'permit', provision: [{ type: 'deny', securityLabel: [SC] }] },
};

let testHub: TestHub;
let tokens: Record<string, string>;
const itemId = (name: string) => `sc-item-${Object.keys(SHAPES).indexOf(name)}`;

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      for (const shape of Object.values(SHAPES)) for (const o of shape.orgs) await hub.store.put(o);
      await hub.store.put(choice);
      // The carer's permission keeps social care from them too.
      const permission = (await hub.store.read('Consent', 'pat-000003-proxy-1'))!.resource;
      await hub.store.put({
        ...permission,
        provision: { ...(permission['provision'] as Json), provision: [{ type: 'deny', securityLabel: [SC] }] },
      });
      await relateEveryOrganization(hub, [P]);
      for (const [name, shape] of Object.entries(SHAPES)) {
        const item = aboutPatient({ ...exampleOf('Condition'), id: itemId(name), meta: { source: shape.source } }, P);
        delete item['text'];
        await hub.store.put({ ...item, code: { text: 'Needs help with washing' } });
      }
    },
  });
  tokens = await signInCallers(testHub, P);
});
after(() => testHub.close());

const READERS = ['gp', 'hospital-nurse', 'carer'];

describe('the reported case', () => {
  test('a council unit’s item is kept from the GP when she keeps social care', async () => {
    const unit = await testHub.call(tokens['gp']!, `/Condition/${itemId('a unit partOf the council')}`);
    const text = await testHub.call(tokens['gp']!, `/Condition/${itemId('typed by its type text')}`);
    assert.deepEqual([unit.status, text.status], [404, 404]);
  });
});

describe('the class: directory shapes × readers, each answered as the council’s own item (or as any item)', () => {
  test('social care is told by type, type words and partOf at any depth', async (context) => {
    const wrong: string[] = [];
    let cases = 0;
    const statuses = new Set<number>();
    for (const reader of READERS) {
      const councils = await testHub.call(tokens[reader]!, `/Condition/${itemId('the council itself (govt, its source)')}`);
      const others = await testHub.call(tokens[reader]!, `/Condition/${itemId('control: another organisation, no type')}`);
      assert.equal(councils.status, 404, `${reader}: the council's own item`);
      assert.equal(others.status, 200, `${reader}: another organisation's item`);
      const search = await testHub.call(tokens[reader]!, `/Condition?patient=${P}&_count=200`);
      const listed = JSON.stringify(search.body);
      for (const [name, shape] of Object.entries(SHAPES)) {
        cases += 2;
        const read = await testHub.call(tokens[reader]!, `/Condition/${itemId(name)}`);
        statuses.add(read.status);
        const expected = shape.socialCare ? 404 : 200;
        if (read.status !== expected) wrong.push(`${reader}, ${name}: read ${read.status}, expected ${expected}`);
        if (listed.includes(`"id":"${itemId(name)}"`) === shape.socialCare)
          wrong.push(`${reader}, ${name}: search ${shape.socialCare ? 'lists' : 'leaves out'} it`);
      }
    }
    context.diagnostic(`${cases} cases; ${wrong.length} wrong`);
    assert.deepEqual([...statuses].sort(), [200, 404]);
    assert.deepEqual(wrong, []);
  });
});

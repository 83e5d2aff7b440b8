/**
 * A reference's words must not tell a withheld item however the reference is written (R13). GP exports often name
 * another item of the record by its identifier alone (a logical reference: `{ identifier, display }`, no literal
 * `reference`). An appointment whose reason named a restricted condition so reached a GP of another organisation
 * with the condition's name, though a read of the condition is `404` and a literal reference to it is left out
 * (`withheld-references.ts`).
 *
 * The class: viewers (a GP of another organisation: restricted; the resident: kept from her; a carer whose permission
 * leaves conditions out) × where the appointment names it (its reason, an extension's value, a resource it contains)
 * × how the identifier is written (with its system, its value alone) × read paths (read, search, batch, `$summary`).
 * The name of each withheld item is a marker found nowhere else: it must appear in no answer; the name of a
 * condition the viewer may read, named the same way, still does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { setUpWithheldReferenceReaders } from './support/withheld-reference-readers.js';

const SYSTEM = 'https://gp.example/Id/problem';
const MARKER = 'ZQXlogicalQZ';

let testHub: TestHub;
let resident = '';
let mother = '';

type Json = Record<string, unknown>;
const PLACES: { name: string; attach: (appointment: Json, reference: Json) => Json }[] = [
  { name: 'reason', attach: (a, ref) => ({ ...a, reasonReference: [ref] }) },
  { name: 'extension', attach: (a, ref) => ({ ...a, extension: [{ url: 'https://gp.example/about', valueReference: ref }] }) },
  {
    name: 'contained',
    attach: (a, ref) => ({
      ...a,
      contained: [{ resourceType: 'Observation', id: 'inner', status: 'final', code: { text: 'Inner' }, derivedFrom: [ref] }],
    }),
  },
];
const FORMS = ['system and value', 'value alone'] as const;
interface Viewer {
  name: string;
  patient: () => string;
  labels: string[];
  token: () => Promise<string>;
  headers?: Record<string, string>;
}
const VIEWERS: Viewer[] = [
  { name: 'gp', patient: () => resident, labels: ['R'], token: () => testHub.signIn('gp') },
  {
    name: 'resident',
    patient: () => resident,
    labels: ['NOPAT'],
    token: () => testHub.signIn('resident', { scope: 'openid fhirUser launch/patient patient/*.rs' }),
  },
  {
    name: 'carer',
    patient: () => mother,
    labels: [],
    token: () => testHub.signIn('carer', { scope: 'openid fhirUser offline_access user/*.rs' }),
  },
];
interface Case {
  viewer: Viewer;
  place: string;
  form: string;
  withheld: boolean;
  marker: string;
}
const cases: Case[] = [];

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      ({ resident, mother } = await setUpWithheldReferenceReaders(hub, { carer: { actions: ['view-appointments'] } }));
      await hub.store.put({ ...recordItem('Condition', 'wlr-secret', resident, ['R']), identifier: [{ system: SYSTEM, value: 'P-1' }] });
      await hub.store.put({
        ...recordItem('Appointment', 'wlr-appointment', resident),
        reasonReference: [{ type: 'Condition', identifier: { system: SYSTEM, value: 'P-1' }, display: MARKER }],
      });
      for (const viewer of VIEWERS)
        for (const place of PLACES)
          for (const form of FORMS)
            for (const withheld of viewer.name === 'carer' ? [true] : [true, false]) {
              const n = cases.length;
              const value = `wlr-${n}`;
              const marker = `ZQX${n}QZ`;
              await hub.store.put({
                ...recordItem('Condition', `wlr-${n}-target`, viewer.patient(), withheld ? viewer.labels : []),
                identifier: [{ system: SYSTEM, value }],
              });
              const identifier = form === 'value alone' ? { value } : { system: SYSTEM, value };
              await hub.store.put({
                ...place.attach(recordItem('Appointment', `wlr-${n}`, viewer.patient()), { identifier, display: marker }),
                status: 'booked',
                start: '2027-01-10T10:00:00Z',
                end: '2027-01-10T10:20:00Z',
              });
              cases.push({ viewer, place: place.name, form, withheld, marker });
            }
    },
  });
});
after(() => testHub.close());

describe('the reported case: an appointment names a restricted condition by its identifier', () => {
  test('the GP reads the appointment without the condition’s name', async () => {
    const token = await testHub.signIn('gp');
    assert.equal((await testHub.call(token, '/Condition/wlr-secret')).status, 404, 'the condition is withheld from the GP');
    const read = await testHub.call(token, '/Appointment/wlr-appointment');
    assert.equal(read.status, 200);
    assert.ok(!JSON.stringify(read.body).includes(MARKER), 'the withheld condition is not named');
  });
});

describe('the class: viewers × places × identifier forms × read paths', () => {
  test('a withheld item is named in no answer; a readable one still is', async () => {
    const wrong: string[] = [];
    for (const viewer of VIEWERS) {
      const token = await viewer.token();
      const patient = viewer.patient();
      const answers: Record<string, string> = {};
      const mine = cases.filter((item) => item.viewer === viewer);
      for (const [index] of mine.entries()) {
        const id = `wlr-${cases.indexOf(mine[index]!)}`;
        answers[`read ${id}`] = JSON.stringify((await testHub.call(token, `/Appointment/${id}`)).body);
      }
      answers['search'] = JSON.stringify((await testHub.call(token, `/Appointment?patient=${patient}&_count=500`)).body);
      answers['batch'] = JSON.stringify(
        (
          await testHub.call(token, '', {
            method: 'POST',
            body: {
              resourceType: 'Bundle',
              type: 'batch',
              entry: [{ request: { method: 'GET', url: `Appointment?patient=${patient}&_count=500` } }],
            },
          })
        ).body,
      );
      answers['$summary'] = JSON.stringify((await testHub.call(token, `/Patient/${patient}/$summary`)).body);
      for (const item of mine)
        for (const [path, text] of Object.entries(answers)) {
          const own = path.startsWith('read ') ? path === `read wlr-${cases.indexOf(item)}` : true;
          if (!own) continue;
          const named = text.includes(item.marker);
          if (item.withheld && named) wrong.push(`${viewer.name} ${item.place} ${item.form} ${path}: a withheld item is named`);
          if (!item.withheld && !named && path !== '$summary')
            wrong.push(`${viewer.name} ${item.place} ${item.form} ${path}: a readable item is not named`);
        }
    }
    assert.ok(cases.length >= 30, `${cases.length} cases`);
    assert.deepEqual(wrong, []);
  });
});

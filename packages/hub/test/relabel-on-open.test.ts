/**
 * A store written before the rules that give items their labels changed
 * works every row's labels out again, once, when it is opened: its searches
 * filter on the labels kept with each row, so a store upgraded without this
 * answered a search, by the old labels, with what a read by the new ones
 * withholds (an unlabelled appointment with a mental health service, a report
 * whose contained result is labelled, both now PSY) — and the labels kept for
 * the readers of a reduced view (the desk) are worked out with them.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { LABEL_RULES_VERSION } from '../src/policy/visibility.js';
import { openStore } from '../src/store/open-store.js';
import type { FhirJson } from '../src/store/search-parameters.js';
import type { HubStore } from '../src/store/store.js';
import { asWrittenByLabelRules, disposeTestStore, newTestStoreSpec, testStoreKind } from './support/test-store.js';

const PATIENT = 'pat-relabel';
const PSY = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' };

/** Items the current rules label PSY though they carry no label of their own, and one they leave alone. */
const ITEMS: FhirJson[] = [
  {
    resourceType: 'Appointment',
    id: 'appt-mh',
    status: 'booked',
    serviceType: [{ text: 'Community mental health team review' }],
    start: '2026-12-10T10:00:00Z',
    participant: [{ actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' }],
  },
  {
    resourceType: 'DiagnosticReport',
    id: 'report-contained',
    status: 'final',
    code: { text: 'Assessment' },
    subject: { reference: `Patient/${PATIENT}` },
    contained: [
      {
        resourceType: 'Observation',
        id: 'o1',
        meta: { security: [PSY] },
        status: 'final',
        code: { text: 'Score' },
        subject: { reference: `Patient/${PATIENT}` },
      },
    ],
    result: [{ reference: '#o1' }],
  },
  {
    resourceType: 'Appointment',
    id: 'appt-gp',
    status: 'booked',
    serviceType: [{ text: 'General practice' }],
    start: '2026-12-11T10:00:00Z',
    participant: [{ actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' }],
  },
];

const visibleTo = async (store: HubStore, type: string, hiddenLabels: string[], views?: string) =>
  (
    await store.search({
      type,
      patientId: PATIENT,
      criteria: [],
      sort: { by: 'lastUpdated', descending: true },
      count: 50,
      visibility: { hiddenLabels, ...(views === undefined ? {} : { views }) },
    })
  ).resources.map((resource) => String(resource['id']));

describe(`an older store's labels are worked out again on opening (${testStoreKind})`, () => {
  test('what a reader kept from mental health may not see is withheld from their searches again', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'care-relabel-'));
    const spec = newTestStoreSpec(directory);
    try {
      let store = await openStore(spec);
      for (const item of ITEMS) await store.put(item);
      assert.deepEqual((await visibleTo(store, 'Appointment', ['PSY'])).sort(), ['appt-gp'], 'as written, by the current rules');
      await store.close();

      await asWrittenByLabelRules(spec, 'forget');
      store = await openStore(spec);
      try {
        assert.deepEqual((await visibleTo(store, 'Appointment', ['PSY'])).sort(), ['appt-gp']);
        assert.deepEqual(await visibleTo(store, 'DiagnosticReport', ['PSY']), []);
        // The labels as the desk sees each item too: by its view of an appointment, the whole of what it reads whole.
        assert.deepEqual((await visibleTo(store, 'Appointment', ['PSY'], 'desk')).sort(), ['appt-gp'], 'the desk, by its view');
        assert.deepEqual(await visibleTo(store, 'DiagnosticReport', ['PSY'], 'desk'), [], 'the desk, of a type it reads whole');
        assert.deepEqual((await visibleTo(store, 'Appointment', [])).sort(), ['appt-gp', 'appt-mh'], 'nothing else changes');
        assert.equal(await store.meta('labels-version'), String(LABEL_RULES_VERSION));
      } finally {
        await store.close();
      }

      // Once: a store at the current version is not worked over again (its rows are left as they are).
      await asWrittenByLabelRules(spec, 'keep');
      store = await openStore(spec);
      try {
        assert.deepEqual((await visibleTo(store, 'Appointment', ['PSY'])).sort(), ['appt-gp', 'appt-mh']);
      } finally {
        await store.close();
      }
    } finally {
      await disposeTestStore(spec);
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

/**
 * A specialty or service type sent as a national treatment function code alone. UK Core's practice setting codes
 * (`https://fhir.hl7.org.uk/CodeSystem/UKCore-PracticeSettingCode`, the NHS Data Dictionary's main specialty and
 * treatment function codes) were read by their display only (R12, 2fa33d0): an appointment whose specialty was `360`
 * (Genitourinary Medicine) or `710` (Adult Mental Illness) with no display reached another organisation's GP, and a
 * GP the resident keeps mental health from. F3 left them over; R4 asked for them.
 *
 * Now the codes whose words the hub reads (genito-urinary medicine and community sexual and reproductive health for
 * R11; the psychiatric and mental health functions for R12) are read as their words, in that system only. Learning
 * disability, medical psychotherapy, addiction and dementia assessment are not, as their words are not.
 *
 * The class: each code × display absent or misleading × three elements × two readers, read and searched, answered as
 * the same item labelled (or not); ordinary codes and another system's same code answered as an ordinary item.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withLabelledSources } from '../src/policy/sharing.js';
import { defaultVisibility, isWithheld, type Visibility } from '../src/policy/visibility.js';
import { recordItem } from './support/policy-fixtures.js';
import { openTestStore } from './support/test-store.js';
import { answeredAsTwins } from './support/twin-answers.js';

type Json = Record<string, unknown>;
type Store = Awaited<ReturnType<typeof openTestStore>>;

const UK_CORE = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-PracticeSettingCode';

/** Each code, in which system, and the label it means (none for an ordinary one). */
const CODES: { system: string; code: string; label: string | undefined }[] = [
  { system: UK_CORE, code: '360', label: 'SEX' },
  { system: UK_CORE, code: '504', label: 'SEX' },
  ...['710', '711', '712', '715', '720', '722', '723', '724', '725', '726', '730'].map((code) => ({
    system: UK_CORE,
    code,
    label: 'PSY',
  })),
  ...['100', '300', '420', '700', '713', '721', '727'].map((code) => ({ system: UK_CORE, code, label: undefined })),
  { system: 'https://example.org/local-specialties', code: '360', label: undefined },
  { system: 'https://example.org/local-specialties', code: '710', label: undefined },
];

const DISPLAYS: Record<string, string | undefined> = { 'no display': undefined, 'a display that says other': 'Outpatients' };

/** Where an item says its specialty or service type. */
const ELEMENTS: Record<string, { type: string; put: (concept: Json) => Json }> = {
  'an appointment’s specialty': { type: 'Appointment', put: (concept) => ({ specialty: [concept] }) },
  'an encounter’s service type': { type: 'Encounter', put: (concept) => ({ serviceType: concept }) },
  'a document’s practice setting': { type: 'DocumentReference', put: (concept) => ({ context: { practiceSetting: concept } }) },
};

async function readers(store: Store): Promise<Record<string, Visibility>> {
  const gp = defaultVisibility({ kind: 'professional', odsCode: 'F83999' });
  return {
    'another organisation’s GP': await withLabelledSources(gp, store),
    'a GP the resident keeps mental health from': await withLabelledSources({ ...gp, hiddenLabels: [...gp.hiddenLabels, 'PSY'] }, store),
  };
}

test('the reported case: an appointment whose specialty is 360 alone is withheld from a GP, read and searched', async () => {
  const store = await openTestStore();
  const appointment = { ...recordItem('Appointment', 'reported', 'pat-1'), specialty: [{ coding: [{ system: UK_CORE, code: '360' }] }] };
  await store.put(appointment);
  const gp = (await readers(store))['another organisation’s GP']!;
  const found = await store.search({
    type: 'Appointment',
    patientId: 'pat-1',
    criteria: [],
    sort: { by: 'date', descending: true },
    count: 10,
    visibility: gp,
  });
  await store.close();
  assert.equal(isWithheld(appointment, gp), true, 'read');
  assert.deepEqual(
    found.resources.map((item) => item['id']),
    [],
    'searched',
  );
});

test('every code × display × element × reader: read and searched as its labelled or ordinary twin', async () => {
  const store = await openTestStore();
  const cases = new Map<string, { name: string; type: string; item: Json; twin: Json }>();
  for (const { system, code, label } of CODES)
    for (const [shown, display] of Object.entries(DISPLAYS))
      for (const [element, { type, put }] of Object.entries(ELEMENTS)) {
        const id = `tf-${cases.size}`;
        const concept = { coding: [{ system, code, ...(display === undefined ? {} : { display }) }] };
        const item = { ...recordItem(type, id, 'pat-1'), ...put(concept) };
        cases.set(id, {
          name: `${system === UK_CORE ? '' : 'another system’s '}${code}, ${shown}, ${element}`,
          type,
          item,
          twin: recordItem(type, id, 'pat-1', label === undefined ? [] : [label]),
        });
        await store.put(item);
      }
  const { wrong, answers, compared } = await answeredAsTwins(store, await readers(store), cases.values(), 'pat-1');
  await store.close();
  assert.deepEqual([...answers].sort(), [false, true], 'both answers met');
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${compared} answered otherwise`);
});

/**
 * A practitioner alone, as an item's only author or performer. Since d3af2ab
 * a practitioner's role at a mental health trust or a sexual health clinic is
 * that service, but a reference to the practitioner (`Practitioner/x`, no
 * display, no role) was not read at all: "the same person works for a
 * practice and a trust". The directory does say more: the roles it holds for
 * them. A consultant psychiatrist whose every role is at the trust, named as
 * the performer of a result or the author of a letter a GP's system sent on,
 * made the item the trust's all the same — and it reached a GP the resident
 * keeps mental health from, a carer and another organisation's receptionist.
 *
 * Now a practitioner every one of whose roles in the directory is at such a
 * service (the service, a place, a unit or a team of it) is that service's,
 * by `Practitioner/x`, this hub's address or an identifier the role names
 * them by. One with a role anywhere else (a practice) says neither, nor does
 * one with no role at all; a qualification is not read (it says what they
 * trained as, not where an item was recorded).
 *
 * The class: every service element of every type × each practitioner × each
 * form of the reference × three readers, withheld exactly as the item
 * labelled (or as an ordinary item), read and searched.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { knowHubAddress, withLabelledSources } from '../src/policy/sharing.js';
import { defaultVisibility, isWithheld, type Visibility } from '../src/policy/visibility.js';
import { OTHER_SOURCE, recordItem } from './support/policy-fixtures.js';
import { SERVICE_REFERENCE_CASES as CASES, withReference } from './support/service-references.js';
import { openTestStore } from './support/test-store.js';
import { answeredAsTwins } from './support/twin-answers.js';

type Json = Record<string, unknown>;
type Store = Awaited<ReturnType<typeof openTestStore>>;

const HUB = 'https://hub.care-record.test/fhir';
const GMC = 'https://fhir.hl7.org.uk/Id/gmc-number';

const role = (id: string, practitioner: string, at: Json): Json => ({
  resourceType: 'PractitionerRole',
  id,
  practitioner: { reference: `Practitioner/${practitioner}`, identifier: { system: GMC, value: `G${practitioner}` } },
  ...at,
});

const DIRECTORY: Json[] = [
  { resourceType: 'Organization', id: 'org-trust', name: 'Northside Mental Health NHS Trust' },
  { resourceType: 'Organization', id: 'org-clinic', name: 'Archway Sexual Health Clinic' },
  { resourceType: 'Organization', id: 'org-practice', name: 'Fleet Valley Surgery' },
  { resourceType: 'Location', id: 'trust-ward', name: 'Ward 4', managingOrganization: { reference: 'Organization/org-trust' } },
  { resourceType: 'HealthcareService', id: 'clinic-line', name: 'Advice line', providedBy: { reference: 'Organization/org-clinic' } },
  // Two roles, both at the trust (one at a ward of it); one at the clinic's service; one at the trust and one at the
  // practice; the practice only.
  role('r1', 'p-trust', { organization: { reference: 'Organization/org-trust' } }),
  role('r2', 'p-trust', { location: [{ reference: 'Location/trust-ward' }] }),
  role('r3', 'p-clinic', { healthcareService: [{ reference: 'HealthcareService/clinic-line' }] }),
  role('r4', 'p-both', { organization: { reference: 'Organization/org-trust' } }),
  role('r5', 'p-both', { organization: { reference: 'Organization/org-practice' } }),
  role('r6', 'p-practice', { organization: { reference: 'Organization/org-practice' } }),
];

/** Each practitioner, and the label their items are to be answered as. */
const PRACTITIONERS: Record<string, string | undefined> = {
  'p-trust': 'PSY',
  'p-clinic': 'SEX',
  'p-both': undefined,
  'p-practice': undefined,
  'p-nobody': undefined,
};

const FORMS: Record<string, (id: string) => Json> = {
  'by id': (id) => ({ reference: `Practitioner/${id}` }),
  'a version of it': (id) => ({ reference: `Practitioner/${id}/_history/2` }),
  'at this hub’s address': (id) => ({ reference: `${HUB}/Practitioner/${id}` }),
  'by the GMC number the role names': (id) => ({ identifier: { system: GMC, value: `G${id}` } }),
};

async function readers(store: Store): Promise<Record<string, Visibility>> {
  const gp = defaultVisibility({ kind: 'professional', odsCode: 'F83999' });
  const carer = defaultVisibility({ kind: 'carer' });
  return {
    'another organisation’s receptionist': await withLabelledSources(
      defaultVisibility({ kind: 'professional', odsCode: 'F83999', clinical: false }),
      store,
    ),
    'a carer whose permission keeps mental health': await withLabelledSources(
      { ...carer, hiddenLabels: [...carer.hiddenLabels, 'PSY'] },
      store,
    ),
    'a GP the resident keeps mental health from': await withLabelledSources({ ...gp, hiddenLabels: [...gp.hiddenLabels, 'PSY'] }, store),
  };
}

async function storeWithDirectory(): Promise<Store> {
  const store = await openTestStore();
  knowHubAddress(store, HUB);
  for (const entry of DIRECTORY) await store.put(entry);
  return store;
}

test('the reported case: a result whose performer is a trust-only psychiatrist is kept from the GP', async () => {
  const store = await storeWithDirectory();
  const result = { ...recordItem('Observation', 'reported', 'pat-1'), performer: [{ reference: 'Practitioner/p-trust' }] };
  await store.put(result);
  const gp = (await readers(store))['a GP the resident keeps mental health from']!;
  assert.equal(isWithheld(result, gp), true, 'read');
  const found = await store.search({
    type: 'Observation',
    patientId: 'pat-1',
    criteria: [],
    sort: { by: 'date', descending: true },
    count: 10,
    visibility: gp,
  });
  assert.deepEqual(
    found.resources.map((item) => item['id']),
    [],
    'searched',
  );
  await store.close();
});

test('every element × practitioner × form × reader: only one whose every role is at the service is it', async () => {
  const store = await storeWithDirectory();
  const twins = new Map<string, { name: string; item: Json; twin: Json }>();
  for (const { type, path } of CASES)
    for (const [practitioner, label] of Object.entries(PRACTITIONERS))
      for (const [form, reference] of Object.entries(FORMS)) {
        const id = `pr-${twins.size}`;
        const base = { ...recordItem(type, id, 'pat-1'), meta: { source: OTHER_SOURCE } };
        const item = withReference(base, path, reference(practitioner));
        twins.set(id, {
          name: `${type}.${path} ${practitioner} ${form}`,
          item,
          twin: label ? recordItem(type, id, 'pat-1', [label]) : base,
        });
        await store.put(item);
      }
  const { wrong, answers, compared } = await answeredAsTwins(store, await readers(store), twins.values(), 'pat-1');
  await store.close();
  assert.deepEqual([...answers].sort(), [false, true], 'both answers met');
  assert.deepEqual(wrong.slice(0, 30), [], `${wrong.length} of ${compared} answered otherwise`);
});

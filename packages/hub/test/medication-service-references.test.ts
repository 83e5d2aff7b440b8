/**
 * A Medication that names a sensitive service's entry. Reviewer R14 suspected that a Medication pointing at a sexual
 * health clinic's directory entry (its `manufacturer`: a clinic's own preparation) was not counted as withheld, so a
 * prescription naming it was shown. Read, it was worse: named by display ("Sexual health clinic") the Medication was
 * `SEX`, withheld, and so was every item naming it; named by reference alone (`Organization/sh-clinic`, as exports send
 * it), neither was — the inconsistency R12 closed for an item's service elements.
 *
 * Now a Medication's `manufacturer` is read as an item's service elements are (`SERVICE_ELEMENTS`), and an item naming
 * a Medication is withheld whenever a read of it is, by the directory entries it points at too. The class: each way a
 * Medication names the clinic or a mental health trust (by reference, at this hub's address, by ODS code, by display)
 * and an ordinary maker × the readers it is kept from and the one it is not: the Medication and a statement naming it
 * are withheld alike, by the search's SQL and the rule as a function, and as the one naming it by display.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { knowHubAddress, withLabelledSources } from '../src/policy/sharing.js';
import { defaultVisibility, isWithheld, sourceOf, type Visibility } from '../src/policy/visibility.js';
import { openTestStore } from './support/test-store.js';

type Json = Record<string, unknown>;

const HUB = 'https://hub.example/fhir';
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const PRACTICE = 'F83999';
/** Each way a Medication names its maker, the maker's entry named `entry` (`Organization/x`, its ODS code `code`). */
const FORMS: Record<string, (entry: string, code: string, display: string) => Json> = {
  reference: (entry) => ({ reference: entry }),
  "this hub's address": (entry) => ({ reference: `${HUB}/${entry}` }),
  'ODS code': (_entry, code) => ({ identifier: { system: ODS, value: code } }),
  display: (_entry, _code, display) => ({ display }),
};
/** The makers: a sexual health clinic, a mental health trust, an ordinary manufacturer. */
const MAKERS: Record<string, { organization: Json; display: string }> = {
  clinic: {
    organization: { name: 'Borough integrated clinic', type: [{ text: 'Sexual health clinic' }] },
    display: 'Borough sexual health clinic',
  },
  trust: { organization: { name: 'North Borough Mental Health NHS Trust' }, display: 'North Borough Mental Health NHS Trust' },
  ordinary: { organization: { name: 'Generic Pharma Ltd' }, display: 'Generic Pharma Ltd' },
};
const VIEWERS: Record<string, Visibility> = {
  'another organisation': defaultVisibility({ kind: 'professional', odsCode: 'R1K', clinical: true }),
  'the carer': defaultVisibility({ kind: 'carer' }),
  'a GP the resident keeps mental health from': {
    ...defaultVisibility({ kind: 'professional', odsCode: 'F84000', clinical: true }),
    hiddenLabels: ['SEX', 'SDV', 'R', 'V', 'RESIDENT-SETTINGS', 'PSY'],
  },
  'the practice that recorded them': defaultVisibility({ kind: 'professional', odsCode: PRACTICE, clinical: true }),
};

test('a Medication naming a sensitive service, and what names it, are withheld alike however it names it', async () => {
  const store = await openTestStore();
  knowHubAddress(store, HUB);
  const wrong: string[] = [];
  const answers: Record<string, boolean> = {};
  try {
    for (const [maker, { organization }] of Object.entries(MAKERS))
      await store.put({
        resourceType: 'Organization',
        id: `maker-${maker}`,
        meta: { source: sourceOf(`M${maker.toUpperCase()}`) },
        identifier: [{ system: ODS, value: `M${maker.toUpperCase()}` }],
        ...organization,
      });
    for (const [maker, { display }] of Object.entries(MAKERS))
      for (const [form, named] of Object.entries(FORMS)) {
        const id = `${maker}-${form.replace(/[^a-z]+/gi, '-')}`;
        await store.put({
          resourceType: 'Medication',
          id,
          meta: { source: sourceOf('RZ9') },
          code: { text: 'Local preparation' },
          manufacturer: named(`Organization/maker-${maker}`, `M${maker.toUpperCase()}`, display),
        });
        await store.put({
          resourceType: 'MedicationStatement',
          id: `ms-${id}`,
          meta: { source: sourceOf(PRACTICE) },
          status: 'active',
          subject: { reference: 'Patient/p' },
          medicationReference: { reference: `Medication/${id}` },
        });
      }
    for (const [viewer, reader] of Object.entries(VIEWERS)) {
      const visibility = await withLabelledSources(reader, store);
      const found = await store.search({
        type: 'MedicationStatement',
        patientId: 'p',
        criteria: [],
        sort: { by: 'date', descending: true },
        count: 100,
        visibility,
      });
      const shown = new Set(found.resources.map((item) => String(item['id'])));
      for (const maker of Object.keys(MAKERS))
        for (const form of Object.keys(FORMS)) {
          const id = `${maker}-${form.replace(/[^a-z]+/gi, '-')}`;
          const medication = (await store.read('Medication', id))!.resource;
          const statement = (await store.read('MedicationStatement', `ms-${id}`))!.resource;
          const own = sourceOf(PRACTICE) === visibility.unlessSource;
          const medicationWithheld = isWithheld(medication, visibility);
          answers[`${viewer}: ${maker} by ${form}`] = medicationWithheld;
          if (isWithheld(statement, visibility) !== (medicationWithheld && !own))
            wrong.push(`${viewer} ${id}: statement ${isWithheld(statement, visibility)}, Medication ${medicationWithheld}`);
          if (shown.has(`ms-${id}`) === isWithheld(statement, visibility)) wrong.push(`${viewer} ${id}: search and rule differ`);
        }
    }
    // Each form is answered as the Medication naming its maker by display, which is read as its words.
    for (const viewer of Object.keys(VIEWERS))
      for (const maker of Object.keys(MAKERS))
        for (const form of Object.keys(FORMS))
          if (answers[`${viewer}: ${maker} by ${form}`] !== answers[`${viewer}: ${maker} by display`])
            wrong.push(
              `${viewer}: ${maker} by ${form} ${answers[`${viewer}: ${maker} by ${form}`]}, by display ${answers[`${viewer}: ${maker} by display`]}`,
            );
    assert.deepEqual(wrong, []);
    // Not a test that passes because nothing is withheld: the clinic's are, from the carer, and the maker's are not.
    assert.equal(answers['the carer: clinic by reference'], true);
    assert.equal(answers['another organisation: ordinary by reference'], false);
  } finally {
    await store.close();
  }
});

/**
 * An appointment whose service is a HealthcareService it contains is answered alike by a read, a search and
 * `$summary` (R13: a search answers exactly what reads answer). F6 suspected that one whose contained service names
 * mental health in words was read but not found, or the reverse, by a GP the resident does not keep mental health
 * from (task F7, fault 2); on a real hub, SQLite and PostgreSQL, it was not so. This holds it.
 *
 * The class: each form a contained service says mental health in (its name, its type in words, its specialty by
 * SNOMED CT code, its category, whose it is by the directory, its identifier) and ordinary look-alikes × a resident
 * who keeps mental health with its service and one who does not × each caller: read, searched and in `$summary`,
 * agreeing with each other and with R12 (the desk's view leaves contained resources out, R11).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { askAs, signInCallers } from './support/callers.js';
import { keepMentalHealth, relateEveryOrganization } from './support/mental-health-choice.js';
import { recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const SHARES = 'pat-000001';
const KEEPS = 'pat-000002';
const service = (extra: Json): Json => ({ resourceType: 'HealthcareService', id: 'hs', name: 'Team B', ...extra });

/** Each contained service, and whether it says mental health. */
const FORMS: Record<string, { entry: Json; mentalHealth: boolean }> = {
  'its name': { entry: service({ name: 'Community Mental Health Team' }), mentalHealth: true },
  'its type in words': { entry: service({ type: [{ text: 'Community mental health team' }] }), mentalHealth: true },
  'its specialty by code': {
    entry: service({ specialty: [{ coding: [{ system: 'http://snomed.info/sct', code: '394587001' }] }] }),
    mentalHealth: true,
  },
  'its category': { entry: service({ category: [{ text: 'Mental health' }] }), mentalHealth: true },
  'provided by a mental health trust': { entry: service({ providedBy: { reference: 'Organization/mh' } }), mentalHealth: true },
  'the trust’s ODS code': {
    entry: service({ identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'RMH01' }] }),
    mentalHealth: true,
  },
  'an ordinary name': { entry: service({ name: 'Diabetes clinic' }), mentalHealth: false },
  'psychology, in words': { entry: service({ name: 'Clinical health psychology' }), mentalHealth: false },
  'an ordinary trust': { entry: service({ providedBy: { reference: 'Organization/acute' } }), mentalHealth: false },
};

let testHub: TestHub;
let tokens: Record<string, string>;

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      await relateEveryOrganization(hub, [SHARES, KEEPS]);
      await hub.store.transaction(async (store) => {
        await store.put(keepMentalHealth(KEEPS, 'keep-psy'));
        await store.put({
          resourceType: 'Organization',
          id: 'mh',
          name: 'Borough NHS Foundation Trust',
          type: [{ text: 'Mental health services' }],
          identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'RMH01' }],
        });
        await store.put({
          resourceType: 'Organization',
          id: 'acute',
          name: 'Borough Hospital',
          type: [{ text: 'Acute hospital services' }],
        });
        for (const patient of [SHARES, KEEPS])
          for (const [index, { entry }] of Object.values(FORMS).entries()) {
            const item = recordItem('Appointment', `a${index}-${patient}`, patient);
            await store.put({
              ...item,
              contained: [entry],
              participant: [...(item['participant'] as Json[]), { actor: { reference: '#hs' }, status: 'accepted' }],
            });
          }
      });
    },
  });
  tokens = await signInCallers(testHub, SHARES);
});
after(() => testHub.close());

test('every contained service form × resident × caller: read, searched and summarised alike, as R12 says', async () => {
  const wrong: string[] = [];
  let cases = 0;
  for (const caller of ['gp', 'hospital-nurse', 'receptionist'])
    for (const patient of [SHARES, KEEPS]) {
      const page = await askAs(testHub, tokens[caller], `/Appointment?patient=${patient}&_count=100`, false, {});
      const summary = await askAs(testHub, tokens[caller], `/Patient/${patient}/$summary`, false, {});
      assert.equal(page.status, 200);
      assert.equal(summary.status, 200);
      const found = ((page.body['entry'] as { resource: Json }[] | undefined) ?? []).map(({ resource }) => String(resource['id']));
      const summarised = JSON.stringify(summary.body);
      for (const [index, [form, { mentalHealth }]] of Object.entries(FORMS).entries()) {
        const id = `a${index}-${patient}`;
        const read = (await askAs(testHub, tokens[caller], `/Appointment/${id}`, false, {})).status === 200;
        // Kept from clinicians when the resident keeps mental health; the desk's view never holds the contained service.
        const shown = !(mentalHealth && patient === KEEPS && caller !== 'receptionist');
        const searched = found.includes(id);
        const inSummary = summarised.includes(`"${id}"`);
        cases += 1;
        if (read !== shown || searched !== shown || inSummary !== shown)
          wrong.push(`${form}, ${patient}, ${caller}: read ${read}, searched ${searched}, $summary ${inSummary}`);
      }
    }
  assert.deepEqual(wrong, [], `${wrong.length} of ${cases} answered otherwise`);
});

/**
 * Vaccinations and procedures end to end (issue 12, finding 7): the hub
 * serves Immunization and Procedure from the contract (read, search by
 * patient with status, date and code), puts them in `$summary`, refuses them
 * to a receptionist, and the SDK's record summary shows them with their states.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHubClient, openRecord } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { startTestHub, testNow, type TestHub } from './support/test-hub.js';

let testHub: TestHub;

before(async () => {
  testHub = await startTestHub();
});
after(() => testHub.close());

/** A resident the store holds both for, with at least one vaccination not given. */
async function residentWithBoth(): Promise<string> {
  const row = (
    await testHub.hub.store.query(`SELECT patient_id AS id FROM resource WHERE type IN ('Immunization', 'Procedure') GROUP BY patient_id
       HAVING COUNT(DISTINCT type) = 2 AND SUM(CASE WHEN type = 'Immunization' AND json LIKE '%"not-done"%' THEN 1 ELSE 0 END) > 0 ORDER BY patient_id LIMIT 1`)
  )[0] as { id: string } | undefined;
  assert.ok(row, 'the borough has a resident with vaccinations (one not given) and procedures');
  return row.id;
}

const stored = async (type: string, patientId: string) =>
  (
    (await testHub.hub.store.query(`SELECT json FROM resource WHERE patient_id = ? AND type = ?`, [patientId, type])) as { json: string }[]
  ).map((row) => JSON.parse(row.json) as { id: string; status: string; occurrenceDateTime?: string });

async function get(
  path: string,
  token: string,
): Promise<{ status: number; body: { entry?: { resource: { resourceType: string; id: string } }[] } }> {
  const response = await fetch(`${testHub.fhir}${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' },
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe('Immunization and Procedure through the real hub', () => {
  test('search by patient, status and date; read by id; the CapabilityStatement lists both', async () => {
    const patientId = await residentWithBoth();
    const token = await testHub.signIn('gp');
    const all = await stored('Immunization', patientId);
    const completed = await get(`/Immunization?patient=${patientId}&status=completed&_count=500`, token);
    assert.equal(completed.status, 200);
    assert.deepEqual(
      completed.body.entry?.map((entry) => entry.resource.id).sort(),
      all
        .filter((item) => item.status === 'completed')
        .map((item) => item.id)
        .sort(),
    );
    const since = all
      .map((item) => item.occurrenceDateTime ?? '')
      .sort()
      .at(-1)!
      .slice(0, 10);
    const recent = await get(`/Immunization?patient=${patientId}&date=ge${since}`, token);
    assert.equal(recent.status, 200);
    assert.ok((recent.body.entry ?? []).length >= 1 && (recent.body.entry ?? []).length < all.length);
    const procedures = await get(`/Procedure?patient=${patientId}&status=completed,not-done&_sort=-date`, token);
    assert.equal(procedures.status, 200);
    assert.ok((procedures.body.entry ?? []).length > 0);
    const [first] = procedures.body.entry!;
    assert.equal((await get(`/Procedure/${first!.resource.id}`, token)).status, 200);
    const metadata = (await (await fetch(`${testHub.fhir}/metadata`)).json()) as { rest: { resource: { type: string }[] }[] };
    const types = metadata.rest.flatMap((rest) => rest.resource.map((resource) => resource.type));
    assert.ok(types.includes('Immunization') && types.includes('Procedure'));
  });

  test('$summary carries them, and the record summary shows them with their states, as the batch fallback does', async () => {
    const patientId = await residentWithBoth();
    const token = await testHub.signIn('gp');
    const record = await openRecord(createHubClient({ baseUrl: testHub.fhir, auth: token }), patientId, {
      audience: 'clinician',
      now: () => new Date(testNow),
    }).page();
    const vaccinations = record.summary.sections.immunisations;
    const shown = (await stored('Immunization', patientId)).filter((item) => item.status !== 'entered-in-error');
    assert.equal(vaccinations.state, 'ready');
    assert.equal(vaccinations.items.length, shown.length);
    assert.ok(vaccinations.items.some((item) => item.status === 'Not given' && item.reason !== undefined));
    assert.ok(vaccinations.items.every((item) => item.source.name !== 'Not known'));
    assert.equal(
      record.summary.sections.procedures.items.length,
      (await stored('Procedure', patientId)).filter((item) => item.status !== 'entered-in-error').length,
    );
  });

  test('a receptionist is refused them (clinical), never told there are none', async () => {
    const receptionist = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'receptionist')!;
    // A resident of the receptionist's practice, so that only the role can be why.
    const row = (
      await testHub.hub.store.query(
        `SELECT r.patient_id AS id FROM resource r JOIN relationship x ON x.patient_id = r.patient_id AND x.organization_id = ?
         WHERE r.type = 'Immunization' ORDER BY r.patient_id LIMIT 1`,
        [receptionist.organizationId],
      )
    )[0] as { id: string };
    const patientId = row.id;
    const token = await testHub.signIn('receptionist');
    assert.equal((await get(`/Appointment?patient=${patientId}`, token)).status, 200, 'the receptionist may see this resident');
    for (const type of ['Immunization', 'Procedure']) assert.equal((await get(`/${type}?patient=${patientId}`, token)).status, 403, type);
  });
});

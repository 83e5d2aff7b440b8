/**
 * A minimal resident app for the end-to-end test, bundled for the browser: it
 * signs in with SMART standalone launch (PKCE), reads the resident's record
 * through the SDK, saves a weight reading, and writes what it saw into the page.
 */
import { beginSmartLaunch, completeSmartLaunch, createHubClient, formatResidentName } from '@care-record/sdk';

const iss = `${location.origin}/fhir`;
const redirectUri = `${location.origin}/e2e/`;
const output = document.querySelector('#result');
const show = (text: string) => {
  if (output) output.textContent = text;
};

async function run(): Promise<void> {
  const here = new URL(location.href);
  if (!here.searchParams.has('code') && !here.searchParams.has('error')) {
    location.assign(
      await beginSmartLaunch({
        iss,
        clientId: 'care-record-e2e',
        redirectUri,
        scope: 'openid fhirUser launch/patient offline_access patient/*.rs patient/Observation.c',
      }),
    );
    return;
  }
  const session = await completeSmartLaunch(location.href);
  // The code and state have done their job: keep them out of the address bar and history.
  history.replaceState(null, '', redirectUri);
  const patientId = session.patient ?? '';
  const hub = createHubClient({ baseUrl: iss, auth: session });
  const patient = await hub.get('/Patient/{id}', { path: { id: patientId } });
  const observations = await hub.collect('/Observation', { query: { patient: patientId } }, { max: 1000 });
  const entry = crypto.randomUUID();
  const saved = await hub.request('post', '/Observation', {
    idempotencyKey: crypto.randomUUID(),
    ifNoneExist: `identifier=https://care-record.example/Id/resident-entry|${entry}`,
    body: {
      resourceType: 'Observation',
      identifier: [{ system: 'https://care-record.example/Id/resident-entry', value: entry }],
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
      code: { coding: [{ system: 'http://snomed.info/sct', code: '27113001', display: 'Body weight' }] },
      subject: { reference: `Patient/${patientId}` },
      performer: [{ reference: `Patient/${patientId}` }],
      effectiveDateTime: new Date().toISOString(),
      valueQuantity: { value: 68.2, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
    },
  });
  show(`Signed in: ${formatResidentName(patient.name?.[0])}; observations: ${observations.length}; reading: ${saved.status}`);
}

run().catch((error: unknown) => show(`Failed: ${error instanceof Error ? error.message : String(error)}`));

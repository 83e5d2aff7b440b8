/**
 * Type tests: `tsc -b` (part of `npm test`) compiles this file. Each
 * `@ts-expect-error` line must be an error, or the build fails — so a wrong
 * path, a missing parameter or a wrong body is proven to be a compile error.
 * Nothing here runs.
 */
import { batchRead, createHubClient, type HubClient, type Observation, type Patient } from '../../src/index.js';

declare const hub: HubClient;
declare const observation: Observation;

export async function typedCalls(): Promise<void> {
  // A read returns the contract's resource type.
  const patient: Patient = await hub.get('/Patient/{id}', { path: { id: 'pat-0001' } });
  patient.resourceType satisfies 'Patient';

  // A search returns its searchset Bundle; matches are the searched resource.
  const bundle = await hub.get('/Observation', { query: { patient: 'pat-0001', category: ['vital-signs'], date: ['ge2025-01-01'] } });
  bundle.type satisfies 'searchset';
  for await (const match of hub.matches('/Observation', { query: { patient: 'pat-0001' } })) {
    match.resourceType satisfies 'Observation';
  }
  const conditions = await hub.collect('/Condition', { query: { patient: 'pat-0001' } }, { max: 10 });
  conditions[0]?.resourceType satisfies 'Condition' | undefined;

  // Endpoints without parameters need no init.
  await hub.get('/metadata');

  // A create takes the resource as its body.
  await hub.post('/Observation', { body: observation, idempotencyKey: 'c3f1e9a4-6d0b-4f0e-9a51-1f3f0c2b7d11' });

  // A batch answers each read with its own type.
  const [read, search] = await hub.batch([
    batchRead('/Patient/{id}', { path: { id: 'pat-0001' } }),
    batchRead('/AllergyIntolerance', { query: { patient: 'pat-0001' } }),
  ]);
  if (read.ok) read.resource.resourceType satisfies 'Patient';
  if (search.ok) search.resource.type satisfies 'searchset';
  if (!search.ok) search.error.kind satisfies string;
}

export async function wrongCalls(): Promise<void> {
  // @ts-expect-error — no such path in the contract
  await hub.get('/Patients/{id}', { path: { id: 'pat-0001' } });

  // @ts-expect-error — the path parameter is missing
  await hub.get('/Patient/{id}');

  // @ts-expect-error — the path parameter has the wrong name
  await hub.get('/Patient/{id}', { path: { patientId: 'pat-0001' } });

  // @ts-expect-error — `patient` is a required search parameter for clinical searches
  await hub.get('/Observation', { query: { category: ['vital-signs'] } });

  // @ts-expect-error — `_count` is a number
  await hub.get('/Observation', { query: { patient: 'pat-0001', _count: 'ten' } });

  // @ts-expect-error — the body must be an Observation
  await hub.post('/Observation', { body: { resourceType: 'Patient' } });

  // @ts-expect-error — the body is required
  await hub.post('/Observation', {});

  // @ts-expect-error — the contract has no POST on this path
  await hub.post('/Patient/{id}', { path: { id: 'pat-0001' } });

  // @ts-expect-error — a read has no body
  await hub.get('/Patient/{id}', { path: { id: 'pat-0001' }, body: {} });

  // @ts-expect-error — reads cannot be paged: only searches can
  hub.pages('/Patient/{id}', { path: { id: 'pat-0001' } });

  // @ts-expect-error — an Observation cannot hold two values at once (value[x] is exclusive)
  const twoValues: Observation = { ...observation, valueQuantity: { value: 70, unit: 'kg' }, valueString: '70 kg' };
  void twoValues;

  // @ts-expect-error — baseUrl is required
  createHubClient({ auth: 'token' });
}

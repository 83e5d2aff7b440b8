/**
 * The SDK is a browser library: the same client, in Chromium, against the
 * contract's example hub on the page's own origin. The page's locale is German
 * and its time zone New York (see web-test-runner.config.ts), so the CUI
 * formats are shown to hold whatever the browser's settings.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { batchRead, createHubClient, formatClinicalDate, formatClinicalDateTime, formatNhsNumber, HubError } from '../../src/index.js';

interface SeenRequest {
  operation: string;
  url: string;
  headers: Record<string, string>;
}

const baseUrl = new URL('/fhir', location.origin).href;
const patientId = 'pat-0001';
const client = (auth = 'browser-token') => createHubClient({ baseUrl, auth, retry: { limit: 2, maxDelay: 20 } });
const seen = () => executeServerCommand<SeenRequest[], undefined>('example-hub-requests');

async function rejection(promise: Promise<unknown>): Promise<HubError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(HubError);
    return error as HubError;
  }
  throw new Error('expected the request to fail');
}

describe('hub client in Chromium', () => {
  beforeEach(() => executeServerCommand('example-hub-reset'));

  it('reads a patient with FHIR headers, bearer token and request id', async () => {
    const patient = await client().get('/Patient/{id}', { path: { id: patientId } });
    expect(patient.resourceType).to.equal('Patient');
    expect(patient.id).to.equal(patientId);
    const [request] = await seen();
    expect(request?.headers['authorization']).to.equal('Bearer browser-token');
    expect(request?.headers['accept']).to.equal('application/fhir+json');
    expect(request?.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
  });

  it("takes a base given as the page's own path, as a host behind its own proxy writes it", async () => {
    for (const relative of ['/fhir', '/fhir/', `//${location.host}/fhir`]) {
      await executeServerCommand('example-hub-reset');
      const hub = createHubClient({ baseUrl: relative, auth: 'browser-token' });
      expect(hub.baseUrl, relative).to.equal(`${location.origin}/fhir/`);
      const patient = await hub.get('/Patient/{id}', { path: { id: patientId } });
      expect(patient.id, relative).to.equal(patientId);
      expect((await seen())[0]?.url, relative).to.match(/^\/fhir\/Patient\/pat-0001/);
    }
  });

  it('searches with repeated date parameters and pages through matches', async () => {
    const found = await client().collect(
      '/Observation',
      { query: { patient: patientId, date: ['ge2024-01-01', 'le2026-12-31'] } },
      { max: 3 },
    );
    expect(found.length).to.be.greaterThan(0);
    expect(found.every((observation) => observation.resourceType === 'Observation')).to.equal(true);
    const [request] = await seen();
    expect(request?.url).to.contain('date=ge2024-01-01&date=le2026-12-31');
  });

  it('retries after 503 with Retry-After, keeping one request id', async () => {
    await executeServerCommand('example-hub-script', {
      operation: 'GET /Patient/{id}',
      answers: [
        {
          status: 503,
          headers: { 'retry-after': '1' },
          body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] },
        },
        'example',
      ],
    });
    const started = performance.now();
    await client().get('/Patient/{id}', { path: { id: patientId } });
    expect(performance.now() - started).to.be.greaterThan(950);
    const requests = await seen();
    expect(requests.length).to.equal(2);
    expect(requests[0]?.headers['x-request-id']).to.equal(requests[1]?.headers['x-request-id']);
  });

  it('refreshes an expired token once for concurrent requests', async () => {
    await executeServerCommand('example-hub-script', {
      operation: 'GET /Patient/{id}',
      answers: [
        ...Array.from({ length: 5 }, () => ({
          status: 401,
          body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] },
        })),
        'example',
      ],
    });
    let refreshes = 0;
    let token = 'expired';
    const hub = createHubClient({
      baseUrl,
      auth: {
        getAccessToken: () => token,
        refreshAccessToken: async () => {
          refreshes += 1;
          await new Promise((resolve) => setTimeout(resolve, 30));
          token = 'fresh';
          return token;
        },
      },
    });
    const patients = await Promise.all(Array.from({ length: 5 }, () => hub.get('/Patient/{id}', { path: { id: patientId } })));
    expect(patients.map((patient) => patient.id)).to.deep.equal(Array(5).fill(patientId));
    expect(refreshes).to.equal(1);
    const retried = (await seen()).slice(5);
    expect(retried.every((request) => request.headers['authorization'] === 'Bearer fresh')).to.equal(true);
  });

  it('cancels with an AbortSignal', async () => {
    await executeServerCommand('example-hub-script', { operation: 'GET /Patient/{id}', answers: [{ hangMs: 5000 }] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(client().get('/Patient/{id}', { path: { id: patientId }, signal: controller.signal }));
    expect(error.kind).to.equal('aborted');
  });

  it('shapes errors without the token or the patient', async () => {
    await executeServerCommand('example-hub-script', {
      operation: 'GET /Patient/{id}',
      answers: [
        {
          status: 404,
          body: {
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'not-found', diagnostics: 'No record for Jane DOE 9990000018' }],
          },
        },
      ],
    });
    const error = await rejection(client('very-secret').get('/Patient/{id}', { path: { id: '9990000018' } }));
    expect(error.status).to.equal(404);
    expect(error.message).to.not.contain('very-secret');
    expect(error.message).to.not.contain('9990000018');
    expect(error.message).to.not.contain('DOE');
  });

  it('batches reads and reports a failing entry on its own', async () => {
    await executeServerCommand('example-hub-script', {
      operation: 'POST /',
      answers: [
        {
          status: 200,
          body: {
            resourceType: 'Bundle',
            type: 'batch-response',
            entry: [
              { resource: { resourceType: 'Patient', id: patientId }, response: { status: '200 OK' } },
              {
                response: {
                  status: '403 Forbidden',
                  outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] },
                },
              },
            ],
          },
        },
      ],
    });
    const [patient, flags] = await client().batch([
      batchRead('/Patient/{id}', { path: { id: patientId } }),
      batchRead('/Flag', { query: { patient: patientId } }),
    ]);
    expect(patient.ok).to.equal(true);
    expect(flags.ok).to.equal(false);
    expect(flags.status).to.equal(403);
  });

  it('formats CUI values the same in a German, New York browser', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('America/New_York');
    expect(navigator.language).to.equal('de-DE');
    expect(formatClinicalDate('2008-04-05')).to.equal('05-Apr-2008');
    expect(formatClinicalDateTime('2026-07-01T13:07:00Z')).to.equal('01-Jul-2026 14:07');
    expect(formatNhsNumber('9434765919')).to.equal('943 476 5919');
  });
});

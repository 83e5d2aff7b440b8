/**
 * A hub's refusal carries two texts: `details.text`, a sentence for a person, and `diagnostics`, for developers
 * (element paths, FHIRPath, codes, internal file names). A resident or carer is shown only the first, or the SDK's
 * own sentence, never the second. Every write the person-held screens make is refused, over a real HTTP server
 * on loopback, with each status a hub answers a refusal with, and `diagnostics` carrying a marker: the marker
 * never reaches what the screen is given to show.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import {
  acceptInvitation,
  buildProxyConsent,
  createHubClient,
  createSubmissionQueue,
  describeWriteFailure,
  inviteCarer,
  inviteCarerAgain,
  saveCarerAccess,
  saveSharing,
  stopCarerAccess,
  submissionFailure,
  type CarerAccess,
  type HubClient,
  type ResidentWrite,
  type SharingChoices,
  type SharingViewModel,
  type ValidEntry,
} from '../../src/index.js';
import { fhirJson, startLoopbackServer, type LoopbackServer, type SeenRequest } from '../client/loopback-server.js';

const PATIENT = 'pat-0001';
const MARKER = 'MARKER-7f3a';
const developerText = `${MARKER} Observation.component.where(code.coding.code='8480-6').value /srv/hub/src/fhir/handlers.ts:423`;
const STATUSES = [400, 403, 404, 409, 412, 422, 429, 500, 503] as const;

let server: LoopbackServer;
before(async () => {
  server = await startLoopbackServer();
});
after(() => server.close());

const client = (): HubClient => createHubClient({ baseUrl: `${server.origin}/fhir`, auth: 'token', retry: false });

const carer: CarerAccess = {
  relatedPersonId: 'rp-1',
  personShown: true,
  consentId: 'proxy-1',
  name: 'Sam Carer',
  etag: 'W/"1"',
  relationship: 'son',
  actions: [],
  withheld: [],
  grantedText: '',
  inForce: true,
  standingText: '',
  stopped: false,
  invited: false,
};
const proxyConsent = () => ({
  ...buildProxyConsent({ patientId: PATIENT, relatedPersonId: 'rp-1', carerName: 'Sam Carer', actions: ['view-record'], withheld: [] }),
  id: 'proxy-1',
  meta: { versionId: '1' },
});
const model = (consentId?: string): SharingViewModel =>
  ({ patientId: PATIENT, ...(consentId ? { consentId, etag: 'W/"1"' } : {}), choices: noChoices }) as SharingViewModel;

interface Write {
  name: string;
  /** `METHOD path` (under `/fhir`) of the request that is refused. */
  refused: RegExp;
  words: ResidentWrite;
  /** Makes the write and returns everything the screen would be given to show of its failure. */
  run: (hub: HubClient) => Promise<string[]>;
}

const weight: ValidEntry = { kind: 'weight', kilograms: 61.2, measured: '2026-11-28' };
const medicine: ValidEntry = { kind: 'medicine', name: 'Ibuprofen 200 mg tablets' };
const noChoices: SharingChoices = { organisations: [], categories: [], exceptions: [] };

async function queued(hub: HubClient, entry: ValidEntry): Promise<string[]> {
  const queue = createSubmissionQueue(hub, PATIENT, { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 });
  queue.submit(entry);
  await queue.idle();
  queue.close();
  const [only] = queue.entries;
  assert.equal(only?.state, 'failed');
  return [only?.failure?.reason ?? '', only?.summary ?? ''];
}

const failing =
  (words: ResidentWrite, write: (hub: HubClient) => Promise<unknown>) =>
  async (hub: HubClient): Promise<string[]> => {
    const error = await write(hub).then(
      () => assert.fail('expected the write to be refused'),
      (failed: unknown) => failed,
    );
    const failure = describeWriteFailure(error, words);
    const carerSees = describeWriteFailure(error, words, { actingFor: 'Bridget' });
    return [failure.headline, failure.advice, carerSees.headline, carerSees.advice, submissionFailure(error).reason];
  };

const invitation = { name: 'Sam Carer', relationship: 'SON' as const, actions: ['view-record' as const], withheld: [] };
const WRITES: Write[] = [
  { name: 'a reading', refused: /^POST \/fhir\/Observation$/, words: 'reading', run: (hub) => queued(hub, weight) },
  {
    name: 'a medicine bought over the counter',
    refused: /^POST \/fhir\/MedicationStatement$/,
    words: 'reading',
    run: (hub) => queued(hub, medicine),
  },
  {
    name: 'a first sharing choice',
    refused: /^POST \/fhir\/Consent$/,
    words: 'sharing',
    run: failing('sharing', (hub) => saveSharing(hub, model(), noChoices)),
  },
  {
    name: 'a changed sharing choice',
    refused: /^PUT \/fhir\/Consent\/consent-1$/,
    words: 'sharing',
    run: failing('sharing', (hub) => saveSharing(hub, model('consent-1'), noChoices)),
  },
  {
    name: 'a carer’s permissions',
    refused: /^PUT \/fhir\/Consent\/proxy-1$/,
    words: 'carer-change',
    run: failing('carer-change', (hub) => saveCarerAccess(hub, PATIENT, carer, { actions: ['view-record', 'add-readings'], withheld: [] })),
  },
  {
    name: 'stopping a carer',
    refused: /^PUT \/fhir\/Consent\/proxy-1$/,
    words: 'carer-change',
    run: failing('carer-change', (hub) => stopCarerAccess(hub, carer)),
  },
  {
    name: 'an invitation: the person',
    refused: /^POST \/fhir\/RelatedPerson$/,
    words: 'invitation',
    run: failing('invitation', (hub) => inviteCarer(hub, PATIENT, invitation)),
  },
  {
    name: 'an invitation: their permission',
    refused: /^POST \/fhir\/Consent$/,
    words: 'invitation',
    run: failing('invitation', (hub) => inviteCarer(hub, PATIENT, invitation)),
  },
  {
    name: 'an invitation: the code',
    refused: /^POST \/fhir\/RelatedPerson\/rp-1\/\$invite$/,
    words: 'invitation',
    run: failing('invitation', (hub) => inviteCarer(hub, PATIENT, invitation)),
  },
  {
    name: 'a new code',
    refused: /^POST \/fhir\/RelatedPerson\/rp-1\/\$invite$/,
    words: 'invitation',
    run: failing('invitation', (hub) => inviteCarerAgain(hub, carer)),
  },
  {
    name: 'accepting an invitation',
    refused: /^POST \/fhir\/\$accept-invitation$/,
    words: 'invitation',
    run: failing('invitation', (hub) => acceptInvitation(hub, 'ABCD-EFGH')),
  },
];

type Issue = {
  severity: string;
  code: string;
  diagnostics?: string;
  details?: { coding?: { system: string; code: string }[]; text?: string };
  expression?: string[];
};

/** A plain FHIR server that does what it is asked, except the one request it refuses with `issues`. */
function refusing(refused: RegExp, status: number, issues: Issue[]): (request: SeenRequest, response: ServerResponse) => void {
  return (request, response) => {
    const path = new URL(request.url, server.origin).pathname;
    const send = (code: number, body: unknown) => response.writeHead(code, { ...fhirJson, etag: 'W/"1"' }).end(JSON.stringify(body));
    if (refused.test(`${request.method} ${path}`)) return send(status, { resourceType: 'OperationOutcome', issue: issues });
    if (request.method === 'GET' && path === '/fhir/Consent')
      return send(200, { resourceType: 'Bundle', type: 'searchset', total: 0, entry: [] });
    if (request.method === 'GET' && path.startsWith('/fhir/Consent/')) return send(200, proxyConsent());
    if (request.method === 'POST' && path === '/fhir/RelatedPerson')
      return send(201, { ...(JSON.parse(request.body) as object), id: 'rp-1', meta: { versionId: '1' } });
    if (request.method === 'POST' && path === '/fhir/Consent')
      return send(201, { ...(JSON.parse(request.body) as object), id: 'consent-9', meta: { versionId: '1' } });
    if (path.endsWith('/$invite'))
      return send(200, {
        resourceType: 'Parameters',
        parameter: [
          { name: 'code', valueString: 'ABCD-EFGH' },
          { name: 'expires', valueDateTime: '2026-12-10T23:59:59Z' },
        ],
      });
    return send(404, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
  };
}

const issue = (status: number, extra: Partial<Issue> = {}): Issue => ({
  severity: status >= 500 ? 'fatal' : 'error',
  code: status === 403 ? 'forbidden' : status === 409 ? 'conflict' : status >= 500 ? 'exception' : 'business-rule',
  diagnostics: developerText,
  details: { coding: [{ system: 'https://care-record.example/CodeSystem/hub-error', code: 'INVALID_RESOURCE' }] },
  expression: ['Observation.component[0].valueQuantity'],
  ...extra,
});

function assertNoMarker(shown: string[], what: string): void {
  for (const sentence of shown) {
    assert.ok(!sentence.includes(MARKER), `${what}: the developer text reached the screen: ${sentence}`);
    assert.ok(!sentence.includes('/srv/'), `${what}: a path reached the screen: ${sentence}`);
    assert.ok(!sentence.includes('valueQuantity'), `${what}: an element name reached the screen: ${sentence}`);
  }
}

describe('the reported case', () => {
  test('a resident’s reading refused 422 shows the hub’s sentence for a person, not its diagnostics', async () => {
    server.answer = refusing(/^POST \/fhir\/Observation$/, 422, [
      issue(422, { details: { text: 'Systolic blood pressure (mmHg) must be between 50 and 300.' } }),
    ]);
    const [reason] = await queued(client(), weight);
    assert.equal(reason, 'It was not accepted: Systolic blood pressure (mmHg) must be between 50 and 300.');
  });

  test('with diagnostics only, a 400 says it was not accepted, in the SDK’s words', async () => {
    server.answer = refusing(/^POST \/fhir\/Observation$/, 400, [issue(400)]);
    const [reason] = await queued(client(), weight);
    assert.equal(reason, 'It was not accepted.');
  });
});

describe('every person-held write × every refusal, with developer text in diagnostics', () => {
  for (const write of WRITES)
    for (const status of STATUSES)
      test(`${write.name}, refused ${status}: the screen never shows diagnostics`, async () => {
        server.answer = refusing(write.refused, status, [issue(status)]);
        const shown = await write.run(client());
        assertNoMarker(shown, `${write.name} ${status}`);
        assert.ok(
          shown.some((sentence) => sentence.trim() !== ''),
          'something is said',
        );
      });
});

test('any outcome shape: diagnostics never reach a write’s failure words, a sentence for a person may', async () => {
  const issues = fc.array(
    fc.record(
      {
        severity: fc.constantFrom('error', 'fatal', 'warning'),
        code: fc.constantFrom('invalid', 'business-rule', 'forbidden', 'conflict', 'exception', 'processing'),
        diagnostics: fc.string().map((noise) => `${noise}${MARKER}${noise}`),
        details: fc.record(
          { text: fc.constantFrom('Check what you entered.', 'This is not part of what you were given access to.', '') },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['severity', 'code', 'diagnostics'] },
    ),
    { minLength: 1, maxLength: 3 },
  );
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...WRITES.slice(0, 4), WRITES[6]!),
      fc.constantFrom(...STATUSES),
      issues,
      async (write, status, outcome) => {
        server.answer = refusing(write.refused, status, outcome as Issue[]);
        assertNoMarker(await write.run(client()), `${write.name} ${status}`);
      },
    ),
    { numRuns: 60, seed: 61218 },
  );
});

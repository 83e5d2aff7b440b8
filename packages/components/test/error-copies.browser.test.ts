/**
 * The elements beside a host client from another copy of the SDK (the one-file
 * embed beside the host's bundle, or another version in one install): its
 * errors are told in the same words as their own copy's — the reason, the
 * request id, "Try again" only where it can help, emergency access where the
 * hub offers it — never "Something went wrong".
 *
 * The second copy: each module that defines an error class, loaded again under
 * another address, so its classes are not the first copy's.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import * as first from '@care-record/sdk';
import type { HubClient, OperationOutcome, PatientLookupProblem, RecordAudience, SmartLaunchErrorCode } from '@care-record/sdk';
import '../src/define.js';
import type { CareRecordProvider } from '../src/index.js';
import { failureReason, renderError, retryCanHelp } from '../src/internal/states.js';
import * as firstTask from '../src/internal/record-task.js';
import * as firstContext from '../src/internal/record-context.js';
import { $, settled, text, until } from './support/dom.js';
import { createFakeHub } from './support/fake-hub.js';

/** A module again, as a second copy would hold it. */
const again = async <T>(path: string): Promise<T> => (await import(`${new URL(path, import.meta.url).href}?second-copy`)) as T;

interface Copy {
  HubError: typeof first.HubError;
  PatientLookupError: typeof first.PatientLookupError;
  SmartLaunchError: typeof first.SmartLaunchError;
  WrongPatientError: typeof firstTask.WrongPatientError;
  PatientMismatchError: typeof firstContext.PatientMismatchError;
}
const firstCopy: Copy = { ...first, ...firstTask, ...firstContext };
let secondCopy: Copy;

before(async () => {
  const [hub, lookup, smart, task, context] = await Promise.all([
    again<Pick<Copy, 'HubError'>>('../../sdk/src/client/hub-error.ts'),
    again<Pick<Copy, 'PatientLookupError'>>('../../sdk/src/record/patient-lookup.ts'),
    again<Pick<Copy, 'SmartLaunchError'>>('../../sdk/src/auth/smart-error.ts'),
    again<typeof firstTask>('../src/internal/record-task.ts'),
    again<typeof firstContext>('../src/internal/record-context.ts'),
  ]);
  secondCopy = { ...hub, ...lookup, ...smart, ...task, ...context };
  expect(secondCopy.HubError).to.not.equal(first.HubError);
  expect(secondCopy.WrongPatientError).to.not.equal(firstTask.WrongPatientError);
});

const HUB_ERROR_SYSTEM = 'https://care-record.example/CodeSystem/hub-error';
const refusal = (code: string, breakGlass: boolean): OperationOutcome =>
  ({
    resourceType: 'OperationOutcome',
    issue: [
      { severity: 'error', code: 'forbidden', details: { coding: [{ system: HUB_ERROR_SYSTEM, code }], text: 'Refused' } },
      ...(breakGlass
        ? [
            {
              severity: 'information',
              code: 'informational',
              details: { coding: [{ system: HUB_ERROR_SYSTEM, code: 'BREAK_GLASS_AVAILABLE' }] },
            },
          ]
        : []),
    ],
  }) as OperationOutcome;

/** A client whose every request is answered with `error`, as a host's client of either copy would reject. */
const failingClient = (error: Error): HubClient => createFakeHub({ fail: () => error }).client;

async function record(client: HubClient): Promise<CareRecordProvider> {
  return fixture<CareRecordProvider>(
    html`<care-record-provider .client=${client} patient="pat-000001">
      <care-patient-banner></care-patient-banner>
      <care-record-summary></care-record-summary>
    </care-record-provider>`,
  );
}

describe('a host client from another copy of the SDK', () => {
  it('the reported case: a refusal with emergency access open offers it and gives the request id', async () => {
    const told: string[] = [];
    for (const copy of [firstCopy, secondCopy]) {
      const error = new copy.HubError({
        kind: 'http',
        status: 403,
        operation: 'GET /Patient/{id}',
        requestId: 'req-403',
        outcome: refusal('NO_LEGITIMATE_RELATIONSHIP', true),
      });
      const provider = await record(failingClient(error));
      await until(() => $(provider, '[part~="record-message"]') !== null, 3000, 'the message');
      await settled(provider);
      expect($(provider, '[part~="break-glass-form"]'), 'break-glass form').to.not.equal(null);
      told.push(text($(provider, '[part~="record-message"]')));
    }
    expect(told[0]).to.contain('Request ID req-403');
    expect(told[1]).to.equal(told[0]);
  });

  it('a banner that could not load says why, with the request id, as for its own copy', async () => {
    const told: string[] = [];
    for (const copy of [firstCopy, secondCopy]) {
      const error = new copy.HubError({ kind: 'http', status: 503, operation: 'GET /Patient/{id}', requestId: 'req-503' });
      const provider = await record(failingClient(error));
      const banner = provider.querySelector('care-patient-banner')!;
      await until(() => $(banner, '[part~="error"]') !== null, 3000, 'the error');
      told.push(text($(banner, '[part~="error"]')));
    }
    expect(told[0]).to.contain('The care record service had a problem.');
    expect(told[0]).to.contain('req-503');
    expect(told[1]).to.equal(told[0]);
  });
});

/** Every kind of error the elements tell apart, made by a copy. */
const kinds: { name: string; make: (copy: Copy) => Error }[] = [];
for (const kind of ['timeout', 'network', 'aborted', 'invalid-response', 'unsafe-link'] as const)
  for (const mayHaveBeenSaved of [undefined, true, false])
    kinds.push({
      name: `${kind} ${String(mayHaveBeenSaved)}`,
      make: (copy) =>
        new copy.HubError({
          kind,
          operation: 'GET /Patient',
          requestId: 'req-1',
          ...(mayHaveBeenSaved === undefined ? {} : { mayHaveBeenSaved }),
        }),
    });
for (const status of [400, 401, 403, 404, 408, 409, 410, 412, 422, 429, 500, 503])
  kinds.push({
    name: `http ${status}`,
    make: (copy) => new copy.HubError({ kind: 'http', status, operation: 'GET /Patient', requestId: `req-${status}` }),
  });
for (const code of ['ROLE_RESTRICTED', 'NO_LEGITIMATE_RELATIONSHIP', 'SHARING_DECLINED', 'NO_PROXY_ACCESS'])
  for (const breakGlass of [false, true])
    kinds.push({
      name: `403 ${code} ${breakGlass ? 'with' : 'without'} emergency access`,
      make: (copy) =>
        new copy.HubError({
          kind: 'http',
          status: 403,
          operation: 'GET /Observation',
          requestId: 'req-r',
          outcome: refusal(code, breakGlass),
        }),
    });
const problems: PatientLookupProblem[] = ['invalid-nhs-number', 'not-found', 'none-you-may-open', 'not-shown', 'more-than-one'];
for (const problem of problems) kinds.push({ name: `lookup ${problem}`, make: (copy) => new copy.PatientLookupError(problem) });
const codes: SmartLaunchErrorCode[] = ['discovery-failed', 'access-denied', 'token-failed', 'refresh-failed', 'signed-out'];
for (const code of codes) kinds.push({ name: `sign-in ${code}`, make: (copy) => new copy.SmartLaunchError(code) });
kinds.push(
  { name: 'wrong patient', make: (copy) => new copy.WrongPatientError() },
  { name: 'patient mismatch', make: (copy) => new copy.PatientMismatchError() },
);

/** An error panel as a person sees it. */
function panelText(error: Error, audience: RecordAudience): string {
  const host = document.createElement('div');
  render(
    renderError({ title: 'Patient details could not be loaded', error, audience, onRetry: retryCanHelp(error) ? () => {} : undefined }),
    host,
  );
  return text(host);
}

describe('every error kind from either copy, told by the elements', () => {
  const audiences: RecordAudience[] = ['clinician', 'resident'];
  for (const audience of audiences)
    it(`for a ${audience}: the same words, request id and Try again`, () => {
      const differ: string[] = [];
      for (const { name, make } of kinds) {
        const own = {
          reason: failureReason(make(firstCopy), audience),
          retry: retryCanHelp(make(firstCopy)),
          panel: panelText(make(firstCopy), audience),
        };
        const foreign = {
          reason: failureReason(make(secondCopy), audience),
          retry: retryCanHelp(make(secondCopy)),
          panel: panelText(make(secondCopy), audience),
        };
        if (JSON.stringify(own) !== JSON.stringify(foreign)) differ.push(`${name}: ${foreign.panel}`);
      }
      expect(differ, `${differ.length} of ${kinds.length} told differently`).to.deep.equal([]);
    });
});

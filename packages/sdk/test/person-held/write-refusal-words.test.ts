/**
 * A carer's refused write is worded as the record words the same refusal, never in the hub's own sentence: a carer
 * kept from changing Bridget's sharing read the hub's `details.text` ("… Ward 7 …"), which could name things the
 * reader was not given. The class: every refusal code × every kind of write, as a carer and as the resident.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HubError } from '../../src/client/hub-error.js';
import { describeWriteFailure, type ResidentWrite } from '../../src/person-held/write-failure.js';
import { NOT_PERMITTED_NOTICE, PROXY_RESTRICTED_NOTICE, SCOPE_RESTRICTED_NOTICE } from '../../src/record/notices.js';

const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';
const HUB_SENTENCE = 'Refused by the Ward 7 sharing rule for Mrs Example';

const refused = (code: string | undefined) =>
  new HubError({
    kind: 'http',
    status: 403,
    operation: 'PUT /Consent/{id}',
    requestId: 'req-1',
    outcome: {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'forbidden',
          details: { ...(code ? { coding: [{ system: HUB_ERROR, code }] } : {}), text: HUB_SENTENCE },
        },
      ],
    },
  });

/** The record's own words for each refusal (record/notices.ts); a refusal of the record itself, or none, is its own. */
const RECORD_WORDS: Record<string, RegExp> = {
  PROXY_RESTRICTED: new RegExp(`^${PROXY_RESTRICTED_NOTICE}\\.`),
  SCOPE_RESTRICTED: new RegExp(`^${SCOPE_RESTRICTED_NOTICE}\\.`),
  ROLE_RESTRICTED: new RegExp(`^${NOT_PERMITTED_NOTICE}\\.`),
};
const CODES = [
  'PROXY_RESTRICTED',
  'SCOPE_RESTRICTED',
  'ROLE_RESTRICTED',
  'ACCESS_DENIED',
  'NO_PROXY_ACCESS',
  'SHARING_DECLINED',
  undefined,
];
const WRITES: ResidentWrite[] = ['reading', 'invitation', 'carer-change', 'sharing'];

describe('a refused write in the record’s words', () => {
  test('the reported case: a carer’s PROXY_RESTRICTED sharing change', () => {
    const failure = describeWriteFailure(refused('PROXY_RESTRICTED'), 'sharing', { actingFor: 'Bridget' });
    assert.ok(!failure.advice.includes('Ward 7'), failure.advice);
    assert.match(failure.advice, RECORD_WORDS['PROXY_RESTRICTED']!);
  });

  test('every refusal code × every write, carer and resident', () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const code of CODES)
      for (const write of WRITES)
        for (const actingFor of ['Bridget', undefined]) {
          cases += 1;
          const { advice, retryable } = describeWriteFailure(refused(code), write, { actingFor });
          const expected = code ? RECORD_WORDS[code] : undefined;
          if (advice.includes('Ward 7') || (expected && !expected.test(advice)) || retryable)
            wrong.push(`${code ?? 'no code'}, ${write}, ${actingFor ?? 'resident'}: "${advice}"`);
        }
    assert.equal(wrong.join('\n'), '', `${wrong.length} of ${cases} wrong`);
  });
});

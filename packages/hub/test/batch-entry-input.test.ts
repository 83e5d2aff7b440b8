/**
 * A batch entry is answered as the same request on its own would be (R2), and a caller without a token learns
 * nothing else about a request (R1). A reviewer found a batch entry whose query was not UTF-8
 * (`Observation?patient=…&code=%FF%FE`) answered `200` — the bytes quietly replaced — where the same request on its
 * own is `400`, and an entry URL over 8,192 characters answered `200` where on its own it is `414`; and a request
 * with no token asking for XML was told `406` (this hub answers JSON only) before `401`.
 *
 * The class: every GET in a corpus of unreadable query strings and paths, long URLs and ordinary ones, answered alike
 * on its own and as a batch's entry; and every way of asking for a format, without a token, `401`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { askAs } from './support/callers.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

const PATIENT = 'pat-000003';

let testHub: TestHub;
let gp = '';

before(async () => {
  testHub = await startTestHub();
  gp = await testHub.signIn('gp');
});
after(() => testHub.close());

const CORPUS: [string, string][] = [
  ['bytes that are not UTF-8 in a token', `/Observation?patient=${PATIENT}&code=%FF%FE`],
  ['bytes that are not UTF-8 in an identifier', '/Patient?identifier=%FF%FE'],
  ['an overlong UTF-8 encoding', '/Patient?family=%C0%AF%C0%AF'],
  ['a lone surrogate encoded', `/Condition?patient=${PATIENT}&code=%ED%A0%80`],
  ['a malformed percent-encoding in the query', `/Condition?patient=${PATIENT}&code=%ZZ`],
  ['a truncated percent-encoding in the query', `/Condition?patient=${PATIENT}&code=%E2%82`],
  ['a malformed percent-encoding in the path', '/Patient/%E0%A4%A'],
  ['a lone % in the path', '/Patient/abc%'],
  ['bytes that are not UTF-8 in the path', '/Patient/%FF'],
  ['a URL of 9,000 characters', `/Patient?family=${'a'.repeat(9_000)}`],
  ['a URL of 8,300 characters', `/Condition?patient=${PATIENT}&code=${'c'.repeat(8_250)}`],
  ['a URL just under the limit', `/Patient?family=${'a'.repeat(8_000)}`],
  ['an ordinary search', `/Condition?patient=${PATIENT}`],
  ['an ordinary read', `/Patient/${PATIENT}`],
  ['UTF-8 that is well formed', '/Patient?family=%C3%A9'],
];

describe('a batch entry is answered as the request on its own', () => {
  test('a query that is not UTF-8 is refused in a batch too', async () => {
    const path = `/Observation?patient=${PATIENT}&code=%FF%FE`;
    assert.equal((await askAs(testHub, gp, path, false, {})).status, 400);
    assert.equal((await askAs(testHub, gp, path, true, {})).status, 400);
  });

  test('every request of the corpus: the same status on its own and as an entry', async () => {
    const differ: string[] = [];
    for (const [what, path] of CORPUS) {
      const alone = await askAs(testHub, gp, path, false, {});
      const entry = await askAs(testHub, gp, path, true, {});
      if (alone.status !== entry.status) differ.push(`${what}: on its own ${alone.status}, as an entry ${entry.status}`);
    }
    assert.deepEqual(differ, [], `${differ.length} of ${CORPUS.length}`);
  });
});

describe('without a token, 401 whatever else is asked', () => {
  test('every way of asking for a format', async () => {
    const answers: string[] = [];
    const accepts = ['application/fhir+xml', 'application/xml', 'text/html', 'image/png', 'application/fhir+json', '*/*'];
    const formats = ['', '&_format=xml', '&_format=application/fhir+xml', '&_format=json'];
    for (const accept of accepts)
      for (const format of formats) {
        const answer = await fetch(`${testHub.fhir}/Condition?patient=${PATIENT}${format}`, { headers: { accept } });
        await answer.arrayBuffer();
        if (answer.status !== 401) answers.push(`Accept ${accept}${format}: ${answer.status}`);
      }
    assert.deepEqual(answers, []);
  });
});

/**
 * A batch entry refused for one type says so as the same request on its own does. A narrow SMART sign-in (no
 * `user/MedicationStatement.rs`) had its medicines list failed whole: the request on its own is refused with an
 * `insufficient_scope` challenge, but a batch entry has no headers, and its outcome said only `ACCESS_DENIED`, which a
 * reader cannot tell from a refusal of the whole record.
 *
 * The class: every caller (each persona, an EHR launch, a sign-in given few types, a carer kept from all but
 * appointments) × residents (theirs, the launch's, a stranger's) × the reads and searches of a record. An entry
 * refused for its type — the sign-in's scopes (`SCOPE_RESTRICTED`), the role (`ROLE_RESTRICTED`) or a carer's
 * permission (`PROXY_RESTRICTED`) — carries that code and names the type; every other answer, a refusal of the whole
 * record included, is the same request's on its own, and never gains a type's code.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addOnlyCarer } from './support/add-only-carer.js';
import { askAs, signInCallers } from './support/callers.js';
import { signInPersonas } from '../src/index.js';
import { exampleOf, RECORD_TYPES, recordItem, sharingChoiceExcluding } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const STRANGER = 'refusal-stranger';
/** A resident of the GP's practice who has chosen not to share with it: a whole-record refusal (`SHARING_DECLINED`). */
const DECLINED = 'refusal-declined';
const LAUNCH_PATIENT = 'pat-000003';
const TYPE_CODES = ['SCOPE_RESTRICTED', 'ROLE_RESTRICTED', 'PROXY_RESTRICTED'];
/** Refusals of the whole record (and the offer of emergency access beside them): an entry never gains a type's code. */
const WHOLE_RECORD_CODES = ['NO_LEGITIMATE_RELATIONSHIP', 'NO_PROXY_ACCESS', 'SHARING_DECLINED', 'BREAK_GLASS_AVAILABLE'];
const NARROW_SCOPE = 'openid fhirUser user/Patient.rs user/Organization.rs user/Practitioner.rs user/Appointment.rs';

let testHub: TestHub;
let patients: string[] = [];
const tokens: Record<string, string> = {};

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      await hub.store.transaction(async (store) => {
        await store.put({ ...exampleOf('Patient'), id: STRANGER, identifier: [] });
        for (const type of RECORD_TYPES) await store.put(recordItem(type, `${STRANGER}-${type.toLowerCase()}`, STRANGER));
      });
      const gp = signInPersonas(hub.borough).find((persona) => persona.id === 'gp')!;
      await hub.store.transaction(async (store) => {
        await store.put({ ...exampleOf('Patient'), id: DECLINED, identifier: [] });
        for (const type of RECORD_TYPES) await store.put(recordItem(type, `${DECLINED}-${type.toLowerCase()}`, DECLINED));
      });
      await hub.store.relateMany([{ patientId: DECLINED, organizationId: gp.organizationId! }]);
      await hub.store.put(sharingChoiceExcluding(DECLINED, [gp.organizationId!], `${DECLINED}-choice`));
    },
  });
  const carer = addOnlyCarer(testHub);
  await carer.permitOnly(['view-appointments']);
  patients = [...new Set([carer.patientId, LAUNCH_PATIENT, STRANGER, DECLINED])];
  Object.assign(tokens, await signInCallers(testHub, LAUNCH_PATIENT));
  tokens['gp (a few types)'] = await testHub.signIn('gp', { scope: NARROW_SCOPE });
});
after(() => testHub.close());

const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';
const hubCodesOf = (body: Json): string[] =>
  ((body['issue'] as { details?: { coding?: { system?: string; code?: string }[] } }[] | undefined) ?? []).flatMap((issue) =>
    (issue.details?.coding ?? []).flatMap((coding) => (coding.system === HUB_ERROR && coding.code ? [coding.code] : [])),
  );
const expressionOf = (body: Json): unknown =>
  (body['issue'] as { expression?: unknown }[] | undefined)?.map((issue) => issue.expression ?? null) ?? null;

describe('a batch entry refused for its type', () => {
  test('says which refusal and which type, as on its own; a whole-record refusal gains no type', async () => {
    const wrong: string[] = [];
    const seen = new Set<string>();
    for (const [who, token] of Object.entries(tokens))
      for (const patient of patients)
        for (const [type, path] of [
          ['Patient', `/Patient/${patient}`],
          ['Patient', `/Patient/${patient}/$summary`],
          ...RECORD_TYPES.map((type) => [type, `/${type}?patient=${patient}`]),
        ] as const) {
          const alone = await testHub.call(token, path);
          const entry = await askAs(testHub, token, path, true, {});
          const codes = hubCodesOf(alone.body);
          const challenged = /\berror="insufficient_scope"/.test(alone.headers.get('www-authenticate') ?? '');
          const typeCode =
            alone.status !== 403 || type === 'Patient'
              ? undefined
              : (codes.find((code) => TYPE_CODES.includes(code)) ?? (challenged ? 'SCOPE_RESTRICTED' : undefined));
          const expected = typeCode
            ? { status: 403, codes: [typeCode], expression: [[type]] }
            : { status: alone.status, codes, expression: expressionOf(alone.body) };
          const got = { status: entry.status, codes: hubCodesOf(entry.body), expression: expressionOf(entry.body) };
          for (const kind of typeCode ? [typeCode] : alone.status === 403 ? codes : ['answered']) seen.add(kind);
          if (JSON.stringify(got) !== JSON.stringify(expected))
            wrong.push(`${who}, ${patient}, ${path}: ${JSON.stringify(got)} ≠ ${JSON.stringify(expected)}`);
        }
    for (const kind of [...TYPE_CODES, ...WHOLE_RECORD_CODES, 'answered'])
      assert.ok(seen.has(kind), `the matrix holds a case of ${kind}: ${[...seen].join(', ')}`);
    assert.deepEqual(wrong, []);
  });
});

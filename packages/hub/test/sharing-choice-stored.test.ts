/**
 * A sharing choice already in the store is applied as it reads, or withheld when the hub cannot tell what it says
 * (docs/access-policy.md R7, R9). Saving an `OPTOUT` is refused (e848380, 9120bbb), but one written by her practice,
 * an import or the seed was read as if she had opted in: `sharingRules` looked only at a top-level `permit`'s nested
 * denies and never at the policy rule, so her record was shared with every organisation caring for her though she
 * had opted out — and a root `deny`, a rule saying both, a permit narrowed to some actors or a deny it skips were
 * shared whole too. Now an `OPTOUT` (or a root `deny` under no rule) refuses every organisation (`403`
 * `SHARING_DECLINED`, saying she opted out; break-glass still opens it, audited), and a choice the hub cannot read in
 * full is withheld rather than shared, saying so.
 *
 * The class: every stored choice form × each status a Consent may have × each professional caring for her (read,
 * Patient search, a clinical search, `$summary`), a clinician breaking the glass and the resident herself.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { ACT_CODE, OTHER_SOURCE, sharingChoiceExcluding } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const rule = (...codes: string[]): Json => ({ coding: codes.map((code) => ({ system: ACT_CODE, code })) });
const IRCP = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] };

/**
 * The forms a stored choice may take, and what it means: `shares` (an opt-in the hub applies in full) or the reason
 * it refuses every organisation — she opted out, or the hub cannot tell what it says.
 */
type Meaning = 'shares' | 'opted out' | 'cannot apply';
const FORMS: { form: string; policyRule?: Json; provision?: Json; means: Meaning }[] = [
  { form: 'OPTIN, permit', policyRule: rule('OPTIN'), provision: { type: 'permit' }, means: 'shares' },
  { form: 'OPTIN, no provision', policyRule: rule('OPTIN'), means: 'shares' },
  { form: 'no rule, permit', provision: { type: 'permit' }, means: 'shares' },
  { form: 'OPTOUT, permit', policyRule: rule('OPTOUT'), provision: { type: 'permit' }, means: 'opted out' },
  { form: 'OPTOUT, root deny', policyRule: rule('OPTOUT'), provision: { type: 'deny' }, means: 'opted out' },
  { form: 'OPTOUT, no provision', policyRule: rule('OPTOUT'), means: 'opted out' },
  { form: 'no rule, root deny', provision: { type: 'deny' }, means: 'opted out' },
  { form: 'OPTIN and OPTOUT, permit', policyRule: rule('OPTIN', 'OPTOUT'), provision: { type: 'permit' }, means: 'cannot apply' },
  { form: 'OPTOUT and OPTIN, permit', policyRule: rule('OPTOUT', 'OPTIN'), provision: { type: 'permit' }, means: 'cannot apply' },
  { form: 'OPTOUTE, permit', policyRule: rule('OPTOUTE'), provision: { type: 'permit' }, means: 'cannot apply' },
  { form: 'OPTIN, root deny', policyRule: rule('OPTIN'), provision: { type: 'deny' }, means: 'cannot apply' },
  { form: 'no rule, no provision', means: 'cannot apply' },
  {
    form: 'OPTIN, permit narrowed to one actor',
    policyRule: rule('OPTIN'),
    provision: { type: 'permit', actor: [{ role: IRCP, reference: { reference: 'Organization/nowhere' } }] },
    means: 'cannot apply',
  },
  {
    form: 'OPTIN, permit with a deny of a label not a category',
    policyRule: rule('OPTIN'),
    provision: { type: 'permit', provision: [{ type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'ETH' }] }] },
    means: 'cannot apply',
  },
  {
    form: 'OPTIN, permit with a nested permit',
    policyRule: rule('OPTIN'),
    provision: { type: 'permit', provision: [{ type: 'permit', securityLabel: [{ system: ACT_CODE, code: 'PSY' }] }] },
    means: 'cannot apply',
  },
];
/** Only an active choice is in force; a proposed, stopped, rejected or mistaken one is not her choice now. */
const STATUSES = ['active', 'draft', 'proposed', 'inactive', 'rejected', 'entered-in-error'];

const WORDS: Record<Exclude<Meaning, 'shares'>, RegExp> = {
  'opted out': /chosen not to share their care record/,
  'cannot apply': /recorded in a way this service cannot apply/,
};

let testHub: TestHub;
let patient = '';
let residentToken = '';
let breakGlassToken = '';
const professionals: { persona: string; token: string; clinical: boolean }[] = [];
const CHOICE = 'stored-sharing-choice';

before(async () => {
  testHub = await startTestHub();
  const personas = signInPersonas(testHub.hub.borough);
  patient = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
  for (const persona of personas)
    if (persona.organizationId && (await testHub.hub.store.isRelated(patient, persona.organizationId)))
      professionals.push({ persona: persona.id, token: await testHub.signIn(persona.id), clinical: persona.clinical });
  assert.ok(
    professionals.some((caller) => !caller.clinical),
    'the desk of an organisation caring for her is among the callers',
  );
  const stranger = personas.find(
    (persona) => persona.clinical && persona.organizationId && !professionals.some((caller) => caller.persona === persona.id),
  );
  breakGlassToken = await testHub.signIn(stranger?.id ?? 'gp');
  residentToken = await testHub.signIn('resident');
});
after(() => testHub.close());

const store = (form: (typeof FORMS)[number], status: string) =>
  testHub.hub.store.transaction(async (transaction) => {
    const { policyRule: _rule, provision: _provision, ...base } = sharingChoiceExcluding(patient, [], CHOICE);
    await transaction.put({
      ...base,
      status,
      meta: { source: OTHER_SOURCE },
      ...(form.policyRule ? { policyRule: form.policyRule } : {}),
      ...(form.provision ? { provision: form.provision } : {}),
    });
  });

const codeOf = (body: Json) =>
  ((body['issue'] as { details?: { coding?: { code?: string }[] } }[] | undefined) ?? [])
    .flatMap((issue) => issue.details?.coding ?? [])
    .map((coding) => coding.code)[0];

/** What a professional is given: the record read, a search by id, her appointments, the summary. */
async function asked(token: string, headers: Record<string, string> = {}): Promise<string> {
  const read = await testHub.call(token, `/Patient/${patient}`, { headers });
  const search = await testHub.call(token, `/Patient?_id=${patient}`, { headers });
  const found = ((search.body['entry'] as { resource: Json }[] | undefined) ?? []).some((entry) => entry.resource['id'] === patient);
  const appointments = await testHub.call(token, `/Appointment?patient=${patient}`, { headers });
  const summary = await testHub.call(token, `/Patient/${patient}/$summary`, { headers });
  const refused = [read, appointments, summary].map((answer) => (answer.status === 403 ? ` ${codeOf(answer.body)}` : ''));
  return (
    `read ${read.status}${refused[0]}, search ${found ? 'found' : 'not found'}, ` +
    `appointments ${appointments.status}${refused[1]}, $summary ${summary.status}${refused[2]}`
  );
}
const SHARED = 'read 200, search found, appointments 200, $summary 200';
const DECLINED = 'read 403 SHARING_DECLINED, search not found, appointments 403 SHARING_DECLINED, $summary 403 SHARING_DECLINED';

describe('a stored sharing choice is applied as it reads, or withheld', () => {
  test('the reported case: her practice recorded that she opted out', async () => {
    await store(
      FORMS.find((form) => form.form === 'OPTOUT, permit')!,
      'active',
    );
    for (const caller of professionals) {
      assert.equal(await asked(caller.token), DECLINED, caller.persona);
      const read = await testHub.call(caller.token, `/Patient/${patient}`);
      const text = (read.body['issue'] as { details?: { text?: string } }[])[0]?.details?.text ?? '';
      assert.match(text, WORDS['opted out'], caller.persona);
    }
  });

  test('an opt-out is applied however many Consents were recorded after it', async () => {
    // `sharingRules` read the 50 latest active Consents only: an opt-out older than 50 others (treatment consents, carers'
    // permissions) was never read, and her record shared.
    const wrong: string[] = [];
    for (const later of [0, 49, 50, 250]) {
      await store(
        FORMS.find((form) => form.form === 'OPTOUT, permit')!,
        'active',
      );
      await testHub.hub.store.transaction(async (transaction) => {
        for (let index = 0; index < later; index += 1)
          await transaction.put({
            resourceType: 'Consent',
            id: `stored-choice-later-${index}`,
            status: 'active',
            scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment' }] },
            category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
            patient: { reference: `Patient/${patient}` },
            meta: { source: OTHER_SOURCE },
          });
      });
      for (const caller of professionals) {
        const got = await asked(caller.token);
        if (got !== DECLINED) wrong.push(`${later} later, ${caller.persona}: ${got}`);
      }
    }
    await testHub.hub.store.transaction(async (transaction) => {
      for (let index = 0; index < 250; index += 1)
        await transaction.put({
          resourceType: 'Consent',
          id: `stored-choice-later-${index}`,
          status: 'inactive',
          scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment' }] },
          category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
          patient: { reference: `Patient/${patient}` },
          meta: { source: OTHER_SOURCE },
        });
    });
    await store(FORMS[0]!, 'active');
    assert.deepEqual(wrong, []);
  });

  test('every stored form × status × caller: shared only as an opt-in the hub applies in full', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const form of FORMS)
      for (const status of STATUSES) {
        await store(form, status);
        const means = status === 'active' ? form.means : 'shares';
        for (const caller of professionals) {
          cases += 1;
          const got = await asked(caller.token);
          const expected = means === 'shares' ? SHARED : DECLINED;
          if (got !== expected) wrong.push(`${form.form}, ${status}, ${caller.persona}: ${got}, not ${expected}`);
          if (means !== 'shares' && got === expected) {
            const read = await testHub.call(caller.token, `/Patient/${patient}`);
            const text = (read.body['issue'] as { details?: { text?: string } }[])[0]?.details?.text ?? '';
            if (!WORDS[means].test(text)) wrong.push(`${form.form}, ${status}, ${caller.persona}: told "${text}"`);
          }
        }
        cases += 2;
        // Emergency access still opens her record (audited, as for any refusal a reason overcomes); she reads her own.
        const broken = await testHub.call(breakGlassToken, `/Patient/${patient}`, {
          headers: { 'X-Break-Glass-Reason': 'Unconscious in the emergency department' },
        });
        if (broken.status !== 200) wrong.push(`${form.form}, ${status}, break-glass: read ${broken.status}`);
        const own = await testHub.call(residentToken, `/Patient/${patient}/$summary`);
        if (own.status !== 200) wrong.push(`${form.form}, ${status}, the resident: $summary ${own.status}`);
      }
    // Her choice shares again, for the rest of the suite.
    await store(FORMS[0]!, 'active');
    assert.deepEqual(wrong, [], `${wrong.length} of ${cases} answered otherwise`);
  });
});

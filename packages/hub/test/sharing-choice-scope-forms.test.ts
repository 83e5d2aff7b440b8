/**
 * A sharing choice is counted however its scope is written (docs/access-policy.md R7). Reviewer R6 found a fail-open
 * leak: an active `OPTOUT` whose scope used FHIR STU3's system (`http://hl7.org/fhir/consentscope`), or was text only,
 * or missing, was not counted as a sharing choice at all, so a GP read her Observations though she had opted out.
 *
 * The rule: `patient-privacy` in either system is a sharing choice, read as any other. A Consent that is not a carer's
 * permission, whose scope is missing, text only or not known, and whose policy rule is a consent directive or whose
 * provision permits or denies organisations, is a choice the hub cannot read: withheld ("cannot apply"). One whose
 * scope is clearly another kind (treatment, research, an advance directive, in either system) is not a sharing choice.
 *
 * The class (every combination): scope forms × policy rules × statuses × a GP and a hospital nurse caring for her and
 * a social worker who is not × a read of her record, a search of her Observations and `$summary`, against an oracle
 * written from the rule.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { isSharingChoice } from '../src/policy/sharing.js';
import { ACT_CODE, OTHER_SOURCE } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const NEW_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';
const OLD_SCOPE = 'http://hl7.org/fhir/consentscope';

/** Each form a Consent's scope may take, and whether the rule says it is a sharing choice, another kind, or unknown. */
const SCOPES: Record<string, { scope?: Json; kind: 'privacy' | 'other' | 'unknown' }> = {
  'patient-privacy (R4 system)': { scope: { coding: [{ system: NEW_SCOPE, code: 'patient-privacy' }] }, kind: 'privacy' },
  'patient-privacy (STU3 system)': { scope: { coding: [{ system: OLD_SCOPE, code: 'patient-privacy' }] }, kind: 'privacy' },
  'text only': { scope: { text: 'Privacy Consent' }, kind: 'unknown' },
  missing: { kind: 'unknown' },
  'another system': { scope: { coding: [{ system: 'http://snomed.info/sct', code: '425691002' }] }, kind: 'unknown' },
  'treatment (R4 system)': { scope: { coding: [{ system: NEW_SCOPE, code: 'treatment' }] }, kind: 'other' },
  'research (STU3 system)': { scope: { coding: [{ system: OLD_SCOPE, code: 'research' }] }, kind: 'other' },
  'adr (R4 system)': { scope: { coding: [{ system: NEW_SCOPE, code: 'adr' }] }, kind: 'other' },
};

/** Each policy rule and provision, and what the hub makes of it under a `patient-privacy` scope (R7). */
const RULES: Record<string, { consent: (gp: string) => Json; asPrivacy: 'opted out' | 'shared' | 'cannot apply'; directive: boolean }> = {
  OPTOUT: {
    consent: () => ({ policyRule: { coding: [{ system: ACT_CODE, code: 'OPTOUT' }] }, provision: { type: 'deny' } }),
    asPrivacy: 'opted out',
    directive: true,
  },
  OPTIN: {
    consent: () => ({ policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] }, provision: { type: 'permit' } }),
    asPrivacy: 'shared',
    directive: true,
  },
  'OPTOUTE (another directive)': {
    consent: () => ({ policyRule: { coding: [{ system: ACT_CODE, code: 'OPTOUTE' }] } }),
    asPrivacy: 'cannot apply',
    directive: true,
  },
  'no rule, deny to an organisation': {
    consent: (gp) => ({ provision: { type: 'deny', actor: [{ reference: { reference: `Organization/${gp}` } }] } }),
    asPrivacy: 'opted out',
    directive: true,
  },
  'no rule, no provision': { consent: () => ({}), asPrivacy: 'cannot apply', directive: false },
};
const STATUSES = ['active', 'inactive', 'proposed'];
const CALLERS = ['gp', 'hospital-nurse', 'social-worker'];

let testHub: TestHub;
let patient = '';
let gpOrganization = '';
const callers: { persona: string; token: string; related: boolean }[] = [];

before(async () => {
  testHub = await startTestHub();
  const personas = signInPersonas(testHub.hub.borough);
  patient = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
  for (const id of CALLERS) {
    const persona = personas.find((one) => one.id === id)!;
    if (id === 'gp') gpOrganization = persona.organizationId!;
    callers.push({
      persona: id,
      token: await testHub.signIn(id),
      related: await testHub.hub.store.isRelated(patient, persona.organizationId!),
    });
  }
  assert.deepEqual(
    callers.map((caller) => caller.related),
    [true, true, false],
    'a GP and a hospital caring for her; a social worker who is not',
  );
  // Her seeded choices are stopped: the Consent each case stores alone decides.
  const seeded = await testHub.hub.store.search({
    type: 'Consent',
    patientId: patient,
    criteria: [],
    sort: { by: 'lastUpdated', descending: true },
    count: 200,
    visibility: { hiddenLabels: [] },
  });
  await testHub.hub.store.transaction(async (transaction) => {
    for (const consent of seeded.resources.filter(isSharingChoice)) await transaction.put({ ...consent, status: 'inactive' });
  });
});
after(() => testHub.close());

/** Stores the one Consent of the case, as her practice or an import recorded it. */
async function storeConsent(scope: string, rule: string, status: string): Promise<void> {
  const { scope: scopeElement } = SCOPES[scope]!;
  await testHub.hub.store.transaction((transaction) =>
    transaction.put({
      resourceType: 'Consent',
      id: 'scope-form-choice',
      status,
      ...(scopeElement === undefined ? {} : { scope: scopeElement }),
      category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
      patient: { reference: `Patient/${patient}` },
      dateTime: '2025-03-01T10:00:00Z',
      meta: { source: OTHER_SOURCE },
      ...RULES[rule]!.consent(gpOrganization),
    }),
  );
}

/** The oracle, from R7's words (not the hub's code). */
function expected(scope: string, rule: string, status: string, persona: string): string {
  const { kind } = SCOPES[scope]!;
  const { asPrivacy, directive } = RULES[rule]!;
  const reading =
    status !== 'active' || kind === 'other' ? 'shared' : kind === 'privacy' ? asPrivacy : directive ? 'cannot apply' : 'shared';
  const each =
    reading !== 'shared'
      ? `403 SHARING_DECLINED (${reading})`
      : callers.find((caller) => caller.persona === persona)!.related
        ? '200'
        : '403 NO_LEGITIMATE_RELATIONSHIP';
  return `read ${each}; search ${each.replace(/ \(.*\)$/, '')}; $summary ${each.replace(/ \(.*\)$/, '')}`;
}

const codeOf = (body: Json) =>
  ((body['issue'] as { details?: { coding?: { code?: string }[] } }[] | undefined) ?? [])
    .flatMap((issue) => issue.details?.coding ?? [])
    .map((coding) => coding.code)[0];

function wordsOf(body: Json): string {
  const text = (body['issue'] as { details?: { text?: string } }[] | undefined)?.[0]?.details?.text ?? '';
  if (text.startsWith('This person has chosen not to share their care record.')) return 'opted out';
  if (/recorded in a way this service cannot apply/.test(text)) return 'cannot apply';
  return text;
}

/** What a caller is given: her record read (code and words of a refusal), her Observations searched, `$summary`. */
async function asked(token: string): Promise<string> {
  const answer = async (path: string, words: boolean) => {
    const { status, body } = await testHub.call(token, path);
    if (status !== 403) return `${status}`;
    return `403 ${codeOf(body)}${words && codeOf(body) === 'SHARING_DECLINED' ? ` (${wordsOf(body)})` : ''}`;
  };
  return [
    `read ${await answer(`/Patient/${patient}`, true)}`,
    `search ${await answer(`/Observation?patient=${patient}`, false)}`,
    `$summary ${await answer(`/Patient/${patient}/$summary`, false)}`,
  ].join('; ');
}

async function differences(scope: string, rule: string, status: string): Promise<string[]> {
  await storeConsent(scope, rule, status);
  const wrong: string[] = [];
  for (const caller of callers) {
    const got = await asked(caller.token);
    const want = expected(scope, rule, status, caller.persona);
    if (got !== want) wrong.push(`${scope} × ${rule} × ${status} × ${caller.persona}: ${got}; expected ${want}`);
  }
  return wrong;
}

describe('a sharing choice is counted however its scope is written', () => {
  test('reported: an OPTOUT scoped in the STU3 system keeps her Observations from her GP', async () => {
    await storeConsent('patient-privacy (STU3 system)', 'OPTOUT', 'active');
    const gp = callers.find((caller) => caller.persona === 'gp')!;
    const answer = await testHub.call(gp.token, `/Observation?patient=${patient}`);
    assert.equal(answer.status, 403);
    assert.equal(codeOf(answer.body), 'SHARING_DECLINED');
  });

  test('every scope form × policy rule × status × caller × read, search and $summary answers as the rule says', async () => {
    const wrong: string[] = [];
    let cases = 0;
    let failing = 0;
    for (const scope of Object.keys(SCOPES))
      for (const rule of Object.keys(RULES))
        for (const status of STATUSES) {
          cases += 1;
          const found = await differences(scope, rule, status);
          if (found.length > 0) failing += 1;
          wrong.push(...found);
        }
    assert.deepEqual(wrong.slice(0, 8), [], `${failing} of ${cases} Consents answered otherwise (${wrong.length} callers)`);
  });
});

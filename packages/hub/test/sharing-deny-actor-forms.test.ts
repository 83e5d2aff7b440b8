/**
 * A sharing choice's deny names an organisation however the record names one (docs/access-policy.md R7). A deny whose
 * actor named the organisation by its ODS code (`actor.reference.identifier`, as GP Connect and the NRL name
 * organisations), by this hub's full address, or with `_history`, was read as "recorded in a way this service cannot
 * apply", so every organisation was refused her record: her GP too.
 *
 * The rule: a deny actor is the directory's organisation whenever the hub can say which one it is — by a reference in
 * any form the hub reads as its own entry, or by an ODS code the directory holds; both given, they must agree. An ODS
 * code no organisation in the directory has refuses nobody who can sign in here (and is kept, and applied once the
 * directory holds it). An actor the hub cannot say anything of — another server's address, a display alone, an
 * identifier of another system, a reference and identifier naming two organisations — is a choice it cannot apply:
 * withheld from everyone, as before.
 *
 * The class: actor forms × callers (the denied organisation, another organisation, her own GP) × a read of her record,
 * a search of her Observations and `$summary`, against an oracle written from the rule.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { isSharingChoice, sharingRules } from '../src/policy/sharing.js';
import { ACT_CODE, OTHER_SOURCE } from './support/policy-fixtures.js';
import { startTestHub, testNow, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
/** An actor's role, as every deny's actor has one (FHIR requires it). */
const RECIPIENT = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] };

/** What the hub makes of a deny naming an organisation so: that organisation refused; nobody; or everyone. */
type Reading = 'denies it' | 'denies nobody' | 'cannot apply';

interface Named {
  /** The organisation denied: its id and ODS code. */
  id: string;
  ods: string;
  /** Her GP practice's, for an identifier that disagrees with the reference. */
  gpOds: string;
  /** This hub's FHIR base (`http://127.0.0.1:<port>/fhir`). */
  fhir: string;
}

/** Each form a deny's actor may take, and what the rule says it names. */
const FORMS: Record<string, { actor: (named: Named) => Json; reading: Reading }> = {
  'a relative reference': { actor: ({ id }) => ({ reference: { reference: `Organization/${id}` } }), reading: 'denies it' },
  'a relative reference with _history': {
    actor: ({ id }) => ({ reference: { reference: `Organization/${id}/_history/3` } }),
    reading: 'denies it',
  },
  'this hub’s full address': {
    actor: ({ id, fhir }) => ({ reference: { reference: `${fhir}/Organization/${id}` } }),
    reading: 'denies it',
  },
  'this hub’s address, upper-case scheme and host, doubled slash': {
    actor: ({ id, fhir }) => ({ reference: { reference: `${fhir.toUpperCase().replace('/FHIR', '//fhir')}/Organization/${id}` } }),
    reading: 'denies it',
  },
  'this hub’s address with _history': {
    actor: ({ id, fhir }) => ({ reference: { reference: `${fhir}/Organization/${id}/_history/2` } }),
    reading: 'denies it',
  },
  'an ODS identifier': { actor: ({ ods }) => ({ reference: { identifier: { system: ODS, value: ods } } }), reading: 'denies it' },
  'an ODS identifier and a display': {
    actor: ({ ods }) => ({ reference: { identifier: { system: ODS, value: ods }, display: 'A hospital' } }),
    reading: 'denies it',
  },
  'an ODS identifier and a reference agreeing': {
    actor: ({ id, ods }) => ({ reference: { reference: `Organization/${id}`, identifier: { system: ODS, value: ods } } }),
    reading: 'denies it',
  },
  'an ODS identifier and another server’s reference': {
    actor: ({ id, ods }) => ({
      reference: { reference: `https://directory.example.nhs.uk/fhir/Organization/${id}`, identifier: { system: ODS, value: ods } },
    }),
    reading: 'denies it',
  },
  'an ODS identifier and a reference disagreeing': {
    actor: ({ id, gpOds }) => ({ reference: { reference: `Organization/${id}`, identifier: { system: ODS, value: gpOds } } }),
    reading: 'cannot apply',
  },
  'an ODS code no organisation here has': {
    actor: () => ({ reference: { identifier: { system: ODS, value: 'Y99999' } } }),
    reading: 'denies nobody',
  },
  'another server’s address': {
    actor: ({ id }) => ({ reference: { reference: `https://other-hub.example/fhir/Organization/${id}` } }),
    reading: 'cannot apply',
  },
  'a display alone': { actor: () => ({ reference: { display: 'Whittington Hospital' } }), reading: 'cannot apply' },
  'an identifier of another system': {
    actor: ({ ods }) => ({ reference: { identifier: { system: 'https://example.org/local-codes', value: ods } } }),
    reading: 'cannot apply',
  },
  'an ODS identifier with no value': { actor: () => ({ reference: { identifier: { system: ODS } } }), reading: 'cannot apply' },
};

/** The denied organisation (the hospital caring for her), another (a social worker's, not caring for her), her GP. */
const CALLERS = { denied: 'hospital-nurse', another: 'social-worker', 'her GP': 'gp' } as const;
type Caller = keyof typeof CALLERS;

let testHub: TestHub;
let patient = '';
let named: Named;
const tokens = new Map<Caller, string>();

before(async () => {
  testHub = await startTestHub();
  const personas = signInPersonas(testHub.hub.borough);
  patient = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
  const persona = (caller: Caller) => personas.find((one) => one.id === CALLERS[caller])!;
  named = {
    id: persona('denied').organizationId!,
    ods: persona('denied').odsCode!,
    gpOds: persona('her GP').odsCode!,
    fhir: testHub.fhir,
  };
  assert.ok(named.ods && named.gpOds && named.ods !== named.gpOds, 'the hospital and her practice have ODS codes of their own');
  for (const caller of Object.keys(CALLERS) as Caller[]) tokens.set(caller, await testHub.signIn(CALLERS[caller]));
  assert.deepEqual(
    await Promise.all(
      (Object.keys(CALLERS) as Caller[]).map((caller) => testHub.hub.store.isRelated(patient, persona(caller).organizationId!)),
    ),
    [true, false, true],
    'the hospital and her GP care for her; the social worker does not',
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

/** Her practice's record of her choice: an opt-in with one deny, of the actor alone or with mental health. */
function choice(actor: Json, withCategory = false): Json {
  return {
    resourceType: 'Consent',
    id: 'actor-form-choice',
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { reference: `Patient/${patient}` },
    dateTime: '2025-03-01T10:00:00Z',
    meta: { source: OTHER_SOURCE },
    policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
    provision: {
      type: 'permit',
      provision: [
        {
          type: 'deny',
          actor: [{ role: RECIPIENT, ...actor }],
          ...(withCategory ? { securityLabel: [{ system: ACT_CODE, code: 'PSY' }] } : {}),
        },
      ],
    },
  };
}

async function storeChoice(form: string, withCategory = false): Promise<void> {
  await testHub.hub.store.transaction((transaction) => transaction.put(choice(FORMS[form]!.actor(named), withCategory)));
}

/** The oracle, from R7's words (not the hub's code). */
function expected(form: string, caller: Caller): string {
  const { reading } = FORMS[form]!;
  const each =
    reading === 'cannot apply'
      ? '403 SHARING_DECLINED (cannot apply)'
      : reading === 'denies it' && caller === 'denied'
        ? '403 SHARING_DECLINED (not with your organisation)'
        : caller === 'another'
          ? '403 NO_LEGITIMATE_RELATIONSHIP'
          : '200';
  return `read ${each}; search ${each.replace(/ \(.*\)$/, '')}; $summary ${each.replace(/ \(.*\)$/, '')}`;
}

const codeOf = (body: Json) =>
  ((body['issue'] as { details?: { coding?: { code?: string }[] } }[] | undefined) ?? [])
    .flatMap((issue) => issue.details?.coding ?? [])
    .map((coding) => coding.code)[0];

function wordsOf(body: Json): string {
  const text = (body['issue'] as { details?: { text?: string } }[] | undefined)?.[0]?.details?.text ?? '';
  if (/recorded in a way this service cannot apply/.test(text)) return 'cannot apply';
  if (text.startsWith('This person has chosen not to share their care record with your organisation.')) return 'not with your organisation';
  return text;
}

/** What a caller is given: her record read (code and words of a refusal), her Observations searched, `$summary`. */
async function asked(caller: Caller): Promise<string> {
  const token = tokens.get(caller)!;
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

describe('a deny names an organisation however the record names one', () => {
  test('reported: a deny of the hospital by ODS code leaves her GP reading her Observations, the hospital not', async () => {
    await storeChoice('an ODS identifier');
    const gp = await testHub.call(tokens.get('her GP')!, `/Observation?patient=${patient}`);
    assert.equal(gp.status, 200, `her GP: ${JSON.stringify(gp.body).slice(0, 300)}`);
    const hospital = await testHub.call(tokens.get('denied')!, `/Observation?patient=${patient}`);
    assert.equal(hospital.status, 403);
    assert.equal(codeOf(hospital.body), 'SHARING_DECLINED');
  });

  test('every actor form × caller × read, search and $summary answers as the rule says', async () => {
    const wrong: string[] = [];
    let failing = 0;
    for (const form of Object.keys(FORMS)) {
      await storeChoice(form);
      let differs = false;
      for (const caller of Object.keys(CALLERS) as Caller[]) {
        const [got, want] = [await asked(caller), expected(form, caller)];
        if (got !== want) {
          differs = true;
          wrong.push(`${form} × ${caller}: ${got}; expected ${want}`);
        }
      }
      if (differs) failing += 1;
    }
    assert.deepEqual(wrong, [], `${failing} of ${Object.keys(FORMS).length} forms answered otherwise (${wrong.length} callers)`);
  });

  test('a deny of a category from an organisation keeps it from that organisation only, whatever the actor form', async () => {
    const now = Date.parse(testNow);
    const wrong: string[] = [];
    for (const [form, { reading }] of Object.entries(FORMS)) {
      await storeChoice(form, true);
      const rules = await sharingRules(testHub.hub.store, patient, now);
      const got = {
        toAll: rules.declinedToAll ?? 'none',
        fromEveryone: [...rules.deniedCategories].sort().join(','),
        fromDenied: [...(rules.deniedCategoriesFor.get(named.id) ?? [])].join(','),
      };
      const want =
        reading === 'cannot apply'
          ? { toAll: 'not-applied', fromEveryone: 'mental-health,sexual-health,social-care', fromDenied: '' }
          : { toAll: 'none', fromEveryone: '', fromDenied: reading === 'denies it' ? 'mental-health' : '' };
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${form}: ${JSON.stringify(got)}; expected ${JSON.stringify(want)}`);
    }
    assert.deepEqual(wrong, []);
  });

  test('her save beside a deny recorded in any form the hub applies keeps it, and it still applies', async () => {
    const token = await testHub.signIn('resident', { scope: 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu' });
    const socialCare = {
      type: 'deny',
      securityLabel: [{ system: 'https://care-record.example/CodeSystem/sharing-category', code: 'social-care' }],
    };
    const wrong: string[] = [];
    for (const [form, { reading }] of Object.entries(FORMS)) {
      if (reading === 'cannot apply') continue;
      await storeChoice(form);
      const read = await testHub.call(token, `/Consent/actor-form-choice`);
      const { meta: _meta, ...sent } = read.body;
      const provision = sent['provision'] as { provision: Json[] };
      const put = (denies: Json[]) =>
        testHub.call(token, `/Consent/actor-form-choice`, {
          method: 'PUT',
          body: { ...sent, provision: { ...provision, provision: [...provision.provision, ...denies] } },
          headers: { 'If-Match': read.headers.get('etag') ?? '' },
        });
      const kept = await put([socialCare]);
      if (kept.status !== 200) wrong.push(`${form}, kept beside a new deny: ${kept.status}`);
      const hospital = await testHub.call(tokens.get('denied')!, `/Observation?patient=${patient}`);
      if (hospital.status !== (reading === 'denies it' ? 403 : 200)) wrong.push(`${form}, after her save: the hospital ${hospital.status}`);
    }
    assert.deepEqual(wrong, []);
  });
});

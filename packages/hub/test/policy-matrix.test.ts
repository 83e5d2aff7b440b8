/**
 * The policy matrix: every operation of the contract × every persona × the
 * resident's sharing choice × labelled and unlabelled items, against the real
 * hub. The answer each cell expects is derived from the rules written in
 * `docs/access-policy.md` (R1–R15) by the small oracle below — never from the
 * hub's own policy code — and an operation of the contract without a row here
 * fails the test, so a new path cannot arrive unchecked.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { buildProxyConsent } from '@care-record/sdk';
import { contractOperations } from '../src/fhir/contract-operations.js';
import { signInPersonas, type Hub, type SignInPersona } from '../src/index.js';
import { ACT_CODE, exampleOf, OTHER_SOURCE, RECORD_TYPES, recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type Answer = { status: number; body: Json };

/** The kinds of item every target resident holds of every clinical type (R11, R12, R6). */
const LABELS = ['plain', 'SEX', 'PSY', 'NOPAT'] as const;
type Label = (typeof LABELS)[number];

/** Target residents: a sharing choice each (R7, R12), one unrelated, and the resident persona themself. */
const TARGETS = ['related', 'excluded', 'category', 'unrelated', 'self'] as const;
type Target = (typeof TARGETS)[number];

interface Actor {
  name: string;
  persona: string;
  kind: 'resident' | 'professional';
  clinical: boolean;
  breakGlassReason?: string;
}
const ACTORS: Actor[] = [
  { name: 'GP', persona: 'gp', kind: 'professional', clinical: true },
  { name: 'hospital nurse', persona: 'hospital-nurse', kind: 'professional', clinical: true },
  { name: 'social worker', persona: 'social-worker', kind: 'professional', clinical: true },
  { name: 'receptionist', persona: 'receptionist', kind: 'professional', clinical: false },
  { name: 'resident', persona: 'resident', kind: 'resident', clinical: false },
  { name: 'GP, break-glass', persona: 'gp', kind: 'professional', clinical: true, breakGlassReason: 'Collapsed in the waiting room' },
  { name: 'GP, reason too short', persona: 'gp', kind: 'professional', clinical: true, breakGlassReason: 'urgent' },
];

const NON_CLINICAL = new Set(['Patient', 'Appointment', 'RelatedPerson']);
const DIRECTORY = new Set(['Organization', 'Practitioner', 'PractitionerRole']);
/** R5a: clinical, but about no resident (a medicine as a product). */
const CLINICAL_DEFINITIONS = new Set(['Medication']);
// ---- The oracle: docs/access-policy.md as code ----------------------------------------------

const validReason = (actor: Actor) => (actor.breakGlassReason?.trim().length ?? 0) >= 10;
/** R7: a reason given but too short is a malformed request, refused whatever it asks for. */
const invalidReason = (actor: Actor | undefined) => actor?.breakGlassReason !== undefined && !validReason(actor);
/** Personas whose organisation cares for the resident persona (a fact of the synthetic borough). */
const selfRelatedTo = new Set<string>();

/** R3, R6, R7, R10: may this actor open this target's record for this type at all? */
function expectedAccess(actor: Actor, target: Target, type: string): { status: 200 } | { status: 403; code?: string } {
  if (actor.kind === 'resident') return target === 'self' ? { status: 200 } : { status: 403 };
  if (!actor.clinical && !NON_CLINICAL.has(type) && type !== '$summary') return { status: 403, code: 'ROLE_RESTRICTED' };
  if (type === 'AuditEvent') return { status: 403 };
  const related = target === 'self' ? selfRelatedTo.has(actor.persona) : target !== 'unrelated';
  if (validReason(actor)) return { status: 200 };
  if (target === 'excluded') return { status: 403, code: 'SHARING_DECLINED' };
  if (!related) return { status: 403, code: 'NO_LEGITIMATE_RELATIONSHIP' };
  return { status: 200 };
}

/** R6, R11, R12: is an item with this label visible to this actor on this target's record? */
function expectedVisible(actor: Actor, target: Target, label: Label): boolean {
  if (actor.kind === 'resident') return label !== 'NOPAT';
  if (label === 'SEX') return false;
  // R3: a non-clinical role never sees another organisation's mental health items.
  if (label === 'PSY') return target !== 'category' && actor.clinical;
  return true;
}

/**
 * R13: an item read by its id that a resident, or a role that cannot use break-glass, may not open is not found, as
 * an id of nothing is; a clinician, who could open it with a reason, hears why.
 */
function expectedItemRefusal(actor: Actor, refusal: { status: number; code?: string }): { status: number; code?: string } {
  const toldWhy = actor.kind === 'professional' && actor.clinical;
  return toldWhy || refusal.code === 'ROLE_RESTRICTED' ? refusal : { status: 404, code: 'RESOURCE_NOT_FOUND' };
}

// ---- Fixtures ---------------------------------------------------------------------------------

const patientIds: Record<Target, string> = {
  related: 'mx-related',
  excluded: 'mx-excluded',
  category: 'mx-category',
  unrelated: 'mx-unrelated',
  self: '',
};
const itemId = (type: string, target: Target, label: Label) => `mx-${type.toLowerCase()}-${target}-${label.toLowerCase()}`;

function sharingChoice(patientId: string, exceptions: Json[]): Json {
  return {
    resourceType: 'Consent',
    id: `mx-consent-${patientId}`,
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { reference: `Patient/${patientId}` },
    policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
    provision: { type: 'permit', provision: exceptions },
  };
}

async function placeFixtures(hub: Hub, personas: SignInPersona[]): Promise<void> {
  const organizations = [...new Set(personas.flatMap((persona) => (persona.organizationId ? [persona.organizationId] : [])))];
  patientIds.self = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
  const patient = exampleOf('Patient');
  await hub.store.transaction(async (store) => {
    for (const target of TARGETS) {
      const id = patientIds[target];
      if (target !== 'self') {
        await store.put({ ...patient, id, identifier: [], meta: { source: OTHER_SOURCE } });
        if (target !== 'unrelated') for (const organization of organizations) await store.relate(id, organization);
      }
      for (const type of RECORD_TYPES) {
        for (const label of LABELS) await store.put(recordItem(type, itemId(type, target, label), id, label === 'plain' ? [] : [label]));
      }
    }
    await store.put(
      sharingChoice(
        patientIds.excluded,
        organizations.map((organization) => ({ type: 'deny', actor: [{ reference: { reference: `Organization/${organization}` } }] })),
      ),
    );
    await store.put(
      sharingChoice(patientIds.category, [
        { type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }] },
        { type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'SEX' }] },
      ]),
    );
    // A medicine as a product, which prescriptions name by reference (R5a).
    await store.put({
      resourceType: 'Medication',
      id: 'mx-medication',
      meta: { source: OTHER_SOURCE },
      code: { text: 'Warfarin 1mg tablets' },
    });
  });
}

// ---- Running it -------------------------------------------------------------------------------

let testHub: TestHub;
const tokens = new Map<string, string>();
let cells = 0;
const failures: string[] = [];

before(async () => {
  testHub = await startTestHub({ beforeListen: (hub) => placeFixtures(hub, signInPersonas(hub.borough)) });
  const personas = signInPersonas(testHub.hub.borough);
  for (const persona of personas)
    if (persona.organizationId && (await testHub.hub.store.isRelated(patientIds.self, persona.organizationId)))
      selfRelatedTo.add(persona.id);
  for (const actor of ACTORS) {
    if (tokens.has(actor.persona)) continue;
    tokens.set(
      actor.persona,
      await testHub.signIn(actor.persona, {
        scope:
          actor.kind === 'resident'
            ? 'openid fhirUser launch/patient patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c'
            : 'openid fhirUser user/*.rs',
      }),
    );
  }
});
after(() => testHub.close());

async function call(
  actor: Actor | undefined,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  return testHub.call(actor ? tokens.get(actor.persona) : undefined, path, {
    ...init,
    headers: { ...init.headers, ...(actor?.breakGlassReason ? { 'x-break-glass-reason': actor.breakGlassReason } : {}) },
  });
}

/** A request in a cell: undefined (with the cell checked) when R7 refuses it as malformed, whatever it asks. */
async function ask(
  actor: Actor,
  name: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const answer = await call(actor, path, init);
  // Writes and the directory take no break-glass reason: the header is not theirs, and is ignored.
  const write = init.method === 'PUT' || (init.method === 'POST' && path !== '/');
  const directory = [...DIRECTORY, ...CLINICAL_DEFINITIONS].some((type) => new RegExp(`^/${type}[/?]`).test(`${path}?`));
  if (!invalidReason(actor) || write || directory) return answer;
  checkRefusal(`${name} (reason too short)`, { status: 400, code: 'INVALID_REQUEST' }, answer);
  return undefined;
}

const hubCode = (body: Json) =>
  ((body['issue'] as { details?: { coding?: { code?: string }[] } }[] | undefined)?.[0]?.details?.coding ?? [])[0]?.code;
const entries = (body: Json) => (body['entry'] as { resource: Json; search?: { mode?: string } }[] | undefined) ?? [];
const matchIds = (body: Json) =>
  new Set(
    entries(body)
      .filter((entry) => entry.search?.mode === 'match')
      .map((entry) => String(entry.resource['id'])),
  );
const notices = (body: Json) => JSON.stringify(entries(body).filter((entry) => entry.resource['resourceType'] === 'OperationOutcome'));

/** Records one cell: what the rules expect against what the hub answered. */
function cell(label: string, expected: unknown, actual: unknown): void {
  cells += 1;
  if (JSON.stringify(expected) !== JSON.stringify(actual))
    failures.push(`${label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function checkRefusal(label: string, expected: { status: number; code?: string }, answer: Answer): void {
  cell(`${label} status`, expected.status, answer.status);
  if (expected.code && answer.status === expected.status) cell(`${label} code`, expected.code, hubCode(answer.body));
}

const pairs = ACTORS.flatMap((actor) => TARGETS.map((target) => ({ actor, target })));

const readRow = (type: string) => async () => {
  for (const { actor, target } of pairs)
    for (const label of LABELS) {
      const name = `${actor.name} reads ${type} (${label}) of ${target}`;
      const answer = await ask(actor, name, `/${type}/${itemId(type, target, label)}`);
      if (!answer) continue;
      const access = expectedAccess(actor, target, type);
      if (access.status !== 200) checkRefusal(name, expectedItemRefusal(actor, access), answer);
      else cell(name, expectedVisible(actor, target, label) ? 200 : 404, answer.status);
    }
};

const searchRow = (type: string) => async () => {
  for (const { actor, target } of pairs) {
    const name = `${actor.name} searches ${type} of ${target}`;
    const answer = await ask(actor, name, `/${type}?patient=${patientIds[target]}&_count=200`);
    if (!answer) continue;
    const access = expectedAccess(actor, target, type);
    if (access.status !== 200) {
      checkRefusal(name, access, answer);
      continue;
    }
    cell(`${name} status`, 200, answer.status);
    const found = matchIds(answer.body);
    const visible = LABELS.filter((label) => expectedVisible(actor, target, label));
    cell(
      `${name} items`,
      LABELS.map((label) => visible.includes(label)),
      LABELS.map((label) => found.has(itemId(type, target, label))),
    );
    // R13: the notice whenever something was left out. The resident persona's own synthetic record may hold more.
    if (target !== 'self' || visible.length < LABELS.length)
      cell(`${name} withheld notice`, visible.length < LABELS.length, notices(answer.body).includes('INFORMATION_WITHHELD'));
  }
};

const directoryRow = (type: string, kind: 'read' | 'search') => async () => {
  const id = (
    await testHub.hub.store.search({
      type,
      criteria: [],
      sort: { by: 'lastUpdated', descending: true },
      count: 1,
      visibility: { hiddenLabels: [] },
    })
  ).resources[0]?.['id'];
  for (const actor of ACTORS) {
    const answer = await ask(actor, `${actor.name} ${kind}s ${type}`, kind === 'read' ? `/${type}/${String(id)}` : `/${type}?_count=5`);
    if (!answer) continue;
    // R5, R3: the directory is open to every role; R5a: a clinical one to those who may see clinical items; R1: not
    // without a token.
    if (CLINICAL_DEFINITIONS.has(type) && !actor.clinical && actor.kind === 'professional')
      checkRefusal(`${actor.name} ${kind}s ${type}`, { status: 403, code: 'ROLE_RESTRICTED' }, answer);
    else cell(`${actor.name} ${kind}s ${type}`, 200, answer.status);
  }
  cell(`no token ${kind}s ${type}`, 401, (await call(undefined, kind === 'read' ? `/${type}/${String(id)}` : `/${type}`)).status);
};

const patientSearchRow = async () => {
  for (const { actor, target } of pairs) {
    const answer = await ask(actor, `${actor.name} finds ${target}`, `/Patient?_id=${patientIds[target]}`);
    if (!answer) continue;
    const access = expectedAccess(actor, target, 'Patient');
    // R8: found exactly when R6/R7 would open the record; nobody found is an empty answer, never a refusal.
    cell(`${actor.name} finds ${target}`, [200, access.status === 200], [answer.status, matchIds(answer.body).has(patientIds[target])]);
  }
  cell('family alone', 400, (await call(ACTORS[0], '/Patient?family=ab')).status);
};

const patientReadRow = async () => {
  for (const { actor, target } of pairs) {
    const answer = await ask(actor, `${actor.name} reads Patient ${target}`, `/Patient/${patientIds[target]}`);
    if (!answer) continue;
    const access = expectedAccess(actor, target, 'Patient');
    if (access.status !== 200) checkRefusal(`${actor.name} reads Patient ${target}`, access, answer);
    else cell(`${actor.name} reads Patient ${target}`, 200, answer.status);
  }
};

const summaryRow = async () => {
  for (const { actor, target } of pairs) {
    const name = `${actor.name} summary of ${target}`;
    const answer = await ask(actor, name, `/Patient/${patientIds[target]}/$summary`);
    if (!answer) continue;
    const access = expectedAccess(actor, target, '$summary');
    if (access.status !== 200) {
      checkRefusal(name, access, answer);
      continue;
    }
    cell(`${name} status`, 200, answer.status);
    // R3: a role that may not see clinical items is told so; R13: withheld items are announced.
    cell(`${name} role notice`, !actor.clinical && actor.kind === 'professional', notices(answer.body).includes('ROLE_RESTRICTED'));
    const anyHidden = LABELS.some((label) => !expectedVisible(actor, target, label));
    if (actor.clinical || actor.kind === 'resident')
      cell(`${name} withheld notice`, anyHidden, notices(answer.body).includes('INFORMATION_WITHHELD'));
    const leaked = entries(answer.body).some((entry) => /-(sex)$/.test(String(entry.resource['id'])) && actor.kind === 'professional');
    cell(`${name} leaks nothing labelled SEX`, false, leaked);
  }
};

const auditRows = {
  search: async () => {
    for (const { actor, target } of pairs) {
      const answer = await ask(actor, `${actor.name} access log of ${target}`, `/AuditEvent?patient=${patientIds[target]}`);
      if (!answer) continue;
      const access = expectedAccess(actor, target, 'AuditEvent');
      if (access.status !== 200) checkRefusal(`${actor.name} access log of ${target}`, access, answer);
      else {
        cell(`${actor.name} access log of ${target}`, 200, answer.status);
        // R15: refused attempts are not in the resident's log.
        const refused = entries(answer.body).some((entry) => entry.resource['outcome'] !== undefined && entry.resource['outcome'] !== '0');
        cell(`${actor.name} access log of ${target} holds no refusals`, false, refused);
      }
    }
  },
  read: async () => {
    for (const target of TARGETS) {
      const row = (
        await testHub.hub.store.query(
          'SELECT id FROM audit_event WHERE type = \'AuditEvent\' AND patient_id = ? AND json LIKE \'%"outcome":"0"%\' LIMIT 1',
          [patientIds[target]],
        )
      )[0] as { id: string } | undefined;
      if (!row) continue;
      for (const actor of ACTORS) {
        const answer = await ask(actor, `${actor.name} reads an audit event of ${target}`, `/AuditEvent/${row.id}`);
        if (!answer) continue;
        const access = expectedAccess(actor, target, 'AuditEvent');
        if (access.status !== 200)
          checkRefusal(`${actor.name} reads an audit event of ${target}`, expectedItemRefusal(actor, access), answer);
        else cell(`${actor.name} reads an audit event of ${target}`, 200, answer.status);
      }
    }
  },
};

function reading(patientId: string, extra: Json = {}): Json {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
    code: { coding: [{ system: 'http://snomed.info/sct', code: '27113001', display: 'Body weight' }] },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: '2026-11-27T08:00:00Z',
    valueQuantity: { value: 72.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
    ...extra,
  };
}
function medicine(patientId: string): Json {
  return {
    resourceType: 'MedicationStatement',
    status: 'active',
    medicationCodeableConcept: { text: 'Paracetamol 500mg tablets' },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: '2026-11-27',
    dosage: [{ text: 'Two tablets when needed' }],
  };
}

const createRow = (build: (patientId: string) => Json, type: string) => async () => {
  for (const { actor, target } of pairs) {
    const answer = await ask(actor, `${actor.name} adds ${type} to ${target}`, `/${type}`, {
      method: 'POST',
      body: build(patientIds[target]),
      headers: { 'x-request-id': randomUUID() },
    });
    if (!answer) continue;
    // R9: only the resident, only their own record.
    cell(`${actor.name} adds ${type} to ${target}`, actor.kind === 'resident' && target === 'self' ? 201 : 403, answer.status);
  }
  const resident = ACTORS.find((actor) => actor.kind === 'resident');
  const labelled = await call(resident, `/${type}`, {
    method: 'POST',
    body: { ...build(patientIds.self), meta: { security: [{ system: ACT_CODE, code: 'R' }] } },
    headers: { 'x-request-id': randomUUID() },
  });
  cell(`resident adds a labelled ${type}`, 422, labelled.status);
};

/** Someone a resident adds to their record to invite (R18). */
const invitee = (patientId: string): Json => ({
  resourceType: 'RelatedPerson',
  patient: { reference: `Patient/${patientId}` },
  name: [{ text: 'Matrix Friend' }],
});

/** R18: only the resident asks for a code, and only for someone on their own record with a permission waiting. */
const inviteRow = async () => {
  for (const target of TARGETS) {
    const patientId = patientIds[target];
    await testHub.hub.store.put({ ...invitee(patientId), id: `mx-invitee-${patientId}`, active: true });
    await testHub.hub.store.put({
      ...buildProxyConsent({
        patientId,
        relatedPersonId: `mx-invitee-${patientId}`,
        actions: ['view-appointments'],
        withheld: [],
        status: 'proposed',
      }),
      id: `mx-invite-${patientId}`,
      performer: [{ reference: `Patient/${patientId}` }],
      dateTime: '2026-11-01T09:00:00Z',
    });
  }
  for (const { actor, target } of pairs) {
    const answer = await ask(
      actor,
      `${actor.name} invites someone on ${target}’s record`,
      `/RelatedPerson/mx-invitee-${patientIds[target]}/$invite`,
      {
        method: 'POST',
      },
    );
    if (!answer) continue;
    // R18: only the resident, on their own record; another's contact is not found (R13).
    const expected = actor.kind !== 'resident' ? 403 : target === 'self' ? 200 : 404;
    cell(`${actor.name} invites someone on ${target}’s record`, expected, answer.status);
  }
};

/** R18: only a carer, signed in with their own account, accepts a code: no one in this matrix. */
const acceptRow = async () => {
  for (const actor of ACTORS) {
    const answer = await ask(actor, `${actor.name} accepts an invitation`, '/$accept-invitation', {
      method: 'POST',
      body: { resourceType: 'Parameters', parameter: [{ name: 'code', valueString: 'AAAA-BBBB-CCCC' }] },
    });
    if (!answer) continue;
    cell(`${actor.name} accepts an invitation`, 403, answer.status);
  }
};

let consent: { id: string; etag: string } | undefined;
const consentRows = {
  create: async () => {
    for (const { actor, target } of pairs) {
      if (actor.kind === 'resident' && target === 'self') continue;
      const answer = await ask(actor, `${actor.name} saves a sharing choice for ${target}`, '/Consent', {
        method: 'POST',
        body: withoutId(sharingChoice(patientIds[target], [])),
      });
      if (!answer) continue;
      cell(`${actor.name} saves a sharing choice for ${target}`, 403, answer.status);
    }
    // R9: the resident saves their own (once: a second is 409, changed with PUT instead).
    const earlier = (
      await testHub.hub.store.search({
        type: 'Consent',
        patientId: patientIds.self,
        criteria: [],
        sort: { by: 'lastUpdated', descending: true },
        count: 1,
        visibility: { hiddenLabels: [] },
      })
    ).resources[0];
    if (earlier) {
      const id = String(earlier['id']);
      consent = { id, etag: `W/"${String((earlier['meta'] as Json)['versionId'])}"` };
      const again = await call(
        ACTORS.find((actor) => actor.kind === 'resident'),
        '/Consent',
        {
          method: 'POST',
          body: withoutId(sharingChoice(patientIds.self, [])),
        },
      );
      cell('resident saves a second sharing choice', [409, 'SHARING_CHOICE_EXISTS'], [again.status, hubCode(again.body)]);
      return;
    }
    const own = await call(
      ACTORS.find((actor) => actor.kind === 'resident'),
      '/Consent',
      {
        method: 'POST',
        body: withoutId(sharingChoice(patientIds.self, [])),
      },
    );
    cell('resident saves their own sharing choice', 201, own.status);
    const again = await call(
      ACTORS.find((actor) => actor.kind === 'resident'),
      '/Consent',
      {
        method: 'POST',
        body: withoutId(sharingChoice(patientIds.self, [])),
      },
    );
    cell('resident saves a second sharing choice', [409, 'SHARING_CHOICE_EXISTS'], [again.status, hubCode(again.body)]);
    consent = { id: String(own.body['id']), etag: own.status === 201 ? `W/"${String((own.body['meta'] as Json)['versionId'])}"` : '' };
  },
  update: async () => {
    assert.ok(consent, 'the create row runs first');
    for (const actor of ACTORS) {
      const answer = await ask(actor, `${actor.name} changes the resident's sharing choice`, `/Consent/${consent.id}`, {
        method: 'PUT',
        body: { ...sharingChoice(patientIds.self, []), id: consent.id },
        headers: { 'if-match': consent.etag },
      });
      if (!answer) continue;
      cell(`${actor.name} changes the resident's sharing choice`, actor.kind === 'resident' ? 200 : 403, answer.status);
      if (answer.status === 200) consent = { id: consent.id, etag: `W/"${String((answer.body['meta'] as Json)['versionId'])}"` };
    }
  },
};
const withoutId = (resource: Json): Json => Object.fromEntries(Object.entries(resource).filter(([key]) => key !== 'id'));

const batchRow = async () => {
  for (const { actor, target } of pairs) {
    const urls = [...LABELS.map((label) => `Condition/${itemId('Condition', target, label)}`), `Appointment?patient=${patientIds[target]}`];
    const answer = await ask(actor, `${actor.name} batch for ${target}`, '/', {
      method: 'POST',
      body: { resourceType: 'Bundle', type: 'batch', entry: urls.map((url) => ({ request: { method: 'GET', url } })) },
    });
    if (!answer) continue;
    cell(`${actor.name} batch for ${target}`, 200, answer.status);
    const statuses = entries(answer.body).map((entry) =>
      Number(String((entry as { response?: { status?: string } }).response?.status).slice(0, 3)),
    );
    const condition = expectedAccess(actor, target, 'Condition');
    const appointment = expectedAccess(actor, target, 'Appointment');
    // The same answer, entry by entry, as the same requests on their own.
    cell(
      `${actor.name} batch entries for ${target}`,
      [
        ...LABELS.map((label) =>
          condition.status !== 200 ? expectedItemRefusal(actor, condition).status : expectedVisible(actor, target, label) ? 200 : 404,
        ),
        appointment.status,
      ],
      statuses,
    );
  }
};

const publicRow = (path: string) => async () => {
  cell(`no token GET ${path}`, 200, (await fetch(`${testHub.fhir}${path}`)).status);
};

/** One row per operation of the contract. */
const rows: Record<string, () => Promise<void>> = {
  getCapabilityStatement: publicRow('/metadata'),
  getSmartConfiguration: publicRow('/.well-known/smart-configuration'),
  readOperationDefinition: publicRow('/OperationDefinition/care-record-summary'),
  getWellbeingAdvice: publicRow('/$wellbeing-advice'),
  batch: batchRow,
  searchPatient: patientSearchRow,
  readPatient: patientReadRow,
  getPatientSummary: summaryRow,
  createObservation: createRow(reading, 'Observation'),
  createMedicationStatement: createRow(medicine, 'MedicationStatement'),
  createConsent: consentRows.create,
  createRelatedPerson: createRow(invitee, 'RelatedPerson'),
  inviteRelatedPerson: inviteRow,
  acceptInvitation: acceptRow,
  updateConsent: consentRows.update,
  searchConsent: searchRowFor('Consent'),
  readConsent: async () => {
    for (const { actor, target } of pairs) {
      if (target !== 'excluded' && target !== 'category') continue;
      const answer = await ask(actor, `${actor.name} reads the sharing choice of ${target}`, `/Consent/mx-consent-${patientIds[target]}`);
      if (!answer) continue;
      const access = expectedAccess(actor, target, 'Consent');
      if (access.status !== 200)
        checkRefusal(`${actor.name} reads the sharing choice of ${target}`, expectedItemRefusal(actor, access), answer);
      // R10: a sharing choice is the resident's own setting, withheld from professionals (R13) as a label is.
      else cell(`${actor.name} reads the sharing choice of ${target}`, 404, answer.status);
    }
  },
  searchAuditEvent: auditRows.search,
  readAuditEvent: auditRows.read,
  ...Object.fromEntries(
    RECORD_TYPES.flatMap((type) => [
      [`read${type}`, readRow(type)],
      [`search${type}`, searchRow(type)],
    ]),
  ),
  ...Object.fromEntries(
    [...DIRECTORY, ...CLINICAL_DEFINITIONS].flatMap((type) => [
      [`read${type}`, directoryRow(type, 'read')],
      [`search${type}`, directoryRow(type, 'search')],
    ]),
  ),
};

/** A search of a type that holds no labelled fixtures: access only (R6, R7, R3). */
function searchRowFor(type: string) {
  return async () => {
    for (const { actor, target } of pairs) {
      const answer = await ask(actor, `${actor.name} searches ${type} of ${target}`, `/${type}?patient=${patientIds[target]}`);
      if (!answer) continue;
      const access = expectedAccess(actor, target, type);
      if (access.status !== 200) checkRefusal(`${actor.name} searches ${type} of ${target}`, access, answer);
      else cell(`${actor.name} searches ${type} of ${target}`, 200, answer.status);
    }
  };
}

test('every operation of the contract has a row in the policy matrix', () => {
  const missing = contractOperations(testHub.hub.schemas.document)
    .map((operation) => operation.operationId)
    .filter((id) => !(id in rows));
  assert.deepEqual(missing, [], `operations without a matrix row: ${missing.join(', ')}`);
});

test('every cell of the policy matrix answers as docs/access-policy.md says', async (context) => {
  const order = Object.keys(rows).sort((a, b) => Number(b === 'createConsent') - Number(a === 'createConsent'));
  for (const operationId of order) await rows[operationId]?.();
  context.diagnostic(
    `policy matrix: ${Object.keys(rows).length} operations × ${ACTORS.length} personas × ${TARGETS.length} residents (sharing choices) × ${LABELS.length} kinds of item: ${cells} cells checked`,
  );
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} of ${cells} cells differ from the written policy`);
});

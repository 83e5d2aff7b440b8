/**
 * A reference's words must not tell a withheld item (docs/access-policy.md R13). An appointment's reason read
 * `{ reference: 'Condition/…', display: 'Depression' }` where that condition was withheld from the viewer: they could
 * not read the condition (`404`, left out of searches with "Some information is not shown"), yet read its name in
 * the appointment. Now a reference to an item withheld from the viewer is left out of what they read, whole (its
 * display, identifier, type and id), and the item is tagged `SUBSETTED`, versioned by what it shows.
 *
 * The class: referring types × reference elements (reason, addresses, evidence, members, results, supporting
 * information, based-on, an extension's value, a contained resource) × why the target is withheld (labelled
 * restricted, kept from the resident, sensitive by its content, mental health kept by a sharing choice, another
 * resident's, outside a carer's permission) × viewers (GP, GP by break-glass, resident, carer, receptionist) × read
 * paths (read, search, `_include`, batch, `$summary`). Each reference's display is a marker found nowhere else: a
 * withheld one must appear nowhere in the answer, and one the viewer may read must still be there.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ACT_CODE, recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { setUpWithheldReferenceReaders } from './support/withheld-reference-readers.js';

type Json = Record<string, unknown>;
type Reference = { reference: string; display: string; identifier?: Json; type?: string };

const CARER_SCOPE = 'openid fhirUser offline_access user/*.rs';
const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs';

/** Where an item refers to another, and what type of item it names there. */
interface Element {
  name: string;
  referring: string;
  target: string;
  attach: (resource: Json, reference: Reference) => Json;
}
const ELEMENTS: Element[] = [
  {
    name: 'Appointment.reasonReference',
    referring: 'Appointment',
    target: 'Condition',
    attach: (r, ref) => ({ ...r, reasonReference: [ref] }),
  },
  {
    name: 'Appointment.reasonReference (a result)',
    referring: 'Appointment',
    target: 'Observation',
    attach: (r, ref) => ({ ...r, reasonReference: [ref] }),
  },
  {
    name: 'Encounter.reasonReference',
    referring: 'Encounter',
    target: 'Condition',
    attach: (r, ref) => ({ ...r, reasonReference: [ref] }),
  },
  { name: 'CarePlan.addresses', referring: 'CarePlan', target: 'Condition', attach: (r, ref) => ({ ...r, addresses: [ref] }) },
  { name: 'Goal.addresses', referring: 'Goal', target: 'Condition', attach: (r, ref) => ({ ...r, addresses: [ref] }) },
  {
    name: 'Condition.evidence.detail',
    referring: 'Condition',
    target: 'Observation',
    attach: (r, ref) => ({ ...r, evidence: [{ detail: [ref] }] }),
  },
  { name: 'Observation.hasMember', referring: 'Observation', target: 'Observation', attach: (r, ref) => ({ ...r, hasMember: [ref] }) },
  { name: 'DiagnosticReport.result', referring: 'DiagnosticReport', target: 'Observation', attach: (r, ref) => ({ ...r, result: [ref] }) },
  {
    name: 'MedicationRequest.supportingInformation',
    referring: 'MedicationRequest',
    target: 'Observation',
    attach: (r, ref) => ({ ...r, supportingInformation: [ref] }),
  },
  { name: 'MedicationRequest.basedOn', referring: 'MedicationRequest', target: 'CarePlan', attach: (r, ref) => ({ ...r, basedOn: [ref] }) },
  {
    name: 'Procedure.reasonReference',
    referring: 'Procedure',
    target: 'Condition',
    attach: (r, ref) => ({ ...r, reasonReference: [ref] }),
  },
  {
    name: 'Observation extension valueReference',
    referring: 'Observation',
    target: 'Condition',
    attach: (r, ref) => ({ ...r, extension: [{ url: 'https://care-record.example/StructureDefinition/test-about', valueReference: ref }] }),
  },
  {
    name: 'Encounter contained Observation.derivedFrom (absolute, with identifier)',
    referring: 'Encounter',
    target: 'Observation',
    attach: (r, ref) => ({
      ...r,
      contained: [
        {
          resourceType: 'Observation',
          id: 'inner',
          status: 'final',
          code: { text: 'Inner reading' },
          derivedFrom: [{ ...ref, reference: `https://elsewhere.example/fhir/${ref.reference}`, identifier: { value: ref.display } }],
        },
      ],
    }),
  },
];

/** Why a target is withheld, and from whom. */
const REASONS = ['plain', 'R', 'NOPAT', 'content', 'PSY', 'other-resident'] as const;
type Why = (typeof REASONS)[number];

type ViewerName = 'gp' | 'gp-break-glass' | 'resident' | 'carer' | 'receptionist';
/** Types each viewer may read (the role's, the token's, the carer's permission). */
const READS: Record<ViewerName, (type: string) => boolean> = {
  gp: () => true,
  'gp-break-glass': () => true,
  resident: () => true,
  // The carer's permission here: appointments and results only, mental health kept back.
  carer: (type) => ['Appointment', 'Observation', 'DiagnosticReport'].includes(type),
  receptionist: (type) => type === 'Appointment',
};
/** Whether the target is withheld from this viewer: the rules' answer, written out. */
function withheldFrom(viewer: ViewerName, why: Why, target: string): boolean {
  if (!READS[viewer](target) || why === 'other-resident') return true;
  switch (viewer) {
    case 'gp':
      // Related; the resident keeps mental health with the service that recorded it.
      return ['R', 'content', 'PSY'].includes(why);
    case 'gp-break-glass':
      return ['R', 'content'].includes(why);
    case 'resident':
      return why === 'NOPAT';
    case 'carer':
      return why !== 'plain';
    case 'receptionist':
      return true;
  }
}

interface Case {
  patient: string;
  element: Element;
  why: Why;
  id: string;
  marker: string;
}
const cases: Case[] = [];
let testHub: TestHub;
let resident = '';
let mother = '';
const UNRELATED = 'wr-unrelated';
const OTHER = 'wr-other';

/** The record each viewer reads. */
const patientOf = (viewer: ViewerName) => (viewer === 'carer' ? mother : viewer === 'gp-break-glass' ? UNRELATED : resident);

function target(type: string, id: string, patientId: string, why: Why): Json {
  const labels = why === 'R' || why === 'NOPAT' || why === 'PSY' ? [why] : [];
  const item = recordItem(type, id, why === 'other-resident' ? OTHER : patientId, labels);
  return why === 'content' ? { ...item, code: { text: 'Induced abortion' } } : item;
}

async function populate(hub: TestHub['hub'], patientId: string, key: string): Promise<void> {
  for (const [index, element] of ELEMENTS.entries())
    for (const why of REASONS) {
      const id = `wr-${key}-${index}-${why}`;
      const marker = `ZQX${key}${index}${why.replace('-', '')}QZ`;
      await hub.store.put(target(element.target, `${id}-target`, patientId, why));
      const reference: Reference = {
        reference: `${element.target}/${id}-target`,
        display: marker,
        type: element.target,
        identifier: { system: 'https://care-record.example/test-id', value: `${marker}id` },
      };
      const referring = element.attach(recordItem(element.referring, id, patientId), reference);
      // Current enough for the summary's sections.
      const current: Json =
        element.referring === 'Appointment'
          ? { status: 'booked', start: '2027-01-10T10:00:00Z', end: '2027-01-10T10:20:00Z' }
          : element.referring === 'CarePlan'
            ? { status: 'active' }
            : element.referring === 'MedicationRequest'
              ? { status: 'active' }
              : {};
      await hub.store.put({ ...referring, ...current });
      cases.push({ patient: patientId, element, why, id, marker });
    }
  // A report whose results are the readings that refer: `_include` brings them in.
  await hub.store.put({
    ...recordItem('DiagnosticReport', `wr-${key}-panel`, patientId),
    result: cases
      .filter((item) => item.patient === patientId && item.element.referring === 'Observation')
      .map((item) => ({ reference: `Observation/${item.id}` })),
  });
}

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      // The carer's permission: appointments and results, mental health kept back.
      ({ resident, mother } = await setUpWithheldReferenceReaders(hub, {
        carer: { actions: ['view-appointments', 'view-results'], withheld: ['mental-health'] },
        strangers: [UNRELATED, OTHER],
        desk: true,
      }));
      // The resident keeps mental health with the service that recorded it.
      await hub.store.put({
        resourceType: 'Consent',
        id: 'wr-sharing',
        meta: { source: 'https://care-record.example/source/resident' },
        status: 'active',
        scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
        category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
        patient: { reference: `Patient/${resident}` },
        policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
        provision: { type: 'permit', provision: [{ type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }] }] },
      });
      await populate(hub, resident, 'r');
      await populate(hub, mother, 'm');
      await populate(hub, UNRELATED, 'u');
    },
  });
});
after(() => testHub.close());

const tokenOf = (viewer: ViewerName) =>
  viewer === 'carer'
    ? testHub.signIn('carer', { scope: CARER_SCOPE })
    : viewer === 'resident'
      ? testHub.signIn('resident', { scope: RESIDENT_SCOPE })
      : testHub.signIn(viewer === 'gp-break-glass' ? 'gp' : viewer);

async function call(viewer: ViewerName, path: string, init: { method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = viewer === 'gp-break-glass' ? { 'x-break-glass-reason': 'Unconscious in A&E' } : {};
  return testHub.call(await tokenOf(viewer), path, { ...init, headers });
}

const casesFor = (viewer: ViewerName) => cases.filter((item) => item.patient === patientOf(viewer));
const subsetted = (resource: Json) =>
  ((resource['meta'] as { tag?: { code?: string }[] } | undefined)?.tag ?? []).some((tag) => tag.code === 'SUBSETTED');

/** What is wrong with an answer's text: a withheld item's words in it, or a readable one's missing (when it must be there). */
function wrongIn(viewer: ViewerName, text: string, shown: Case[], path: string): string[] {
  const wrong: string[] = [];
  for (const item of casesFor(viewer)) {
    const withheld = withheldFrom(viewer, item.why, item.element.target);
    if (withheld && text.includes(item.marker))
      wrong.push(`${path}: ${item.element.name} / ${item.why}: the withheld item's name is shown`);
    if (withheld && text.includes(`${item.id}-target`))
      wrong.push(`${path}: ${item.element.name} / ${item.why}: the withheld item's id is shown`);
    if (!withheld && shown.includes(item) && !text.includes(item.marker))
      wrong.push(`${path}: ${item.element.name} / ${item.why}: a readable item's name is missing`);
  }
  return wrong;
}

describe('the reported case: an appointment whose reason names a withheld condition', () => {
  const reported = (why: Why, viewer: ViewerName) =>
    cases.find((item) => item.patient === patientOf(viewer) && item.why === why && item.element.name === 'Appointment.reasonReference')!;
  for (const [viewer, why] of [
    ['gp', 'R'],
    ['receptionist', 'R'],
    ['resident', 'NOPAT'],
    ['carer', 'plain'],
    ['carer', 'R'],
  ] as [ViewerName, Why][])
    test(`${viewer}: a ${why} condition is not named, and the appointment says something is not shown`, async () => {
      const item = reported(why, viewer);
      const condition = await call(viewer, `/Condition/${item.id}-target`);
      assert.notEqual(condition.status, 200, 'the condition itself is not read');
      const read = await call(viewer, `/Appointment/${item.id}`);
      assert.equal(read.status, 200);
      const text = JSON.stringify(read.body);
      assert.ok(!text.includes(item.marker), `the condition's name is not in ${text}`);
      assert.ok(!text.includes(`${item.id}-target`), 'nor its id');
      assert.ok(subsetted(read.body), 'the appointment is tagged SUBSETTED');
    });
  test('a viewer who may read the condition still reads its name', async () => {
    const item = reported('NOPAT', 'gp');
    const read = await call('gp', `/Appointment/${item.id}`);
    assert.equal(read.status, 200);
    assert.deepEqual((read.body['reasonReference'] as Reference[])[0]?.display, item.marker);
    assert.ok(!subsetted(read.body));
  });
});

const VIEWERS: ViewerName[] = ['gp', 'gp-break-glass', 'resident', 'carer', 'receptionist'];

describe('the class: elements × why withheld × viewers × read paths', () => {
  test('the data covers the class', () => {
    assert.equal(cases.length, ELEMENTS.length * REASONS.length * 3);
    for (const viewer of VIEWERS) {
      const readable = casesFor(viewer).filter((item) => READS[viewer](item.element.referring));
      assert.ok(
        readable.some((item) => withheldFrom(viewer, item.why, item.element.target)),
        `${viewer} has withheld cases`,
      );
      if (viewer !== 'receptionist' && viewer !== 'carer')
        assert.ok(
          readable.some((item) => !withheldFrom(viewer, item.why, item.element.target)),
          `${viewer} has readable cases`,
        );
    }
  });

  for (const viewer of VIEWERS) {
    test(`${viewer}: read`, async () => {
      const wrong: string[] = [];
      for (const item of casesFor(viewer).filter((candidate) => READS[viewer](candidate.element.referring))) {
        const read = await call(viewer, `/${item.element.referring}/${item.id}`);
        if (read.status !== 200) {
          wrong.push(`read ${item.element.name} / ${item.why}: ${read.status}`);
          continue;
        }
        const withheld = withheldFrom(viewer, item.why, item.element.target);
        wrong.push(...wrongIn(viewer, JSON.stringify(read.body), viewer === 'receptionist' ? [] : [item], `read ${item.id}`));
        if (withheld && viewer !== 'receptionist' && !subsetted(read.body)) wrong.push(`read ${item.id}: not tagged SUBSETTED`);
        if (withheld && read.headers.get('last-modified')) wrong.push(`read ${item.id}: a partial view carries Last-Modified`);
      }
      assert.deepEqual(wrong, []);
    });

    test(`${viewer}: search and _include`, async () => {
      const wrong: string[] = [];
      const patientId = patientOf(viewer);
      for (const type of [...new Set(ELEMENTS.map((element) => element.referring))].filter(READS[viewer])) {
        const search = await call(viewer, `/${type}?patient=${patientId}&_count=500`);
        if (search.status !== 200) {
          wrong.push(`search ${type}: ${search.status}`);
          continue;
        }
        const shown = viewer === 'receptionist' ? [] : casesFor(viewer).filter((item) => item.element.referring === type);
        wrong.push(...wrongIn(viewer, JSON.stringify(search.body), shown, `search ${type}`));
        const security = ((search.body['meta'] as { security?: { code?: string }[] } | undefined)?.security ?? []).map((s) => s.code);
        if (shown.some((item) => withheldFrom(viewer, item.why, item.element.target)) && !security.includes('SUBSETTED'))
          wrong.push(`search ${type}: the Bundle does not say SUBSETTED`);
      }
      if (READS[viewer]('DiagnosticReport')) {
        const include = await call(viewer, `/DiagnosticReport?patient=${patientId}&_include=DiagnosticReport:result&_count=500`);
        assert.equal(include.status, 200);
        const included = casesFor(viewer).filter(
          (item) => item.element.referring === 'Observation' || item.element.referring === 'DiagnosticReport',
        );
        wrong.push(...wrongIn(viewer, JSON.stringify(include.body), included, '_include'));
      }
      assert.deepEqual(wrong, []);
    });

    test(`${viewer}: batch and $summary`, async () => {
      const wrong: string[] = [];
      const readable = casesFor(viewer).filter((item) => READS[viewer](item.element.referring));
      // A batch holds at most 20 entries.
      for (let start = 0; start < readable.length; start += 20) {
        const chunk = readable.slice(start, start + 20);
        const batch = await call(viewer, '', {
          method: 'POST',
          body: {
            resourceType: 'Bundle',
            type: 'batch',
            entry: chunk.map((item) => ({ request: { method: 'GET', url: `${item.element.referring}/${item.id}` } })),
          },
        });
        assert.equal(batch.status, 200);
        wrong.push(...wrongIn(viewer, JSON.stringify(batch.body), viewer === 'receptionist' ? [] : chunk, 'batch'));
      }
      const summary = await call(viewer, `/Patient/${patientOf(viewer)}/$summary`);
      assert.equal(summary.status, 200);
      const text = JSON.stringify(summary.body);
      wrong.push(...wrongIn(viewer, text, [], '$summary'));
      if (viewer !== 'receptionist' && viewer !== 'carer') {
        const shownInSummary = casesFor(viewer).filter(
          (item) => !withheldFrom(viewer, item.why, item.element.target) && text.includes(item.marker),
        );
        if (shownInSummary.length === 0) wrong.push('$summary: no readable reference is named at all');
      }
      assert.deepEqual(wrong, []);
    });
  }
});

describe('a partial view is versioned by what it shows', () => {
  test('changing only the withheld reference does not move the viewer’s ETag; changing what they see does', async () => {
    const item = cases.find(
      (candidate) => candidate.patient === resident && candidate.why === 'R' && candidate.element.referring === 'Encounter',
    )!;
    const first = await call('gp', `/Encounter/${item.id}`);
    assert.equal(first.status, 200);
    const etag = first.headers.get('etag');
    assert.ok(etag);
    const stored = (await testHub.hub.store.read('Encounter', item.id))!.resource;
    const reasonChanged = { ...stored, reasonReference: [{ reference: `Condition/${item.id}-target`, display: 'Another name' }] };
    await testHub.hub.store.put(reasonChanged);
    const second = await call('gp', `/Encounter/${item.id}`);
    assert.equal(second.headers.get('etag'), etag, 'the view is the same, and so is its version');
    assert.deepEqual(second.body, first.body);
    await testHub.hub.store.put({ ...reasonChanged, status: 'cancelled' });
    const third = await call('gp', `/Encounter/${item.id}`);
    assert.notEqual(third.headers.get('etag'), etag, 'what the viewer sees changed: the version moves');
    const notModified = await testHub.call(await tokenOf('gp'), `/Encounter/${item.id}`, {
      headers: { 'if-none-match': third.headers.get('etag') ?? '' },
    });
    assert.equal(notModified.status, 304);
  });
});

/**
 * How a carer is related to the resident, however the relationship was sent:
 * an HL7 v3 RoleCode with its display, a code without one, words in `text`,
 * the older STU3 system, HL7 v2 table 0131, SNOMED CT's carer, a local code.
 * The carers screen (`loadCarers`) and the carer's own list of people they act
 * for (`loadPeopleActedFor`) read it the same way: the source's words first,
 * else the words for a code the record knows, else the code itself; never a
 * relationship the source did not send. Against a plain FHIR server behind the
 * client's `fetch`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { buildProxyConsent, createHubClient, CARER_ACCOUNT_SYSTEM, loadCarers, loadPeopleActedFor } from '../../src/index.js';

type Json = Record<string, unknown>;
type Concept = { text?: string; coding?: { system?: string; code?: string; display?: string }[] };

const V3 = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const PATIENT = 'pat-0001';

/** A plain FHIR server holding one resident, one related person and their permission; reads and batches of reads. */
function plainServer(relationship: Concept[] | undefined) {
  const person: Json = {
    resourceType: 'RelatedPerson',
    id: 'rp-1',
    patient: { reference: `Patient/${PATIENT}` },
    name: [{ given: ['Aoife'], family: 'Lloyd' }],
    identifier: [{ system: CARER_ACCOUNT_SYSTEM, value: 'acct-1' }],
    ...(relationship === undefined ? {} : { relationship }),
  };
  const patient: Json = { resourceType: 'Patient', id: PATIENT, name: [{ given: ['Bridget'], family: 'Kelly' }], birthDate: '1950-02-01' };
  const consent = {
    ...buildProxyConsent({ patientId: PATIENT, relatedPersonId: 'rp-1', actions: ['view-record'], withheld: [] }),
    id: 'proxy-1',
    status: 'active',
    meta: { versionId: '1' },
  };
  const bundle = (resources: Json[]) => ({ resourceType: 'Bundle', type: 'searchset', entry: resources.map((resource) => ({ resource })) });
  const read = (path: string): Json => {
    const url = new URL(path, 'https://plain.test/fhir/');
    const at = url.pathname.replace(/^\/fhir\//, '');
    if (at === `Patient/${PATIENT}`) return patient;
    if (at === 'RelatedPerson/rp-1') return person;
    if (at === 'RelatedPerson') return bundle([person]);
    // The people the signed-in carer acts for, as the hub's Patient search lists them for a carer.
    if (at === 'Patient') return bundle([patient]);
    if (at === 'Consent') return bundle([consent as unknown as Json]);
    return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] };
  };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/fhir+json' } });
    if (request.method === 'POST') {
      const batch = (await request.json()) as { entry: { request: { url: string } }[] };
      return json({
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: batch.entry.map((entry) => ({ resource: read(entry.request.url), response: { status: '200 OK' } })),
      });
    }
    return json(read(request.url));
  };
  return createHubClient({ baseUrl: 'https://plain.test/fhir', auth: 'token', fetch, retry: false });
}

async function bothReadings(relationship: Concept[] | undefined): Promise<{ carers: string | undefined; actingFor: string }> {
  const hub = plainServer(relationship);
  const model = await loadCarers(hub, PATIENT, { now: new Date('2026-12-01T12:00:00Z') });
  const [people] = await Promise.all([loadPeopleActedFor(hub, 'RelatedPerson/rp-1')]);
  assert.equal(model.carers.length, 1);
  assert.equal(people.length, 1);
  return { carers: model.carers[0]?.relationship, actingFor: people[0]?.relationship ?? '' };
}

const CASES: { name: string; relationship: Concept[] | undefined; words: string | undefined }[] = [
  {
    name: 'an HL7 v3 RoleCode with its display',
    relationship: [{ coding: [{ system: V3, code: 'DAU', display: 'daughter' }] }],
    words: 'daughter',
  },
  { name: 'an HL7 v3 RoleCode without a display', relationship: [{ coding: [{ system: V3, code: 'DAU' }] }], words: 'daughter' },
  { name: 'a lower-case RoleCode without a display', relationship: [{ coding: [{ system: V3, code: 'nbor' }] }], words: 'neighbour' },
  { name: 'words in text only', relationship: [{ text: 'Niece by marriage' }], words: 'Niece by marriage' },
  {
    name: 'words in text beside a code',
    relationship: [{ text: 'Eldest son', coding: [{ system: V3, code: 'SON' }] }],
    words: 'Eldest son',
  },
  {
    name: 'the older STU3 RoleCode system without a display',
    relationship: [{ coding: [{ system: 'http://hl7.org/fhir/v3/RoleCode', code: 'MTH' }] }],
    words: 'mother',
  },
  {
    name: 'HL7 v2 table 0131 next of kin',
    relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'N' }] }],
    words: 'next of kin',
  },
  {
    name: 'SNOMED CT’s carer',
    relationship: [{ coding: [{ system: 'http://snomed.info/sct', code: '133932002' }] }],
    words: 'carer',
  },
  {
    name: 'a display in another system',
    relationship: [{ coding: [{ system: 'https://council.example/relationship', code: 'X7', display: 'Support worker' }] }],
    words: 'Support worker',
  },
  {
    name: 'a RoleCode the record has no words for',
    relationship: [{ coding: [{ system: V3, code: 'STPGRMTH' }] }],
    words: 'HL7 RoleCode STPGRMTH',
  },
  {
    name: 'a relationship in the second concept only',
    relationship: [{ coding: [] }, { coding: [{ system: V3, code: 'FRND' }] }],
    words: 'friend',
  },
  { name: 'no relationship', relationship: undefined, words: undefined },
  { name: 'an empty relationship', relationship: [{ text: '  ', coding: [{ system: V3 }] }], words: undefined },
];

describe('a carer’s relationship, however it was sent', () => {
  test('the reported case: a RoleCode sent without a display reads as its words', async () => {
    const read = await bothReadings([{ coding: [{ system: V3, code: 'DAU' }] }]);
    assert.equal(read.carers, 'daughter');
    assert.equal(read.actingFor, 'daughter');
  });

  for (const each of CASES)
    test(`${each.name}: ${each.words ?? 'none said'}`, async () => {
      const read = await bothReadings(each.relationship);
      assert.equal(read.carers, each.words);
      // The carer's own list says "carer" when nothing more was said, as it always has.
      assert.equal(read.actingFor, each.words ?? 'carer');
    });

  test('whatever it was sent as, the words are what the source said or a code it sent, never made up or blank', async () => {
    const words = fc.oneof(fc.constantFrom('Daughter', 'next of kin', 'Friend of the family'), fc.string({ maxLength: 20 }));
    const coding = fc.record(
      {
        system: fc.constantFrom(V3, 'http://hl7.org/fhir/v3/RoleCode', 'http://terminology.hl7.org/CodeSystem/v2-0131', 'urn:local', ''),
        code: fc.oneof(fc.constantFrom('DAU', 'son', 'N', 'FRND', 'ZZZ', ''), fc.string({ maxLength: 8 })),
        display: words,
      },
      { requiredKeys: [] },
    );
    const concept = fc.record({ text: words, coding: fc.array(coding, { maxLength: 3 }) }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(fc.option(fc.array(concept, { maxLength: 3 }), { nil: undefined }), async (relationship) => {
        const read = await bothReadings(relationship);
        if (read.carers === undefined) {
          // Nothing is read only when nothing was said: no words and no code in any concept.
          const anything = (relationship ?? []).some(
            (each) =>
              (each.text ?? '').trim() !== '' ||
              (each.coding ?? []).some((c) => (c.display ?? '').trim() !== '' || (c.code ?? '').trim() !== ''),
          );
          assert.equal(anything, false, JSON.stringify(relationship));
          assert.equal(read.actingFor, 'carer');
          return;
        }
        assert.notEqual(read.carers.trim(), '');
        assert.equal(read.actingFor, read.carers);
        // The words come from what was sent: its text or a display as written, the code itself, or (for a code the
        // record knows) that code's meaning in lower-case words.
        const written = (relationship ?? []).flatMap((each) => [each.text ?? '', ...(each.coding ?? []).map((c) => c.display ?? '')]);
        const codes = (relationship ?? []).flatMap((each) => (each.coding ?? []).map((c) => (c.code ?? '').trim().toLowerCase()));
        const tidy = (text: string) => text.trim().replace(/\s+/g, ' ');
        const shown = read.carers;
        const asWritten = written.some((text) => tidy(text) === shown);
        const aCode = codes.some((code) => code !== '' && shown.toLowerCase().endsWith(code.replace(/\s+/g, ' ')));
        const aMeaning = /^[a-z]+(?:[ -][a-z]+)*$/.test(shown) && codes.some((code) => code !== '');
        assert.ok(asWritten || aCode || aMeaning, `${shown} from ${JSON.stringify(relationship)}`);
      }),
      { numRuns: 150, seed: 61209 },
    );
  });
});

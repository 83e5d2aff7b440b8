/**
 * The organisations on her sharing screen are found from four parts of her record (EpisodeOfCare, Encounter,
 * Condition, CarePlan). R16 saw `loadSharing` skip a part that failed, ignore an answer saying a source did not answer,
 * and stop at a part's first page: an organisation went missing with nothing saying the list was incomplete, and with
 * all four failed and no GP she read "No organisations have recorded your care yet". She cannot stop sharing with an
 * organisation she cannot see.
 *
 * The class: each part × how it answers (a 500, a later page failing or dropped, each kind of answer in part, her
 * organisation on a later page, more pages than are read): the organisation that part names is listed, or the model
 * says the list may be incomplete and which part — and for an answer in full on several pages, it is listed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadSharing } from '../../src/index.js';
import { PARTIAL, scriptedHub, type Json, type SearchScript } from './scripted-hub.js';

const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const PATIENT = 'pat-1';
const ORGS: Record<string, { name: string; ods: string }> = {
  'org-gp': { name: 'Tufnell Green Surgery', ods: 'F83999' },
  'org-la': { name: 'Islington Adult Social Care', ods: 'LA999' },
  'org-rv': { name: 'Whittington Hospital', ods: 'RV999' },
  'org-rmh': { name: 'Camden Mental Health Trust', ods: 'RMH99' },
  'org-rc': { name: 'Islington Community Nursing', ods: 'RC999' },
};
const PARTS = {
  '/EpisodeOfCare': { org: 'org-la', words: 'the services managing your care' },
  '/Encounter': { org: 'org-rv', words: 'your visits and appointments' },
  '/Condition': { org: 'org-rmh', words: 'your health conditions' },
  '/CarePlan': { org: 'org-rc', words: 'your care plans' },
} as const;
type Part = keyof typeof PARTS;

/** The item of `part` that names its organisation (by reference, or by its source's ODS code). */
function naming(part: Part): Json {
  const org = PARTS[part].org;
  const type = part.slice(1);
  if (part === '/EpisodeOfCare') return { resourceType: type, id: 'e1', managingOrganization: { reference: `Organization/${org}` } };
  if (part === '/Encounter') return { resourceType: type, id: 'e2', serviceProvider: { reference: `Organization/${org}` } };
  return { resourceType: type, id: 'x', meta: { source: `https://care-record.example/source/${ORGS[org]!.ods}` } };
}
const other = (part: Part, n: number): Json => ({ resourceType: part.slice(1), id: `other-${n}` });

function read(withGp: boolean) {
  return (template: string, path: Record<string, unknown> | undefined, url: string): Json => {
    const bundle = (entry: Json[]) => ({ resourceType: 'Bundle', type: 'searchset', entry: entry.map((resource) => ({ resource })) });
    if (template === '/Consent') return bundle([]);
    if (template === '/Patient/{id}')
      return { resourceType: 'Patient', id: PATIENT, ...(withGp ? { generalPractitioner: [{ reference: 'Organization/org-gp' }] } : {}) };
    if (template === '/Organization/{id}') {
      const id = String(path?.['id']);
      return { resourceType: 'Organization', id, name: ORGS[id]!.name };
    }
    if (template === '/Organization') {
      const code = decodeURIComponent(/identifier=([^&]+)/.exec(url)?.[1] ?? '').split('|')[1] ?? '';
      const found = Object.entries(ORGS).find(([, org]) => org.ods === code);
      return bundle(
        found ? [{ resourceType: 'Organization', id: found[0], name: found[1].name, identifier: [{ system: ODS, value: code }] }] : [],
      );
    }
    throw new Error(`unexpected ${template}`);
  };
}

/** Each part answering in full with its organisation, but `part` answering as `script`. */
function scripts(part: Part | undefined, script: SearchScript): Record<string, SearchScript> {
  return Object.fromEntries((Object.keys(PARTS) as Part[]).map((each) => [each, each === part ? script : { pages: [[naming(each)]] }]));
}

const ON_PAGE_ONE = (part: Part): Json[][] => [[naming(part)]];
const FAULTS: Record<string, (part: Part) => SearchScript> = {
  'a 500': () => ({ status: 500 }),
  'a 503': () => ({ status: 503 }),
  'her organisation on a later page, that page dropped': (part) => ({
    pages: [[other(part, 1)], [naming(part)]],
    laterPageFails: 'network',
  }),
  'her organisation on a later page, that page a 500': (part) => ({ pages: [[other(part, 1)], [naming(part)]], laterPageFails: 500 }),
  ...Object.fromEntries(
    Object.entries(PARTIAL).map(([kind, extra]) => [
      kind,
      (part: Part): SearchScript => ({ pages: ON_PAGE_ONE(part), extra: () => extra }),
    ]),
  ),
  'answered in part on a later page': (part) => ({
    pages: [[other(part, 1)], [naming(part)]],
    extra: (page) => (page === 1 ? PARTIAL['a source did not answer']! : {}),
  }),
  'more pages than are read': (part) => ({ pages: Array.from({ length: 25 }, (_, n) => (n === 24 ? [naming(part)] : [other(part, n)])) }),
};

describe('her sharing screen never lists organisations as complete from a part of her record it could not read in full', () => {
  test('reported: all four parts fail and she has no GP: not "no organisations", each part said', async () => {
    const all = Object.fromEntries((Object.keys(PARTS) as Part[]).map((part) => [part, { status: 500 }]));
    const model = await loadSharing(scriptedHub(all, read(false)).client, PATIENT);
    assert.deepEqual(model.choices.organisations, []);
    assert.deepEqual(
      model.organisationsIncomplete?.parts,
      Object.values(PARTS).map((part) => part.words),
    );
  });

  test('reported: her hospital on the second page of her visits is listed', async () => {
    const model = await loadSharing(
      scriptedHub(scripts('/Encounter', { pages: [[other('/Encounter', 1)], [naming('/Encounter')]] }), read(true)).client,
      PATIENT,
    );
    assert.ok(model.choices.organisations.some((org) => org.name === 'Whittington Hospital'));
    assert.equal(model.organisationsIncomplete, undefined);
  });

  test('class: part × how it answers', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const part of Object.keys(PARTS) as Part[])
      for (const [fault, script] of Object.entries(FAULTS)) {
        cases += 1;
        const model = await loadSharing(scriptedHub(scripts(part, script(part)), read(true)).client, PATIENT);
        const names = model.choices.organisations.map((org) => org.name);
        // Every other part answered in full: its organisation, and the GP, are always listed.
        for (const [each, { org }] of Object.entries(PARTS))
          if (each !== part && !names.includes(ORGS[org]!.name)) wrong.push(`${part} ${fault}: lost ${ORGS[org]!.name}`);
        if (!names.includes(ORGS['org-gp']!.name)) wrong.push(`${part} ${fault}: lost the GP`);
        const said = model.organisationsIncomplete?.parts ?? [];
        if (fault === 'more pages than are read' && model.organisationsIncomplete?.notices.truncated !== true)
          wrong.push(`${part} ${fault}: the bound not told`);
        if (!said.includes(PARTS[part].words)) wrong.push(`${part} ${fault}: "${PARTS[part].words}" not said, listed ${names.join(', ')}`);
        if (said.some((words) => words !== PARTS[part].words)) wrong.push(`${part} ${fault}: another part said: ${said.join(', ')}`);
        if (fault in PARTIAL || fault === 'answered in part on a later page') {
          const notices = model.organisationsIncomplete?.notices;
          const told =
            notices !== undefined &&
            (notices.withheld || notices.unavailableSources.length > 0 || (notices.notPermittedTypes ?? []).length > 0);
          if (!told) wrong.push(`${part} ${fault}: what the answer said is not kept`);
        }
      }
    const failed = new Set(wrong.map((line) => line.split(':')[0]));
    assert.deepEqual(wrong, [], `${failed.size}/${cases} cases wrong`);
  });
});

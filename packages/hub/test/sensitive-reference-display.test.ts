/**
 * A reference's words can say what an item is about (docs/access-policy.md
 * R11). An appointment whose reason is `{ identifier, display: "Chlamydia
 * trachomatis infection" }` — a reference with no target the hub can resolve
 * — a prescription for "Gender dysphoria", an encounter whose diagnosis names
 * a termination of pregnancy, a care plan that addresses one: the display
 * says it as plainly as a code would, and nothing strips it (only a reference
 * to a withheld item in this hub is taken out, `withheld-references.ts`).
 * Such an item is sensitive by content, withheld from another organisation's
 * reads, searches, counts, `$summary`, batch and `_include`, and still shown
 * to the resident and to the organisation that recorded it.
 *
 * The class: every Reference element of every resident-record type in the
 * contract, at any depth (a diagnosis's condition, an activity's detail, an
 * identifier's assigner, an extension's value), read from the contract's
 * schemas — and a contained resource's — × a sensitive display and a harmless
 * one × a reference by identifier only, to an item of this hub that is not
 * withheld, to another server, to a `urn:uuid` nothing in the item holds; and
 * an identifier's type that names the concept.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { sourceOf } from '../src/policy/visibility.js';
import { exampleOf, RECORD_TYPES } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type Schema = {
  $ref?: string;
  type?: string;
  items?: Schema;
  properties?: Record<string, Schema | boolean>;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};
type BundleJson = {
  total?: number;
  link?: { relation?: string; url?: string }[];
  entry?: { resource: Json; search?: { mode?: string } }[];
};

const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs';
const REFERENCE = '#/components/schemas/Reference';

/** What a display may say: a sensitive concept, and something harmless. */
const DISPLAYS = [
  { name: 'sensitive', sensitive: true, display: 'Chlamydia trachomatis infection' },
  { name: 'harmless', sensitive: false, display: 'Asthma review' },
] as const;

/** How a reference may point, none of them at anything withheld. `target` is a harmless item of this hub. */
const FORMS = [
  { name: 'identifier only', reference: (_target: string) => ({ identifier: { system: 'https://rz9.example/id', value: 'A1' } }) },
  { name: 'not withheld', reference: (target: string) => ({ reference: target }) },
  { name: 'another server', reference: (_target: string) => ({ reference: 'https://elsewhere.example/fhir/Condition/x1' }) },
  { name: 'uncontained urn', reference: (_target: string) => ({ reference: 'urn:uuid:6b4a3c2e-8f0d-4c5e-9a1b-2d3c4e5f6a7b' }) },
] as const;

/** One step of a path to a Reference element: its name, whether it holds a list, and whether it is an extension. */
type Step = { name: string; list: boolean };

let testHub: TestHub;
let patientId = '';
let recorder = '';
let target = '';
const tokens: Record<string, string> = {};
const cases: { type: string; path: string; form: string; sensitive: boolean; id: string }[] = [];

/**
 * Every Reference element of a contract schema, at any depth: through `$ref`, `allOf`, `oneOf` and `anyOf`, lists,
 * parts and extensions, not into a Reference itself (its identifier's type is a case of its own) nor round a cycle
 * (an extension's extensions). The resident's own reference at the top (subject, patient) is not one.
 */
function referencePaths(schemas: Record<string, Schema>, schema: Schema | undefined, stack: readonly Schema[] = []): Step[][] {
  const deref = (value: Schema | undefined): Schema | undefined => (value?.$ref ? schemas[value.$ref.split('/').pop() ?? ''] : value);
  const isReference = (value: Schema | undefined): boolean => value?.$ref === REFERENCE || (value?.allOf ?? []).some(isReference);
  const propertiesOf = (value: Schema | undefined): Record<string, Schema> => {
    const own = deref(value);
    const merged: Record<string, Schema | boolean> = Object.assign(
      {},
      ...[...(own?.allOf ?? []), ...(own?.oneOf ?? []), ...(own?.anyOf ?? [])].map(propertiesOf),
    );
    for (const [name, property] of Object.entries(own?.properties ?? {}))
      if (property !== false || !(name in merged)) merged[name] = property;
    return Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, Schema] => typeof entry[1] === 'object'));
  };
  const own = deref(schema);
  if (!own || stack.includes(own)) return [];
  const found: Step[][] = [];
  for (const [name, property] of Object.entries(propertiesOf(own))) {
    if (stack.length === 0 && (name === 'subject' || name === 'patient')) continue;
    const list = property.type === 'array';
    const element = list ? property.items : property;
    if (isReference(element)) found.push([{ name, list }]);
    else for (const inner of referencePaths(schemas, element, [...stack, own])) found.push([{ name, list }, ...inner]);
  }
  return found;
}

/** The item with a reference placed at the path: beside the parts it has (the resident's own participant stays). */
function placeAt(item: Json, steps: readonly Step[], reference: Json): Json {
  const [step, ...rest] = steps;
  if (!step) return item;
  const inner = (existing: unknown): unknown => {
    if (rest.length === 0) return reference;
    const part = step.name === 'extension' ? { url: 'https://rz9.example/StructureDefinition/x' } : {};
    return placeAt(
      typeof existing === 'object' && existing !== null && !Array.isArray(existing) && !step.list ? (existing as Json) : part,
      rest,
      reference,
    );
  };
  if (!step.list) return { ...item, [step.name]: inner(item[step.name]) };
  const existing = Array.isArray(item[step.name]) ? (item[step.name] as unknown[]) : [];
  return { ...item, [step.name]: [...existing, inner(undefined)] };
}

/** Points an example at the resident, as the type does, recorded by the hospital. */
function aboutResident(type: string, id: string, extra: Json = {}): Json {
  const reference = { reference: `Patient/${patientId}` };
  const item: Json = { ...exampleOf(type), ...extra, id, meta: { source: recorder } };
  if (type === 'Appointment') return { ...item, participant: [{ actor: reference, status: 'accepted' }] };
  if (['AllergyIntolerance', 'EpisodeOfCare', 'RelatedPerson', 'Immunization'].includes(type)) return { ...item, patient: reference };
  return { ...item, subject: reference };
}

/** The reported items: each names a sensitive concept only in a reference's display. */
const REPORTED: { id: string; type: string; extra: Json }[] = [
  {
    id: 'srd-appointment-reason',
    type: 'Appointment',
    extra: {
      serviceType: [{ text: 'Outpatient appointment' }],
      reasonReference: [
        { identifier: { system: 'https://rz9.example/problem', value: 'P77' }, display: 'Chlamydia trachomatis infection' },
      ],
    },
  },
  {
    id: 'srd-prescription-reason',
    type: 'MedicationRequest',
    extra: { reasonReference: [{ identifier: { system: 'https://rz9.example/problem', value: 'P78' }, display: 'Gender dysphoria' }] },
  },
  {
    id: 'srd-encounter-diagnosis',
    type: 'Encounter',
    extra: {
      diagnosis: [{ condition: { reference: 'urn:uuid:0d8e2a8c-5f5e-4c52-9d1b-9b6f0f0c1a11', display: 'Termination of pregnancy' } }],
    },
  },
  {
    id: 'srd-careplan-addresses',
    type: 'CarePlan',
    extra: { addresses: [{ reference: 'https://elsewhere.example/fhir/Condition/c9', display: 'Induced termination of pregnancy' }] },
  },
];

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      const personas = signInPersonas(hub.borough);
      patientId = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
      recorder = sourceOf(personas.find((persona) => persona.id === 'hospital-nurse')?.odsCode ?? '');
      assert.ok(patientId && recorder.endsWith('RZ9'));
      const schemas = (hub.schemas.document.components.schemas ?? {}) as Record<string, Schema>;
      await hub.store.transaction(async (store) => {
        target = 'Condition/srd-target';
        await store.put(aboutResident('Condition', 'srd-target', { code: { text: 'Asthma' } }));
        for (const { id, type, extra } of REPORTED) await store.put(aboutResident(type, id, extra));
        let index = 0;
        const place = async (type: string, path: string, form: string, sensitive: boolean, item: Json) => {
          index += 1;
          const id = `srd-${index}-${sensitive ? 's' : 'h'}`;
          await store.put({ ...item, id, meta: { source: recorder } });
          cases.push({ type, path, form, sensitive, id });
        };
        for (const type of RECORD_TYPES) {
          const paths = referencePaths(schemas, schemas[type]);
          assert.ok(paths.length > 0, `the contract's ${type} has references`);
          for (const steps of paths)
            for (const form of FORMS)
              for (const { sensitive, display } of DISPLAYS) {
                const base = aboutResident(type, 'unset');
                if (type === 'Appointment') base['serviceType'] = [{ text: 'Outpatient appointment' }];
                const path = steps.map((step) => step.name).join('.');
                await place(type, path, form.name, sensitive, placeAt(base, steps, { ...form.reference(target), display }));
              }
          for (const { sensitive, display } of DISPLAYS) {
            // An identifier's type naming the concept, the reference otherwise saying nothing.
            const identifier = { type: { text: `${display} clinic number` }, system: 'https://rz9.example/id', value: 'B2' };
            const base = aboutResident(type, 'unset');
            if (type === 'Appointment') base['serviceType'] = [{ text: 'Outpatient appointment' }];
            const [first] = referencePaths(schemas, schemas[type]);
            await place(
              type,
              `${first?.map((step) => step.name).join('.')}.identifier.type`,
              'identifier type',
              sensitive,
              placeAt(base, first ?? [], { identifier }),
            );
            // A contained resource's reference.
            const contained = { resourceType: 'Condition', id: 'c1', code: { text: 'Problem' }, evidence: [{ detail: [{ display }] }] };
            await place(type, 'contained.evidence.detail', 'contained', sensitive, { ...base, contained: [contained] });
          }
        }
      });
    },
  });
  tokens['gp'] = await testHub.signIn('gp', { scope: 'openid fhirUser user/*.rs' });
  tokens['receptionist'] = await testHub.signIn('receptionist', { scope: 'openid fhirUser user/*.rs' });
  tokens['hospital-nurse'] = await testHub.signIn('hospital-nurse', { scope: 'openid fhirUser user/*.rs' });
  tokens['resident'] = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
});
after(() => testHub.close());

/** The ids of the matches (not the notice that something is withheld). */
const ids = (body: Json) =>
  ((body as BundleJson).entry ?? []).filter((entry) => entry.search?.mode === 'match').map((entry) => String(entry.resource['id']));

/** Every match of a search, page by page. */
async function allMatches(token: string | undefined, path: string): Promise<string[]> {
  const found: string[] = [];
  let next: string | undefined = path;
  while (next !== undefined) {
    const answer = await testHub.call(token, next);
    assert.equal(answer.status, 200, `${path}: ${answer.status}`);
    found.push(...ids(answer.body));
    const url = (answer.body as BundleJson).link?.find((link) => link.relation === 'next')?.url;
    next = url === undefined ? undefined : url.slice(testHub.fhir.length);
  }
  return found;
}

describe('the reported case: a reference by identifier names the reason', () => {
  test('another organisation does not see the items by read, search, count, $summary or batch; the resident and the hospital do', async () => {
    for (const { id, type } of REPORTED) {
      assert.equal((await testHub.call(tokens['gp'], `/${type}/${id}`)).status, 404, `${id}: the GP reads nothing`);
      const search = await testHub.call(tokens['gp'], `/${type}?patient=${patientId}&_count=500`);
      assert.equal(search.status, 200);
      assert.ok(!ids(search.body).includes(id), `${id}: not in the GP's search`);
      // A count where the contract offers one for the type.
      const count = await testHub.call(tokens['gp'], `/${type}?patient=${patientId}&_summary=count`);
      if (count.status !== 400) assert.equal((count.body as BundleJson).total, ids(search.body).length, `${id}: the GP's count`);
      const batch = await testHub.call(tokens['gp'], '', {
        method: 'POST',
        body: { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: `${type}/${id}` } }] },
      });
      assert.ok(!JSON.stringify(batch.body).includes('"' + id + '"'), `${id}: not in the GP's batch`);
      for (const viewer of ['resident', 'hospital-nurse']) {
        assert.equal((await testHub.call(tokens[viewer], `/${type}/${id}`)).status, 200, `${id}: ${viewer} reads it`);
        const theirs = await testHub.call(tokens[viewer], `/${type}?patient=${patientId}&_count=500`);
        assert.ok(ids(theirs.body).includes(id), `${id}: in ${viewer}'s search`);
      }
    }
    const summary = JSON.stringify((await testHub.call(tokens['gp'], `/Patient/${patientId}/$summary`)).body);
    for (const { id } of REPORTED) assert.ok(!summary.includes(`"${id}"`), `${id}: not in the GP's $summary`);
    // The desk reads appointments through a reduced view (`reduced-views.ts`): whether it is withheld or shown without
    // its reason, nothing of what it was for reaches them.
    const desk = await testHub.call(tokens['receptionist'], `/Appointment?patient=${patientId}&_count=500`);
    assert.equal(desk.status, 200);
    assert.ok(!/chlamydia/i.test(JSON.stringify(desk.body)), "nothing of the reason in the receptionist's appointments");
    const deskRead = await testHub.call(tokens['receptionist'], '/Appointment/srd-appointment-reason');
    assert.ok(!/chlamydia/i.test(JSON.stringify(deskRead.body)), "nothing of the reason in the receptionist's read");
  });
});

describe('the class: every Reference element of every record type, at any depth × display × how it points', () => {
  test('withheld from another organisation iff the display is sensitive; the resident and the recorder see it', async (context) => {
    assert.ok(cases.length >= 2 * FORMS.length * 60, `only ${cases.length} cases`);
    const wrong: string[] = [];
    const searches = new Map<string, string[]>();
    const searched = async (viewer: string, type: string) => {
      const key = `${viewer} ${type}`;
      if (!searches.has(key)) {
        searches.set(key, await allMatches(tokens[viewer], `/${type}?patient=${patientId}&_count=500`));
      }
      return searches.get(key) ?? [];
    };
    for (const { type, path, form, sensitive, id } of cases) {
      const where = `${type}.${path} (${form}, ${sensitive ? 'sensitive' : 'harmless'})`;
      const byGp = await testHub.call(tokens['gp'], `/${type}/${id}`);
      if (byGp.status !== (sensitive ? 404 : 200)) wrong.push(`${where}: the GP read ${byGp.status}`);
      if ((await searched('gp', type)).includes(id) === sensitive) wrong.push(`${where}: the GP's search`);
      for (const viewer of ['resident', 'hospital-nurse']) {
        const read = await testHub.call(tokens[viewer], `/${type}/${id}`);
        if (read.status !== 200) wrong.push(`${where}: ${viewer} read ${read.status}`);
        if (!(await searched(viewer, type)).includes(id)) wrong.push(`${where}: ${viewer}'s search`);
      }
    }
    let counted = 0;
    for (const type of RECORD_TYPES) {
      // A count where the contract offers one for the type.
      const count = await testHub.call(tokens['gp'], `/${type}?patient=${patientId}&_summary=count`);
      if (count.status === 400) continue;
      counted += 1;
      if ((count.body as BundleJson).total !== (await searched('gp', type)).length) wrong.push(`${type}: the GP's count`);
    }
    assert.ok(counted >= 5, `only ${counted} types counted`);
    context.diagnostic(`${cases.length} reference × form × display cases`);
    assert.deepEqual(wrong, []);
  });
});

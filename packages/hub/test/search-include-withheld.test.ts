/**
 * What `_include` leaves out is announced (docs/access-policy.md R13). The
 * results page asks for reports with their results
 * (`DiagnosticReport?_include=DiagnosticReport:result`); a result kept from
 * the resident (NOPAT), or a sexual-health result in a general panel kept
 * from other organisations, was dropped from the Bundle without the notice
 * "Some information is not shown", so the report read as complete. Now the
 * notice covers the types the matches refer to, counted over the resident's
 * whole record — so it answers alike for a withheld item and a reference to
 * nothing. The class: every `_include` of the contract × every type of a
 * resident's record it could bring in.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { contractOperations } from '../src/fhir/contract-operations.js';
import { signInPersonas, type Hub } from '../src/index.js';
import { searchDefinitions } from '../src/store/search-parameters.js';
import { RECORD_TYPES, recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type BundleJson = { meta?: { security?: { code?: string }[] }; entry?: { resource: Json; search?: { mode?: string } }[] };

const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs';

let testHub: TestHub;
let self = '';
const tokens: Record<string, string> = {};

/** Whether a Bundle says something was left out: the notice entry and the REDACTED label, both. */
const saysWithheld = (body: Json) => {
  const bundle = body as BundleJson;
  const notice = (bundle.entry ?? []).some(
    (entry) => entry.search?.mode === 'outcome' && JSON.stringify(entry.resource).includes('INFORMATION_WITHHELD'),
  );
  const label = (bundle.meta?.security ?? []).some((coding) => coding.code === 'REDACTED');
  return notice && label;
};
const holds = (body: Json, id: string) => ((body as BundleJson).entry ?? []).some((entry) => entry.resource['id'] === id);

/** A resource with one more reference at an `_include` path (`result.reference`, `participant.actor.reference`). */
function referAt(resource: Json, path: string, reference: string): Json {
  const [head = '', ...rest] = path.split('.');
  const leaf = rest.reduceRight<unknown>((inner, key) => ({ [key]: inner }), reference);
  const existing = resource[head];
  return { ...resource, [head]: Array.isArray(existing) ? [...existing, leaf] : [leaf] };
}

/** Every `_include` of the contract on a resident's record, with the path the hub follows for it. */
function contractIncludes(hub: Hub): { type: string; include: string; path: string }[] {
  const document = hub.schemas.document as unknown as { components: { parameters: Record<string, { name?: string; schema?: unknown }> } };
  const found: { type: string; include: string; path: string }[] = [];
  for (const operation of contractOperations(hub.schemas.document)) {
    const type = operation.template.slice(1);
    if (operation.method !== 'GET' || !(RECORD_TYPES as readonly string[]).includes(type)) continue;
    const include = operation.parameters.find((parameter) => parameter.in === 'query' && parameter.name === '_include');
    if (!include) continue;
    let schema: unknown = document;
    for (const segment of include.valuePointer.replace(/^#\//, '').split('/'))
      schema = (schema as Json | undefined)?.[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
    for (const value of (schema as { enum?: string[] }).enum ?? []) {
      const path = searchDefinitions[type]?.includes?.[value];
      assert.ok(path, `the hub follows ${value}`);
      found.push({ type, include: value, path });
    }
  }
  return found;
}

interface Case {
  type: string;
  include: string;
  target: string;
  /** The resident whose match refers to an item of `target` kept from the viewer. */
  referring: string;
  hidden: string;
  /** A resident with an item of `target` kept from the viewer too, whose match refers to nothing. */
  dangling: string;
}
const cases: Case[] = [];

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      const personas = signInPersonas(hub.borough);
      const resident = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
      const gp = personas.find((persona) => persona.id === 'gp')?.organizationId ?? '';
      // The reported case: a report on the resident's own record, with one result kept from them.
      await hub.store.put(
        referAt(recordItem('DiagnosticReport', 'iw-report', resident), 'result.reference', 'Observation/iw-report-hidden-result'),
      );
      await hub.store.put(recordItem('Observation', 'iw-report-hidden-result', resident, ['NOPAT']));
      const patient = (await hub.store.read('Patient', resident))?.resource ?? {};
      await hub.store.transaction(async (store) => {
        for (const [index, { type, include, path }] of contractIncludes(hub).entries())
          for (const target of RECORD_TYPES) {
            if (target === type) continue;
            const id = `iw-${index}-${target.toLowerCase()}`;
            const next: Case = { type, include, target, referring: `${id}-a`, hidden: `${id}-hidden`, dangling: `${id}-b` };
            for (const patientId of [next.referring, next.dangling]) {
              await store.put({ ...patient, id: patientId, identifier: [] });
              await store.relate(patientId, gp);
              // Kept from every other organisation (SEX) and from the resident (NOPAT).
              await store.put(
                recordItem(target, patientId === next.referring ? next.hidden : `${id}-b-hidden`, patientId, ['SEX', 'NOPAT']),
              );
            }
            const refers = (patientId: string, to: string) =>
              referAt(recordItem(type, `${patientId}-match`, patientId), path, `${target}/${to}`);
            await store.put(refers(next.referring, next.hidden));
            await store.put(refers(next.dangling, `${id}-nothing`));
            cases.push(next);
          }
      });
    },
  });
  self = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')?.patientId ?? '';
  tokens['resident'] = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
  tokens['gp'] = await testHub.signIn('gp', { scope: 'openid fhirUser user/*.rs' });
});
after(() => testHub.close());

describe('the reported case', () => {
  test('reports with their results say that a result was kept from the resident', async () => {
    const answer = await testHub.call(tokens['resident'], `/DiagnosticReport?patient=${self}&_include=DiagnosticReport:result&_count=500`);
    assert.equal(answer.status, 200);
    assert.ok(holds(answer.body, 'iw-report'), 'the report is there');
    assert.ok(!holds(answer.body, 'iw-report-hidden-result'), 'the result kept from them is not');
    assert.ok(saysWithheld(answer.body), 'and the Bundle says that something is not shown');
  });
});

describe('the class: every _include of the contract × every type of the record it could bring in', () => {
  test('an item left out is announced, and alike for a reference to nothing', async (context) => {
    assert.ok(cases.length >= 150, `only ${cases.length} cases`);
    const wrong: string[] = [];
    for (const item of cases) {
      const search = (patientId: string) =>
        testHub.call(tokens['gp'], `/${item.type}?patient=${patientId}&_include=${encodeURIComponent(item.include)}`);
      const [referring, dangling] = [await search(item.referring), await search(item.dangling)];
      const name = `${item.include} → ${item.target}`;
      if (referring.status !== 200 || dangling.status !== 200) wrong.push(`${name}: ${referring.status}/${dangling.status}`);
      else if (!holds(referring.body, `${item.referring}-match`)) wrong.push(`${name}: the match is missing`);
      else if (holds(referring.body, item.hidden)) wrong.push(`${name}: the withheld item was included`);
      else if (!saysWithheld(referring.body)) wrong.push(`${name}: left out without saying so`);
      else if (saysWithheld(dangling.body) !== saysWithheld(referring.body))
        wrong.push(`${name}: a withheld item and a reference to nothing answer differently`);
    }
    context.diagnostic(`${cases.length} includes × types checked`);
    assert.deepEqual(wrong, []);
  });
});

/**
 * A concept says what an item is about wherever it sits, not only at the top (docs/access-policy.md R11). One sent
 * as text alone — a document's practice setting "Sexual health", an admission's source "Genitourinary medicine
 * clinic", an allergy reaction's substance, a goal's target measure — was read only where its element's name was on
 * the list of concept elements, and the list held the top-level ones: the item was shared. The class: every
 * CodeableConcept element of every resident-record type in the contract, at any depth (read from its schemas), as
 * text alone, sensitive and harmless: labelled SEX iff sensitive. And what is not a concept — a note, the
 * narrative — stays unread.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadContract } from '../src/contract/contract.js';
import { labelsOf } from '../src/policy/visibility.js';
import { RECORD_TYPES } from './support/policy-fixtures.js';

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
type Step = { name: string; list: boolean };

const schemas = loadContract().components.schemas as Record<string, Schema>;
const deref = (value: Schema | undefined): Schema | undefined => (value?.$ref ? schemas[value.$ref.split('/').pop() ?? ''] : value);
const named = (value: Schema | undefined, name: string): boolean =>
  value?.$ref === `#/components/schemas/${name}` || (value?.allOf ?? []).some((part) => named(part, name));

function propertiesOf(value: Schema | undefined): Record<string, Schema> {
  const own = deref(value);
  const merged: Record<string, Schema | boolean> = Object.assign(
    {},
    ...[...(own?.allOf ?? []), ...(own?.oneOf ?? []), ...(own?.anyOf ?? [])].map(propertiesOf),
  );
  for (const [name, property] of Object.entries(own?.properties ?? {}))
    if (property !== false || !(name in merged)) merged[name] = property;
  return Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, Schema] => typeof entry[1] === 'object'));
}

/** Every CodeableConcept element of a schema at any depth, not through a Reference (its own case) nor round a cycle. */
function conceptPaths(schema: Schema | undefined, stack: readonly Schema[] = []): Step[][] {
  const own = deref(schema);
  if (!own || stack.includes(own)) return [];
  const found: Step[][] = [];
  for (const [name, property] of Object.entries(propertiesOf(own))) {
    const list = property.type === 'array';
    const element = list ? property.items : property;
    if (named(element, 'CodeableConcept')) found.push([{ name, list }]);
    else if (!named(element, 'Reference'))
      for (const inner of conceptPaths(element, [...stack, own])) found.push([{ name, list }, ...inner]);
  }
  return found;
}

/** A value with `leaf` at the path, lists of one. */
function at(steps: readonly Step[], leaf: Json): Json {
  const [step, ...rest] = steps;
  if (!step) return leaf;
  const inner = rest.length === 0 ? leaf : at(rest, leaf);
  const part = step.name === 'extension' && rest.length > 0 ? { url: 'https://rz9.example/x', ...inner } : inner;
  return { [step.name]: step.list ? [part] : part };
}

test('every CodeableConcept element at any depth, as text alone: SEX iff it names a sensitive concept', (context) => {
  const wrong: string[] = [];
  let cases = 0;
  for (const type of RECORD_TYPES) {
    const paths = conceptPaths(schemas[type]);
    assert.ok(paths.length > 0, `the contract's ${type} has concepts`);
    for (const steps of paths)
      for (const [words, sensitive] of [
        ['Sexual health', true],
        ['Genitourinary medicine clinic', true],
        ['Outpatients', false],
      ] as const) {
        cases += 1;
        const item = { resourceType: type, ...at(steps, { text: words }) };
        if (labelsOf(item).includes('SEX') !== sensitive) wrong.push(`${type}.${steps.map((step) => step.name).join('.')}: ${words}`);
      }
  }
  context.diagnostic(`${cases} element × text cases`);
  assert.ok(cases > 3 * 100, `only ${cases} cases`);
  assert.deepEqual(wrong, []);
});

test('what is not a concept is not read: a note, the narrative, a string value', () => {
  const words = 'Sexual health';
  for (const item of [
    { resourceType: 'Condition', note: [{ text: words }] },
    { resourceType: 'Condition', text: { status: 'generated', div: `<div>${words}</div>` } },
    { resourceType: 'Condition', extension: [{ url: 'https://rz9.example/x', valueString: words }] },
    { resourceType: 'AllergyIntolerance', reaction: [{ description: words }] },
  ])
    assert.ok(!labelsOf(item).includes('SEX'), JSON.stringify(item));
});

import assert from 'node:assert/strict';

const BROKEN = /undefined|NaN|Invalid Date|\[object Object\]/;

/**
 * Asserts that every string in a view model, however deep, is fit to show:
 * not empty and free of `undefined`, `NaN`, `Invalid Date` and `[object Object]`.
 * Returns how many strings it checked.
 *
 * `identifiers` names the keys whose values are keys, not words: a resource's
 * `ResourceType/id`, never shown, whose id is the sender's (`NaN` is as good
 * a FHIR id as any). They must still be non-empty strings; the caller checks
 * them against the resources.
 */
export function assertDisplayable(value: unknown, where: string, path = '$', identifiers: readonly string[] = []): number {
  if (typeof value === 'string') {
    assert.ok(value.trim() !== '', `${where}: ${path} is empty`);
    const key = /\.([^.[\]]+)$/.exec(path)?.[1];
    if (key === undefined || !identifiers.includes(key)) assert.doesNotMatch(value, BROKEN, `${where}: ${path} = ${JSON.stringify(value)}`);
    return 1;
  }
  if (typeof value === 'number') {
    assert.ok(Number.isFinite(value), `${where}: ${path} is ${value}`);
    return 0;
  }
  assert.notEqual(value, undefined, `${where}: ${path} is undefined`);
  assert.notEqual(value, null, `${where}: ${path} is null`);
  if (Array.isArray(value))
    return value.reduce<number>((count, item, index) => count + assertDisplayable(item, where, `${path}[${index}]`, identifiers), 0);
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).reduce(
      (count, [key, item]) => count + assertDisplayable(item, where, `${path}.${key}`, identifiers),
      0,
    );
  }
  return 0;
}

import assert from 'node:assert/strict';

const BROKEN = /undefined|NaN|Invalid Date|\[object Object\]/;

/**
 * Asserts that every string in a view model, however deep, is fit to show:
 * not empty and free of `undefined`, `NaN`, `Invalid Date` and `[object Object]`.
 * Returns how many strings it checked.
 */
export function assertDisplayable(value: unknown, where: string, path = '$'): number {
  if (typeof value === 'string') {
    assert.ok(value.trim() !== '', `${where}: ${path} is empty`);
    assert.doesNotMatch(value, BROKEN, `${where}: ${path} = ${JSON.stringify(value)}`);
    return 1;
  }
  if (typeof value === 'number') {
    assert.ok(Number.isFinite(value), `${where}: ${path} is ${value}`);
    return 0;
  }
  assert.notEqual(value, undefined, `${where}: ${path} is undefined`);
  assert.notEqual(value, null, `${where}: ${path} is null`);
  if (Array.isArray(value))
    return value.reduce<number>((count, item, index) => count + assertDisplayable(item, where, `${path}[${index}]`), 0);
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).reduce(
      (count, [key, item]) => count + assertDisplayable(item, where, `${path}.${key}`),
      0,
    );
  }
  return 0;
}

/**
 * `instanceof` that knows an error from any copy of a package. A page can hold two copies of the SDK (the
 * one-file embed beside a bundle, or two versions in one install); the elements tell errors apart with
 * `instanceof`, and a class only knows its own copy's instances. Each class marks its instances with a
 * registry symbol (`Symbol.for`, the same in every copy), versioned as the shape the checks read, and
 * answers `instanceof` by that mark. A subclass keeps the ordinary check: a plain `HubError` is not one.
 */
export function instanceOfAnyCopy(asked: unknown, branded: unknown, brand: symbol, value: unknown): boolean {
  if (asked !== branded) return typeof asked === 'function' && Function.prototype[Symbol.hasInstance].call(asked, value);
  return (
    (typeof value === 'object' || typeof value === 'function') && value !== null && (value as { [key: symbol]: unknown })[brand] === true
  );
}

/** Builds request targets from the contract's path templates. */

export type QueryValue = string | number | boolean | readonly (string | number | boolean)[] | undefined;

/** Fills `{name}` segments, percent-encoding each value so an id can't change the path. */
export function fillPathTemplate(template: string, path: Record<string, unknown> | undefined): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = path?.[name];
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new TypeError(`Missing path parameter "${name}" for ${template}`);
    }
    const text = String(value);
    if (text === '') throw new TypeError(`Empty path parameter "${name}" for ${template}`);
    return encodeURIComponent(text);
  });
}

/** FHIR repeats a parameter to AND its values (`date=ge2024-01-01&date=le2024-12-31`). */
export function toSearchParams(query: Record<string, unknown> | undefined): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (item === undefined || item === null) continue;
      if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
        throw new TypeError(`Query parameter "${name}" must be a string, number or boolean`);
      }
      params.append(name, String(item));
    }
  }
  return params;
}

/** A FHIR-relative reference such as `AllergyIntolerance?patient=123`, as batch entries use. */
export function relativeTarget(template: string, path: Record<string, unknown> | undefined, query: Record<string, unknown> | undefined): string {
  const search = toSearchParams(query).toString();
  const target = fillPathTemplate(template, path).replace(/^\/+/, '');
  return search === '' ? target : `${target}?${search}`;
}

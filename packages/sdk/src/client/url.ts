/** Builds request targets from the contract's path templates. */
import { commaJoinedParameters } from '../generated/query-style.js';

export type QueryValue = string | number | boolean | readonly (string | number | boolean)[] | undefined;

/** Fills `{name}` segments, percent-encoding each value so an id can't change the path. */
export function fillPathTemplate(template: string, path: Record<string, unknown> | undefined): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = path?.[name];
    if ((typeof value !== 'string' && typeof value !== 'number') || value === '') {
      throw new TypeError(`Path parameter "${name}" is missing for ${template}`);
    }
    return encodeURIComponent(value);
  });
}

/**
 * Serialises search parameters as the contract declares them: an array is
 * comma-joined where the contract says so (FHIR OR: `status=active,completed`,
 * with a comma inside a value escaped as `\,`) and otherwise repeated
 * (FHIR AND: `date=ge2026-01-01&date=lt2026-07-01`).
 */
export function toSearchParams(query: Record<string, unknown> | undefined): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    const values = (Array.isArray(value) ? value : [value])
      .filter((item) => item !== undefined && item !== null)
      .map((item) => scalar(name, item));
    if (values.length === 0) continue;
    if (commaJoinedParameters.has(name)) params.append(name, values.map((item) => item.replace(/[\\,]/g, '\\$&')).join(','));
    else for (const item of values) params.append(name, item);
  }
  return params;
}

function scalar(name: string, item: unknown): string {
  if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
    throw new TypeError(`Query parameter "${name}" must be a string, number or boolean`);
  }
  return String(item);
}

/** A FHIR-relative reference such as `AllergyIntolerance?patient=123`, as batch entries use. */
export function relativeTarget(
  template: string,
  path: Record<string, unknown> | undefined,
  query: Record<string, unknown> | undefined,
): string {
  const search = toSearchParams(query).toString();
  const target = fillPathTemplate(template, path).replace(/^\/+/, '');
  return search === '' ? target : `${target}?${search}`;
}

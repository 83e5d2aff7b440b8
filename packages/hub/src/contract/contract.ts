/**
 * The hub's contract at run time: the bundled OpenAPI document (made by
 * `npm run build:spec` from `openapi/`) and JSON Schema 2020-12 validators for
 * its component schemas. Routes, request validation and response checks all
 * come from here, never from a second hand-written copy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** The contract shipped in the installed package (`contract/`, added when it is packed), else this repository's bundle. */
const packagedSpecPath = fileURLToPath(new URL('../../contract/hub.openapi.json', import.meta.url));
export const defaultSpecPath = existsSync(packagedSpecPath)
  ? packagedSpecPath
  : fileURLToPath(new URL('../../../../openapi/dist/hub.openapi.json', import.meta.url));

export interface OpenApiDocument {
  openapi: string;
  servers?: { url: string; variables?: Record<string, { default: string }> }[];
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, unknown>;
    parameters?: Record<string, unknown>;
    responses?: Record<string, unknown>;
    examples?: Record<string, unknown>;
    headers?: Record<string, unknown>;
  };
}

export function loadContract(path = defaultSpecPath): OpenApiDocument {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
  } catch (error) {
    throw new Error(`Cannot read the bundled hub contract at ${path}: run \`npm run build:spec\` first`, { cause: error });
  }
}

const contractId = 'https://care-record.example/openapi/hub.json';

export interface SchemaCheck {
  valid: boolean;
  /** `instancePath message` lines, safe to show a developer (they name paths and rules, not values). */
  errors: string[];
}

/** Validators for the contract's schemas, compiled once each on first use. */
export class ContractSchemas {
  readonly #ajv: Ajv2020;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    this.#ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
    addFormats.default(this.#ajv, ['uri', 'uuid', 'date', 'date-time']);
    this.#ajv.addSchema({ ...document, $id: contractId } as object, contractId);
  }

  /** Checks `value` against `#/components/schemas/<name>`. */
  check(name: string, value: unknown): SchemaCheck {
    return this.checkPointer(`#/components/schemas/${name}`, value);
  }

  /** Checks `value` against any JSON pointer into the document, e.g. a response schema. */
  checkPointer(pointer: string, value: unknown): SchemaCheck {
    let validate = this.#compiled.get(pointer);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: `${contractId}${pointer}` });
      this.#compiled.set(pointer, validate);
    }
    const valid = validate(value) === true;
    return { valid, errors: valid ? [] : describeErrors(validate.errors ?? []) };
  }
}

function describeErrors(errors: ErrorObject[]): string[] {
  return errors.slice(0, 20).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
}

/**
 * Generates the SDK's contract files from the bundled spec
 * (`openapi/dist/hub.openapi.json`, made by `npm run build:spec`):
 *   packages/sdk/src/generated/hub.ts          types, by openapi-typescript
 *   packages/sdk/src/generated/query-style.ts  which search parameters join their values with commas
 *
 *   node --import tsx scripts/generate-sdk.ts          write them
 *   node --import tsx scripts/generate-sdk.ts --check  exit 1 if the committed files differ
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const root = new URL('..', import.meta.url);
const specUrl = new URL('openapi/dist/hub.openapi.json', root);
const check = process.argv.includes('--check');

interface Parameter {
  name?: string;
  in?: string;
  style?: string;
  explode?: boolean;
  schema?: { type?: string };
  $ref?: string;
}
interface Spec {
  paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
  components?: { parameters?: Record<string, Parameter> };
}

const banner = (what: string) =>
  `/**\n * ${what}\n * Generated from openapi/ by \`npm run generate\` — do not edit; \`npm test\` fails when it is stale.\n */\n`;

async function typesFile(): Promise<string> {
  const ast = await openapiTS(specUrl);
  return banner('Types of the hub contract.') + astToString(ast);
}

/**
 * FHIR reads repeated parameters as AND (`date=ge2026-01-01&date=lt2026-07-01`)
 * and comma-separated values as OR (`status=active,completed`). The contract
 * says which is which (`explode`); the client needs to know at run time.
 */
function queryStyleFile(spec: Spec): string {
  const resolve = (parameter: Parameter): Parameter => {
    const name = parameter.$ref?.replace('#/components/parameters/', '');
    return name ? (spec.components?.parameters?.[name] ?? parameter) : parameter;
  };
  const styles = new Map<string, boolean>();
  for (const [path, operations] of Object.entries(spec.paths)) {
    for (const operation of Object.values(operations)) {
      for (const parameter of (operation.parameters ?? []).map(resolve)) {
        if (parameter.in !== 'query' || parameter.schema?.type !== 'array' || !parameter.name) continue;
        const commaJoined = parameter.explode === false;
        const earlier = styles.get(parameter.name);
        if (earlier !== undefined && earlier !== commaJoined) {
          throw new Error(`Query parameter "${parameter.name}" is comma-joined in one operation and repeated in another (${path})`);
        }
        styles.set(parameter.name, commaJoined);
      }
    }
  }
  const names = [...styles].filter(([, commaJoined]) => commaJoined).map(([name]) => name);
  names.sort();
  return (
    banner('Search parameters whose values are sent comma-separated (FHIR OR); other arrays repeat the parameter (FHIR AND).') +
    `export const commaJoinedParameters: ReadonlySet<string> = new Set(${JSON.stringify(names)});\n`
  );
}

const spec = JSON.parse(readFileSync(specUrl, 'utf8')) as Spec;
const files = new Map([
  ['packages/sdk/src/generated/hub.ts', await typesFile()],
  ['packages/sdk/src/generated/query-style.ts', queryStyleFile(spec)],
]);

let stale = 0;
for (const [path, contents] of files) {
  const target = fileURLToPath(new URL(path, root));
  if (check) {
    let committed = '';
    try {
      committed = readFileSync(target, 'utf8');
    } catch {
      // A missing file is stale.
    }
    if (committed !== contents) {
      stale += 1;
      console.error(`✘ ${path} is stale against openapi/: run \`npm run generate\` and commit the result`);
    } else {
      console.log(`✔ ${path} is up to date`);
    }
  } else {
    writeFileSync(target, contents);
    console.log(`wrote ${path}`);
  }
}
process.exitCode = stale === 0 ? 0 : 1;

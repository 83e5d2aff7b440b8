/**
 * Every TypeScript example in the SDK's README compiles against the SDK as it is (R17: the README chained
 * `loadResults` into `resultsViewModel`, when `loadResults` already returns the view model). Each ```ts block is
 * type-checked as a module of its own, importing `@care-record/sdk` as a host would, with what it uses but does not
 * declare (a `hub`, a `patientId`…) declared before it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const sdk = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(`${sdk}README.md`, 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

/** What the README's examples use without declaring, as a host has them. */
const GIVEN: Readonly<Record<string, string>> = {
  hub: "import('@care-record/sdk').HubClient",
  patientId: 'string',
  signal: 'AbortSignal',
  clientId: 'string',
  redirectUri: 'string',
};

/** The type errors of each block, as `block N: message`. */
function typeErrors(): string[] {
  const files = new Map(
    blocks.map((block, index) => {
      const given = Object.entries(GIVEN)
        .filter(([name]) => new RegExp(`\\b${name}\\b`).test(block) && !new RegExp(`\\b(const|let|var)\\s+${name}\\b`).test(block))
        .map(([name, type]) => `declare const ${name}: ${type};`)
        .join('\n');
      return [`${sdk}test/readme-block-${index + 1}.ts`, `${block}\n${given}\nexport {};\n`];
    }),
  );
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    customConditions: ['source'],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, language, ...rest) => {
    const text = files.get(name);
    return text !== undefined ? ts.createSourceFile(name, text, language) : getSourceFile.call(host, name, language, ...rest);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return [...files.keys()].flatMap((name, index) =>
    ts
      .getPreEmitDiagnostics(program, program.getSourceFile(name))
      .map((diagnostic) => `block ${index + 1}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`),
  );
}

test('the SDK README has TypeScript examples', () => {
  assert.ok(blocks.length >= 2, `${blocks.length} blocks`);
});

test('every TypeScript example in the SDK README compiles against the SDK', () => {
  assert.deepEqual(typeErrors(), []);
});

/**
 * The package check's own rules (scripts/package-check.ts), beyond publint
 * and attw: each kind of mistake a tarball can carry is reported, and a
 * correct one passes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contentProblems, notModuleEntryPoints, runtimeEntryFiles, sourceMapProblems } from '../../../scripts/package-check.js';

const goodManifest = {
  name: '@care-record/sdk',
  repository: { type: 'git', url: 'git+https://github.com/care-record/care-record.git' },
  homepage: 'https://github.com/care-record/care-record#readme',
  bugs: { url: 'https://github.com/care-record/care-record/issues' },
  engines: { node: '>=22' },
  exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
};
const goodFiles = ['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'src/index.ts'];
const pack = (files: string[], name = '@care-record/sdk') => ({ name, version: '1.0.0', tarball: '', files });

test('a correct package has no problems', () => {
  assert.deepEqual(contentProblems(pack(goodFiles), goodManifest), []);
});

const mistakes: [string, string[], Record<string, unknown>, RegExp][] = [
  [
    'the source condition',
    goodFiles,
    { ...goodManifest, exports: { '.': { source: './src/index.ts', default: './dist/index.js' } } },
    /source/,
  ],
  ['a story', [...goodFiles, 'src/banner/banner.stories.ts'], goodManifest, /ships src\/banner\/banner\.stories\.ts/],
  ['a compiled test', [...goodFiles, 'dist/client.test.js'], goodManifest, /ships dist\/client\.test\.js/],
  ['a test folder', [...goodFiles, 'test/support/hub.ts'], goodManifest, /ships test\/support\/hub\.ts/],
  ['build info', [...goodFiles, 'dist/tsconfig.tsbuildinfo'], goodManifest, /tsbuildinfo/],
  ['no LICENSE', goodFiles.filter((file) => file !== 'LICENSE'), goodManifest, /LICENSE/],
  ['no repository', goodFiles, { ...goodManifest, repository: undefined, homepage: undefined }, /repository/],
];
for (const [name, files, manifest, expected] of mistakes) {
  test(`reports ${name}`, () => {
    const defined = Object.fromEntries(Object.entries(manifest).filter(([, value]) => value !== undefined));
    const problems = contentProblems(pack(files), defined);
    assert.ok(
      problems.some((problem) => expected.test(problem)),
      problems.join('; ') || 'no problem reported',
    );
  });
}

test('the components must export their manifest, and the hub must carry its contract and bin', () => {
  assert.match(contentProblems(pack(goodFiles, '@care-record/components'), goodManifest).join(), /custom-elements\.json/);
  const hubProblems = contentProblems(pack(goodFiles, '@care-record/hub'), { ...goodManifest, bin: { hub: './dist/main.js' } }).join();
  assert.match(hubProblems, /contract/);
  assert.match(hubProblems, /dist\/main\.js/);
});

describe('source maps a vendor can follow', () => {
  const files = ['package.json', 'dist/index.js', 'dist/index.js.map', 'src/index.ts'];
  const contents = (map: unknown, js = '//# sourceMappingURL=index.js.map\n'): Record<string, string> => ({
    'dist/index.js': `export {};\n${js}`,
    'dist/index.js.map': JSON.stringify(map),
  });
  const problems = (shipped: string[], text: Record<string, string>) =>
    sourceMapProblems(pack(shipped), (path) => text[path] ?? assert.fail(`read ${path}`));

  test('a map whose sources are in the package, or inside the map, is fine', () => {
    assert.deepEqual(problems(files, contents({ version: 3, sources: ['../src/index.ts'] })), []);
    const inside = { version: 3, sources: ['../../../node_modules/lit/index.js'], sourcesContent: ['export {}'] };
    assert.deepEqual(problems(files, contents(inside)), []);
  });

  test('reports a map pointing to a source left out of the package', () => {
    const left = problems(
      files.filter((file) => !file.startsWith('src/')),
      contents({ version: 3, sources: ['../src/index.ts'] }),
    );
    assert.match(left.join(), /dist\/index\.js\.map points to 1 source\(s\) not in the package, e\.g\. \.\.\/src\/index\.ts/);
  });

  test('reports a file naming a map that is not there', () => {
    const text = { 'dist/index.js': 'export {};\n//# sourceMappingURL=index.js.map\n' };
    assert.match(problems(['package.json', 'dist/index.js'], text).join(), /dist\/index\.js names a source map, index\.js\.map/);
  });
});

test('every runtime entry of `exports` is found, patterns expanded, types and JSON left to attw', () => {
  const exports = {
    '.': { types: './dist/index.d.ts', default: './dist/index.js' },
    './*/define.js': { types: './dist/*/define.d.ts', default: './dist/*/define.js' },
    './frameworks/*': { types: './dist/frameworks/*.d.ts', default: './dist/frameworks/*.js' },
    './package.json': './package.json',
    './custom-elements.json': './custom-elements.json',
  };
  const files = [
    'dist/index.js',
    'dist/timeline/define.js',
    'dist/timeline/define.js.map',
    'dist/frameworks/react.js',
    'dist/frameworks/react.d.ts',
  ];
  assert.deepEqual(runtimeEntryFiles(exports, files).sort(), ['dist/frameworks/react.js', 'dist/index.js', 'dist/timeline/define.js']);
});

test('entries that are not modules for TypeScript are left out of attw: a browser-only file, a hash, a notice', () => {
  const exports = {
    '.': { types: './dist/index.d.ts', default: './dist/index.js' },
    './*/define.js': { types: './dist/*/define.d.ts', default: './dist/*/define.js' },
    './care-record.js': { browser: './dist/care-record.js' },
    './care-record.js.sri': './dist/care-record.js.sri',
    './THIRD-PARTY-NOTICES.txt': './dist/THIRD-PARTY-NOTICES.txt',
    './package.json': './package.json',
    './custom-elements.json': './custom-elements.json',
    './plain.js': './dist/plain.js',
  };
  assert.deepEqual(notModuleEntryPoints(exports), ['./care-record.js', './care-record.js.sri', './THIRD-PARTY-NOTICES.txt']);
  assert.deepEqual(notModuleEntryPoints(undefined), []);
});

/**
 * The Custom Elements Manifest of the components, generated from their JSDoc
 * (`@summary`, `@slot`, `@csspart`, `@cssprop`, `@event`) by
 * `npm run manifest` (scripts/manifest.ts), which runs the analyzer with this
 * file from this folder. Storybook's docs pages and controls read it; it ships
 * in the package (`customElements` in package.json).
 */

/**
 * The elements register themselves with `static elementName` and `define()`,
 * which the analyzer does not follow: read the tag from `elementName`. Keep
 * only the public API: private and protected members, Lit's lifecycle and the
 * registration statics are not for hosts.
 */
function publicElements() {
  const internalStatics = new Set(['elementName', 'styles']);
  const definitions = [];
  return {
    name: 'care-public-elements',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class') continue;
          const elementName = declaration.members?.find((member) => member.static && member.name === 'elementName');
          const tagName = /^'([a-z][a-z0-9-]*-[a-z0-9-]*)'$/.exec(elementName?.default ?? '')?.[1];
          declaration.members = (declaration.members ?? []).filter(
            (member) =>
              (member.privacy === undefined || member.privacy === 'public') &&
              !member.name.startsWith('#') &&
              !(member.static && internalStatics.has(member.name)),
          );
          if (!tagName) continue;
          declaration.tagName = tagName;
          declaration.customElement = true;
          definitions.push({ tagName, className: declaration.name, module: module.path });
        }
      }
      // What ships is the compiled `dist/`, and a tag is registered by the `define.js` beside its class: say so.
      rewritePaths(customElementsManifest);
      for (const { tagName, className, module } of definitions) {
        const folder = module.split('/')[1];
        const declaration = { name: className, module: published(module) };
        customElementsManifest.modules.push({
          kind: 'javascript-module',
          path: `dist/${folder}/define.js`,
          declarations: [],
          exports: [
            { kind: 'js', name: className, declaration },
            { kind: 'custom-element-definition', name: tagName, declaration },
          ],
        });
      }
    },
  };
}

/** Every `path` and `module` in the manifest (modules, exports, superclasses, inherited members), as published. */
function rewritePaths(node) {
  if (Array.isArray(node)) for (const item of node) rewritePaths(item);
  else if (node !== null && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = published(value);
      else rewritePaths(value);
    }
}

/** Where a source module is in the published package: `src/a/b.ts` → `dist/a/b.js`. */
function published(path) {
  return path.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js');
}

export default {
  globs: ['src/**/*.ts'],
  exclude: [
    'src/**/*.stories.ts',
    'src/**/*.styles.ts',
    'src/**/define.ts',
    'src/define.ts',
    'src/index.ts',
    'src/embed.ts',
    'src/internal/**',
    // Loaded by the provider on demand; nothing in it is for hosts.
    'src/provider/record-message.ts',
    'src/frameworks/**',
  ],
  litelement: true,
  // The manifest's place is written into package.json by hand (`customElements`), not by the analyzer.
  packagejson: false,
  quiet: true,
  plugins: [publicElements()],
};

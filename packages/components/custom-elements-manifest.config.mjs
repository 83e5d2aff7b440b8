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
          module.exports = [
            ...(module.exports ?? []),
            { kind: 'custom-element-definition', name: tagName, declaration: { name: declaration.name, module: module.path } },
          ];
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: [
    'src/**/*.stories.ts',
    'src/**/*.styles.ts',
    'src/**/define.ts',
    'src/define.ts',
    'src/index.ts',
    'src/internal/**',
    'src/frameworks/**',
  ],
  litelement: true,
  // The manifest's place is written into package.json by hand (`customElements`), not by the analyzer.
  packagejson: false,
  quiet: true,
  plugins: [publicElements()],
};

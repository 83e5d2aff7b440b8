/**
 * Storybook for designers: every care-record element in every state, with
 * data from a synthetic hub answered by Mock Service Worker (so the static
 * build needs no server). Configured by hand; see TOOLCHAIN.md.
 */
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';
import { defaultClientConditions } from 'vite';

const components = fileURLToPath(new URL('../packages/components/', import.meta.url));

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: [`${components}stories/**/*.mdx`, `${components}stories/**/*.stories.ts`, `${components}src/**/*.stories.ts`],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  // Mock Service Worker's worker script (`npx msw init packages/components/stories/public --no-save`).
  staticDirs: [`${components}stories/public`],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  docs: { defaultName: 'Docs' },
  async viteFinal(viteConfig) {
    // Workspace packages resolve to their TypeScript source, as everywhere else in the repository.
    viteConfig.resolve = { ...viteConfig.resolve, conditions: ['source', ...defaultClientConditions] };
    return viteConfig;
  },
};

export default config;

/**
 * What every story shares: the toolbar (audience, theme, viewport), the
 * synthetic hub behind Mock Service Worker, docs and controls from the Custom
 * Elements Manifest, and the frame a story sits in.
 */
import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';
import manifest from '../packages/components/custom-elements.json' with { type: 'json' };
import { applyArgs } from '../packages/components/stories/story-args.js';
import { usageFor } from '../packages/components/stories/usage.js';
import { syntheticHub } from '../packages/components/stories/synthetic-hub.js';
import '../packages/components/stories/themes.css';

setCustomElementsManifest(manifest);

/** An element's docs page: its description from the manifest, then when to use it and how. */
function describeElement(component: unknown): string | null {
  if (typeof component !== 'string') return null;
  for (const module of manifest.modules)
    for (const declaration of (module.declarations ?? []) as { tagName?: string; description?: string }[])
      if (declaration.tagName === component) return [declaration.description ?? '', usageFor(component)].filter(Boolean).join('\n\n');
  return null;
}

/** The worker script sits beside iframe.html, wherever Storybook is served from (`/` or `/storybook/`). */
async function startWorker() {
  const worker = setupWorker();
  await worker.start({
    quiet: true,
    serviceWorker: { url: new URL('mockServiceWorker.js', document.baseURI).pathname },
    // Storybook's own files and anything not sent to the synthetic hub go to the network as usual.
    onUnhandledRequest: 'bypass',
  });
  return worker;
}

const THEMES = {
  nhs: 'NHS (default)',
  'high-contrast': 'High contrast',
  'host-brand': 'Host brand (example council)',
};

const preview: Preview = {
  tags: ['autodocs'],
  loaders: [mswLoader(startWorker)],
  globalTypes: {
    audience: {
      description: 'Who is looking at the record',
      toolbar: {
        title: 'Audience',
        icon: 'user',
        items: [
          { value: 'clinician', title: 'Clinician (NHS CUI)' },
          { value: 'resident', title: 'Resident (NHS service manual)' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Design tokens: NHS, high contrast or a host system’s brand',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        items: Object.entries(THEMES).map(([value, title]) => ({ value, title })),
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: {
    audience: 'clinician',
    theme: 'nhs',
    viewport: { value: 'desktop', isRotated: false },
  },
  parameters: {
    msw: syntheticHub(),
    layout: 'fullscreen',
    controls: { expanded: true, sort: 'requiredFirst' },
    docs: { extractComponentDescription: describeElement },
    viewport: {
      options: {
        desktop: { name: 'Desktop (GP room)', styles: { width: '1280px', height: '800px' }, type: 'desktop' },
        wardTablet: { name: 'Ward tablet', styles: { width: '1024px', height: '768px' }, type: 'tablet' },
        sidePanel: { name: 'Narrow side panel in a host system', styles: { width: '360px', height: '800px' }, type: 'mobile' },
      },
    },
    a11y: { test: 'error', options: { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } } },
    options: {
      storySort: { order: ['Introduction', 'Design tokens', 'Record page', 'Elements'] },
    },
  },
  decorators: [
    (story, context) => {
      const theme = String(context.globals['theme'] ?? 'nhs');
      // The controls panel drives the story's element: what a designer changes there is applied to it.
      const applyControls = (frame: Element | undefined) => {
        if (frame) applyArgs(frame, typeof context.component === 'string' ? context.component : undefined, context.args);
      };
      return html`<div class="care-story care-theme--${theme in THEMES ? theme : 'nhs'}" ${ref(applyControls)}>${story()}</div>`;
    },
  ],
};

export default preview;

/**
 * The "Design tokens" page: every `--care-*` custom property and every
 * `::part`, read from the components' styles and their Custom Elements
 * Manifest (so the page cannot fall behind them), and a live preview whose
 * controls set the tokens the way a host system would.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import manifest from '../custom-elements.json' with { type: 'json' };
import { audienceOf, RESIDENTS, storyClient } from './record-story.js';
import { syntheticHub } from './synthetic-hub.js';

/** What the shared tokens (src/internal/tokens.styles.ts) are for; the elements' own are described in their JSDoc. */
const SHARED_TOKENS: Record<string, string> = {
  '--care-font-family': 'Typeface of every element.',
  '--care-font-size': 'Base text size of every element; everything else is in proportion to it.',
  '--care-color-primary': 'Links, buttons, chips and accents.',
  '--care-color-text': 'Body text.',
  '--care-color-secondary-text': 'Labels and secondary text (CUI: values stand out more than labels).',
  '--care-color-border': 'Lines between items, table rules, loading bars.',
  '--care-color-grey': 'Backgrounds of banners, notices and table headers.',
  '--care-color-background': 'Background of buttons, panels and the error panel.',
  '--care-color-error': 'Errors, overdue reviews, disagreeing sources.',
  '--care-color-focus': 'Focus highlight (NHS yellow).',
  '--care-color-focus-text': 'Text on the focus highlight, and its underline.',
  '--care-color-success': 'Confirmations and "No known allergies".',
  '--care-color-warning': 'Edge of a notice that something is missing.',
  '--care-space-1': 'Smallest space: inside tags, between a label and its value.',
  '--care-space-2': 'Space between lines of an item.',
  '--care-space-3': 'Space between items; padding of panels.',
  '--care-space-4': 'Space between sections.',
  '--care-space-5': 'Largest space.',
  '--care-radius': 'Corner radius of tags, buttons and panels.',
};

interface ManifestElement {
  tagName?: string;
  cssProperties?: { name: string; description?: string; default?: string }[];
  cssParts?: { name: string; description?: string }[];
}
const elements: ManifestElement[] = (manifest as { modules: { declarations?: ManifestElement[] }[] }).modules
  .flatMap((module) => module.declarations ?? [])
  .filter((declaration) => declaration.tagName !== undefined);

const styleSources = import.meta.glob<string>('../src/**/*.styles.ts', { query: '?raw', import: 'default', eager: true });

interface TokenRow {
  name: string;
  defaultValue: string;
  description: string | undefined;
  usedBy: Set<string>;
  shared: boolean;
}

/** Every `--care-*` the styles read, with the default they fall back to. */
function tokenRows(): TokenRow[] {
  const rows = new Map<string, TokenRow>();
  for (const [path, source] of Object.entries(styleSources)) {
    const folder = /src\/([^/]+)\//.exec(path)?.[1] ?? '';
    for (const match of source.matchAll(/var\((--care-[a-z0-9-]+),\s*((?:[^()]|\([^()]*\))*)\)/g)) {
      const name = match[1] ?? '';
      const row = rows.get(name) ?? { name, defaultValue: '', description: undefined, usedBy: new Set(), shared: folder === 'internal' };
      if (!row.defaultValue) row.defaultValue = (match[2] ?? '').trim().replace(/var\(--_color-([a-z-]+)\)/, '--care-color-$1');
      if (folder !== 'internal') row.usedBy.add(`care-${folder}`);
      rows.set(name, row);
    }
  }
  for (const element of elements)
    for (const property of element.cssProperties ?? []) {
      const row = rows.get(property.name);
      if (!row) continue;
      row.description ??= SHARED_TOKENS[property.name] ?? property.description;
      if (!row.shared && element.tagName) row.usedBy.add(element.tagName);
    }
  for (const row of rows.values()) row.description ??= SHARED_TOKENS[row.name];
  return [...rows.values()].sort((a, b) => Number(b.shared) - Number(a.shared) || a.name.localeCompare(b.name));
}

const isColour = (value: string) => /^#[0-9a-f]{3,8}$/i.test(value);

const meta: Meta = {
  title: 'Design tokens',
  tags: ['!autodocs'],
  parameters: { layout: 'fullscreen' },
};
export default meta;

export const CustomProperties: StoryObj = {
  name: 'Custom properties',
  render: () =>
    html`<div class="story-panel">
      <table class="token-table">
        <caption>
          Every
          <code>--care-*</code>
          custom property
        </caption>
        <thead>
          <tr>
            <th scope="col">Property</th>
            <th scope="col">Default</th>
            <th scope="col">What it sets</th>
            <th scope="col">Read by</th>
          </tr>
        </thead>
        <tbody>
          ${tokenRows().map(
            (row) =>
              html`<tr>
                <th scope="row"><code>${row.name}</code></th>
                <td>
                  ${
                    isColour(row.defaultValue)
                      ? html`<span class="token-swatch" style=${styleMap({ background: row.defaultValue })}></span>`
                      : nothing
                  }<code>${row.defaultValue}</code>
                </td>
                <td>${row.description ?? html`<strong>Not documented yet</strong>: add <code>@cssprop</code> to the element’s JSDoc.`}</td>
                <td>${row.shared ? 'Every element' : [...row.usedBy].sort().join(', ')}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`,
};

export const Parts: StoryObj = {
  name: 'Parts',
  render: () =>
    html`<div class="story-panel">
      <table class="token-table">
        <caption>
          Every
          <code>::part</code
          >, by element
        </caption>
        <thead>
          <tr>
            <th scope="col">Element</th>
            <th scope="col">Part</th>
            <th scope="col">What it is</th>
          </tr>
        </thead>
        <tbody>
          ${elements.flatMap((element) =>
            (element.cssParts ?? []).map(
              (part) =>
                html`<tr>
                  <th scope="row"><code>${element.tagName}</code></th>
                  <td><code>::part(${part.name})</code></td>
                  <td>${part.description ?? 'Not documented yet'}</td>
                </tr>`,
            ),
          )}
        </tbody>
      </table>
    </div>`,
};

interface PreviewArgs {
  fontFamily: string;
  fontSize: string;
  primary: string;
  text: string;
  secondaryText: string;
  border: string;
  grey: string;
  radius: string;
  bannerBackground: string;
  bannerAccent: string;
}

/** The tokens a brand usually sets, applied to a real record: change them in Controls. */
export const LivePreview: StoryObj<PreviewArgs> = {
  name: 'Live preview',
  args: {
    fontFamily: "'Frutiger W01', Arial, sans-serif",
    fontSize: 'medium',
    primary: '#005eb8',
    text: '#212b32',
    secondaryText: '#4c6272',
    border: '#d8dde0',
    grey: '#f0f4f5',
    radius: '4px',
    bannerBackground: '#f0f4f5',
    bannerAccent: '#005eb8',
  },
  argTypes: {
    primary: { control: 'color', description: '--care-color-primary' },
    text: { control: 'color', description: '--care-color-text' },
    secondaryText: { control: 'color', description: '--care-color-secondary-text' },
    border: { control: 'color', description: '--care-color-border' },
    grey: { control: 'color', description: '--care-color-grey' },
    bannerBackground: { control: 'color', description: '--care-banner-background' },
    bannerAccent: { control: 'color', description: '--care-banner-accent' },
    fontFamily: { control: 'text', description: '--care-font-family' },
    fontSize: { control: 'text', description: '--care-font-size' },
    radius: { control: 'text', description: '--care-radius' },
  },
  parameters: { msw: syntheticHub() },
  render: (args, context) => {
    const audience = audienceOf(context);
    // Set through the CSSOM (styleMap), not a style attribute: the preview keeps to the same CSP rules as a host.
    const tokens = styleMap({
      '--care-font-family': args.fontFamily,
      '--care-font-size': args.fontSize,
      '--care-color-primary': args.primary,
      '--care-color-text': args.text,
      '--care-color-secondary-text': args.secondaryText,
      '--care-color-border': args.border,
      '--care-color-grey': args.grey,
      '--care-radius': args.radius,
      '--care-banner-background': args.bannerBackground,
      '--care-banner-accent': args.bannerAccent,
    });
    return html`<div style=${tokens}>
      <care-record-provider .client=${storyClient(audience)} patient=${RESIDENTS.adult} audience=${audience}>
        <care-patient-banner></care-patient-banner>
        <div class="story-columns">
          <care-record-summary></care-record-summary>
          <care-medication-list></care-medication-list>
        </div>
      </care-record-provider>
    </div>`;
  },
};

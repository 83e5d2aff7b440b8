/**
 * How a story puts an element on the page: inside `<care-record-provider>`
 * with a real hub client (`createHubClient`), whose requests the synthetic hub
 * answers through Mock Service Worker, so the SDK's own fetching, paging,
 * retries and notices run as they do in a host system. The audience comes
 * from the toolbar.
 */
import { createHubClient, type HubClient, type RecordAudience } from '@care-record/sdk';
import type { StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import '@care-record/components/define.js';
import { forget, RESIDENTS, SYNTHETIC_HUB, syntheticHub, type HubScenario } from './synthetic-hub.js';

export { RESIDENTS };

/** The audience chosen in the toolbar. */
export function audienceOf(context: Pick<StoryContext, 'globals'>): RecordAudience {
  return context.globals['audience'] === 'resident' ? 'resident' : 'clinician';
}

/**
 * A new client for every story: the SDK remembers per client what the server
 * offers, and a story whose hub never answers must not hold up the next one.
 */
export function storyClient(audience: RecordAudience, scenario: HubScenario = {}): HubClient {
  return createHubClient({
    baseUrl: SYNTHETIC_HUB,
    // The synthetic hub tells the viewer from the token, as the reference hub does.
    auth: `storybook-${audience}`,
    // A failing hub is shown failing at once rather than after the SDK's retries.
    retry: scenario.failWith || scenario.writes?.failWith ? false : 2,
  });
}

export interface HubStoryOptions {
  /** The patient in context; none for the "no patient" state. */
  patient?: string | undefined;
  /** How the synthetic hub behaves. */
  scenario?: HubScenario;
  /** The element(s) to show inside the provider. */
  content: (audience: RecordAudience) => TemplateResult;
  /** Text for the story's docs. */
  description?: string;
  /** A carer's view (`audience="carer"`) whatever the toolbar says. */
  carer?: boolean;
}

/** Tags the story runner reads: a loading story never settles; a failing hub (or a refused write) makes the browser log its 4xx or 5xx. */
function tagsFor(scenario: HubScenario): string[] {
  const refuses =
    scenario.failWith || scenario.writes?.failWith || scenario.consentChangedElsewhere || scenario.refuse || scenario.roleRefuses?.length;
  return [...(scenario.delay === 'never' ? ['loading'] : []), ...(refuses ? ['http-error'] : [])];
}

/** A story whose element loads from the synthetic hub through the provider. */
export function hubStory({ patient, scenario = {}, content, description, carer = false }: HubStoryOptions): StoryObj {
  const hub = syntheticHub(scenario);
  return {
    tags: tagsFor(scenario),
    parameters: {
      msw: hub,
      ...(description ? { docs: { description: { story: description } } } : {}),
    },
    render: (_args, context) => {
      // Rendered again (another theme, another audience): the hub forgets what the last render wrote to it.
      forget(hub);
      const audience = carer ? 'resident' : audienceOf(context);
      return html`<care-record-provider
        .client=${storyClient(audience, scenario)}
        .patient=${patient}
        audience=${carer ? 'carer' : audience}
      >
        ${content(audience)}
      </care-record-provider>`;
    },
  };
}

/** A story whose element is given its view model directly, with no provider and no hub. */
export function modelStory(render: (audience: RecordAudience) => TemplateResult, description?: string): StoryObj {
  return {
    ...(description ? { parameters: { docs: { description: { story: description } } } } : {}),
    render: (_args, context) => render(audienceOf(context)),
  };
}

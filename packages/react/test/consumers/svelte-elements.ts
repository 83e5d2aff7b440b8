// What a Svelte 5 component may set on each element, as svelte-check sees it through SvelteHTMLElements.
import type { SvelteHTMLElements } from 'svelte/elements';
import type {} from '@care-record/components/frameworks/svelte';
import { createHubClient } from '@care-record/sdk';

const hub = createHubClient({ baseUrl: 'https://hub.example/fhir', auth: { getAccessToken: () => 'token' } });
export const provider: SvelteHTMLElements['care-record-provider'] = {
  client: hub,
  patient: 'pat-000001',
  'oncare-auth-required': (event) => [event.detail.requestId],
};
export const list: SvelteHTMLElements['care-medication-list'] = {
  audience: 'resident',
  'oncare-select': (event) => [event.detail.resourceType],
};

// @ts-expect-error -- the audience is 'clinician' or 'resident'
export const wrongAudience: SvelteHTMLElements['care-results'] = { audience: 'doctor' };
// @ts-expect-error -- care-select's detail has no `name`
export const wrongDetail: SvelteHTMLElements['care-timeline'] = { 'oncare-select': (event) => [event.detail.name] };

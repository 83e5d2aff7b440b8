// What a Vue 3 template may bind on each element, as vue-tsc sees it through GlobalComponents.
import type { GlobalComponents } from 'vue';
import type { CareEventHandlers } from '@care-record/components/frameworks/vue';
import { createHubClient } from '@care-record/sdk';

type PropsOf<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$props'];

const hub = createHubClient({ baseUrl: 'https://hub.example/fhir', auth: { getAccessToken: () => 'token' } });
export const provider: PropsOf<'care-record-provider'> = {
  client: hub,
  patient: 'pat-000001',
  audience: 'clinician',
  onCareAccessDenied: (event) => [event.detail.reason],
};
export const summary: PropsOf<'care-record-summary'> = { headingLevel: 2, onCareSelect: (event) => [event.detail.id] };
export const handlers: CareEventHandlers[] = ['onCareSelect', 'onCareShare', 'onCareSharingSaved', 'onCareAuthRequired'];

// @ts-expect-error -- the audience is 'clinician' or 'resident'
export const wrongAudience: PropsOf<'care-timeline'> = { audience: 'doctor' };
// @ts-expect-error -- care-select's detail has no `name`
export const wrongDetail: PropsOf<'care-results'> = { onCareSelect: (event) => [event.detail.name] };

/** @jsxImportSource react */
// A React host using the generated components: typed props and `onCare…` handlers.
import { CareMedicationList, CareRecordProvider, CareRecordSummary, CareTimeline } from '@care-record/react';
import { createHubClient } from '@care-record/sdk';

const hub = createHubClient({ baseUrl: 'https://hub.example/fhir', auth: { getAccessToken: () => 'token' } });

export const Record = () => (
  <CareRecordProvider client={hub} patient="pat-000001" onCareAuthRequired={(event) => [event.detail.requestId]}>
    <CareRecordSummary headingLevel={2} onCareSelect={(event) => [event.detail.resourceType]} />
    <CareMedicationList audience="clinician" />
    <CareTimeline />
  </CareRecordProvider>
);

// @ts-expect-error -- headingLevel is a number
export const WrongLevel = () => <CareRecordSummary headingLevel="two" />;
// @ts-expect-error -- care-select's detail has no `name`
export const WrongDetail = () => <CareTimeline onCareSelect={(event) => [event.detail.name]} />;

/** @jsxImportSource preact */
// A Preact host using the elements directly: types from the generated JSX declarations.
import type {} from '@care-record/components/frameworks/preact';
import { createHubClient } from '@care-record/sdk';

const hub = createHubClient({ baseUrl: 'https://hub.example/fhir', auth: { getAccessToken: () => 'token' } });

export const Record = () => (
  <care-record-provider client={hub} patient="pat-000001" audience="resident" oncare-share={(event) => [event.detail]}>
    <care-patient-banner />
    <care-record-summary headingLevel={3} oncare-select={(event) => [event.detail.id]} />
    <care-results audience="resident" />
  </care-record-provider>
);

// @ts-expect-error -- headingLevel is a number
export const WrongLevel = () => <care-record-summary headingLevel={{ level: 2 }} />;
// @ts-expect-error -- care-select's detail has no `name`
export const WrongDetail = () => <care-results oncare-select={(event) => [event.detail.name]} />;

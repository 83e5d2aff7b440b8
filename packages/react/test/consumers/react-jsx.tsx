/** @jsxImportSource react */
// A React 19 host using the elements directly, as the README shows: types from the generated JSX declarations.
import type {} from '@care-record/components/frameworks/react';
import { createHubClient } from '@care-record/sdk';

const hub = createHubClient({ baseUrl: 'https://hub.example/fhir', auth: { getAccessToken: () => 'token' } });

export const Record = () => (
  <care-record-provider
    client={hub}
    patient="pat-000001"
    audience="clinician"
    nhs-number="9990001234"
    oncare-access-denied={(event) => [event.detail.reason, event.detail.breakGlassAllowed]}
    oncare-select={(event) => [event.detail.resourceType, event.detail.id]}
  >
    <care-patient-banner />
    <care-record-summary headingLevel={2} oncare-select={(event) => [event.detail.resourceType, event.detail.id]} />
    <care-medication-list />
    <care-timeline audience="clinician" />
    <care-results />
    <care-appointments calendar-domain="gp.example" />
    <care-reading-form oncare-share={(event) => [event.detail]} />
    <care-access-log />
    <care-sharing oncare-sharing-saved={(event) => [event.detail.consent.status]} />
  </care-record-provider>
);

// Wrong types are refused: each line below must be an error.
// @ts-expect-error -- the audience is 'clinician' or 'resident'
export const WrongAudience = () => <care-medication-list audience="doctor" />;
// @ts-expect-error -- a client is a HubClient, not a URL
export const WrongClient = () => <care-record-provider client="https://hub.example/fhir" />;
// @ts-expect-error -- care-select's detail has no `name`
export const WrongDetail = () => <care-timeline oncare-select={(event) => [event.detail.name]} />;
// @ts-expect-error -- the elements' events reach the provider with their own detail: care-select's has no `name`
export const WrongHeardDetail = () => <care-record-provider oncare-select={(event) => [event.detail.name]} />;
// @ts-expect-error -- no such element
export const Unknown = () => <care-nothing />;

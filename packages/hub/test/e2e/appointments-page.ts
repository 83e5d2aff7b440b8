/**
 * A bare host page for the end-to-end test of `<care-appointments>` inside a
 * provider, bundled for the browser: the test hands it a signed-in token (in
 * memory, never in the address or storage), the patient and the audience, and
 * it shows the appointments list — with the record summary beside it when
 * asked, so that the record page is already read.
 */
import { createHubClient } from '@care-record/sdk';
import type { CareRecordProvider } from '@care-record/components';
import '@care-record/components/provider/define.js';
import '@care-record/components/appointments/define.js';
import '@care-record/components/record-summary/define.js';

export interface AppointmentsPageSetUp {
  fhir: string;
  token: string;
  patient: string;
  audience: 'clinician' | 'resident' | 'carer';
  withSummary: boolean;
}

declare global {
  interface Window {
    showAppointments(setUp: AppointmentsPageSetUp): void;
  }
}

window.showAppointments = ({ fhir, token, patient, audience, withSummary }) => {
  const provider = document.createElement('care-record-provider') as CareRecordProvider;
  provider.client = createHubClient({ baseUrl: fhir, auth: token, retry: { limit: 0 } });
  provider.setAttribute('patient', patient);
  provider.setAttribute('audience', audience);
  if (withSummary) provider.append(document.createElement('care-record-summary'));
  provider.append(document.createElement('care-appointments'));
  document.querySelector('main')?.replaceChildren(provider);
};

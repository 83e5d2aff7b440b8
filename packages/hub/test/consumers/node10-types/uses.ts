// A vendor project still on TypeScript's `moduleResolution: node` (node10), which reads no `exports`:
// every package's entry points must still come with their types.
import { createHubClient, HubError, type HubResponse } from '@care-record/sdk';
import { formatNhsNumber } from '@care-record/sdk/format';
import type { CarePatientBanner } from '@care-record/components/patient-banner/define.js';
import type { CareRecordProvider } from '@care-record/components/define.js';

const client = createHubClient({ baseUrl: 'https://hub.example.org/fhir', auth: 'token' });
export async function nameOf(id: string): Promise<string> {
  try {
    const response: HubResponse<unknown> = await client.request('get', '/Patient/{id}', { path: { id } });
    return String(response.status);
  } catch (error) {
    return error instanceof HubError && error.mayHaveBeenSaved === undefined ? error.kind : 'other';
  }
}
export const shown: string = formatNhsNumber('9434765919');
export type Elements = [CarePatientBanner, CareRecordProvider];
// The types are the contract's, not `any`: a path the contract does not have is refused.
// @ts-expect-error -- no such path
export const wrongPath = client.get('/NoSuchResource');

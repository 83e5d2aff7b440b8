// A Node ESM script a developer writes with the SDK: read a resident's record page and print the banner's identity.
import { createHubClient, openRecord } from '@care-record/sdk';

const [baseUrl, token, patient] = [process.env.HUB_URL, process.env.HUB_TOKEN, process.argv[2]];
if (!baseUrl || !token || !patient) throw new Error('usage: HUB_URL=… HUB_TOKEN=… node read.mjs <patient id>');
const client = createHubClient({ baseUrl, auth: { getAccessToken: () => token } });
const { banner } = await openRecord(client, patient, { audience: 'clinician' }).page();
const nhsNumber = typeof banner.nhsNumber === 'string' ? banner.nhsNumber : banner.nhsNumber.formatted;
console.log(JSON.stringify({ patientId: banner.patientId, name: banner.name, nhsNumber }));

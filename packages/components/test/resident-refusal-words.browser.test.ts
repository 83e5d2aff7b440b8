/**
 * A refusal (403) on the resident's own screens is told in the words the record elements use for the same refusal
 * (8c0c6cb): a carer's proxy access that does not cover it (`PROXY_RESTRICTED`) and a narrow sign-in
 * (`SCOPE_RESTRICTED`) are not "You do not have access to this record" — that is for a refusal of the record itself.
 * The class: every resident screen that reads × every refusal code, in real Chromium with the real SDK client and a
 * server at the edge (`fetch`) refusing every request as the hub does.
 */
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { createHubClient, NOT_PERMITTED_NOTICE, PROXY_RESTRICTED_NOTICE, SCOPE_RESTRICTED_NOTICE, type HubClient } from '@care-record/sdk';
import { html, unsafeStatic } from 'lit/static-html.js';
import '../src/define.js';
import { $, text } from './support/dom.js';
import { createPlainFhir } from './support/plain-fhir-fetch.js';
import { addResident, BASE, PATIENT } from './support/resident-screens.js';

const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';
const SCREENS = ['care-carers', 'care-sharing', 'care-wellbeing', 'care-access-log'] as const;
const NO_ACCESS = 'You do not have access to this record.';

/** Each refusal code, and the words the record elements say for it. */
const REFUSALS: Record<string, string> = {
  PROXY_RESTRICTED: `${PROXY_RESTRICTED_NOTICE}.`,
  SCOPE_RESTRICTED: `${SCOPE_RESTRICTED_NOTICE}.`,
  ROLE_RESTRICTED: `${NOT_PERMITTED_NOTICE}.`,
  ACCESS_DENIED: NO_ACCESS,
};

/** What the screens read (never the provider's read of her Patient). */
const SCREEN_READS = /Consent|RelatedPerson|CarePlan|Goal|Observation|Condition|AuditEvent/;

/** A client whose server holds her record and refuses every read of a screen with `code`. */
function refusing(code: string): HubClient {
  const plain = createPlainFhir(BASE);
  addResident(plain);
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const asked = `${request.url} ${await request.clone().text()}`;
    if (!SCREEN_READS.test(asked)) return plain.fetch(request);
    return new Response(
      JSON.stringify({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'forbidden', details: { coding: [{ system: HUB_ERROR, code }] } }],
      }),
      { status: 403, headers: { 'content-type': 'application/fhir+json' } },
    );
  };
  return createHubClient({ baseUrl: BASE, auth: 'token', retry: { limit: 0 }, fetch });
}

/** What `tag` says when its reads are refused with `code`. */
async function refusedWith(tag: string, code: string): Promise<string> {
  const provider = await fixture(
    html`<care-record-provider .client=${refusing(code)} patient=${PATIENT} audience="resident"
      ><${unsafeStatic(tag)}></${unsafeStatic(tag)}
    ></care-record-provider>`,
  );
  const element = provider.querySelector(tag)!;
  const said = () =>
    $(element, '[part~="error"]') !== null || $(element, '[part~="notice"]') !== null || text(provider).includes('not shown');
  // Said neither as an error nor as a notice: what it shows instead is what is wrong.
  await waitUntil(said, `${tag} says it`, { timeout: 4000 }).catch(() => undefined);
  // The record itself refused is the provider's to say, in place of every screen.
  return text(element) || text(provider);
}

describe('a refusal on her own screens is told as the record elements tell it', function () {
  this.timeout(30_000);

  it('reported: a carer refused by their proxy access on the well-being screen is not told "no access to this record"', async () => {
    const said = await refusedWith('care-wellbeing', 'PROXY_RESTRICTED');
    expect(said).to.contain(REFUSALS['PROXY_RESTRICTED']);
    expect(said).not.to.contain(NO_ACCESS);
  });

  it('class: every resident screen × every refusal code', async () => {
    const wrong: string[] = [];
    for (const tag of SCREENS)
      for (const [code, words] of Object.entries(REFUSALS)) {
        const said = await refusedWith(tag, code);
        if (!said.includes(words) || (words !== NO_ACCESS && said.includes(NO_ACCESS))) wrong.push(`${tag} ${code}: ${said}`);
      }
    expect(wrong, `${wrong.length}/${SCREENS.length * Object.keys(REFUSALS).length} wrong`).to.deep.equal([]);
  });
});

/**
 * One failed search fails only its part, on screen (R17): the timeline shows every event it could read, names in an
 * announced notice what could not be read, offers "Try again" where it can help (a 5XX), and no filter claims a count
 * for the part that failed; the medicines list shows the kind it read and never says "No medicines" when a part failed.
 * The timeline reads through the SDK's own reader (`openRecord`), from a stand-in hub in the browser.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { HubError, openRecord, type RecordNotices } from '@care-record/sdk';
import '../src/timeline/define.js';
import '../src/medication-list/define.js';
import type { CareMedicationList, CareTimeline } from '../src/index.js';
import { createFakeHub } from './support/fake-hub.js';
import { CAST, NOW, medicinesModel, resident } from './support/fixtures.js';
import { $, $$, text, until } from './support/dom.js';

const record = resident(CAST.frailOlder);
const patientId = record.patient.id!;
const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';
const serverFailed = (operation: string) => new HubError({ kind: 'http', operation, requestId: 'req-1', status: 500 });

/** The timeline of the cast's resident, read from a stand-in hub that fails the searches `failing` says. */
async function timelineWith(failing: (operation: string) => boolean): Promise<CareTimeline> {
  const hub = createFakeHub({ fail: ({ operation }) => (failing(operation) ? serverFailed(operation) : undefined) });
  const timeline = openRecord(hub.client, patientId, { audience: 'clinician', now: () => new Date(NOW) }).timeline();
  return fixture<CareTimeline>(html`<care-timeline .timeline=${timeline}></care-timeline>`);
}

const notices = (element: Element) => $$(element, '[part~="notice"]').map((notice) => text(notice));
const chipText = (element: Element, label: string) =>
  $$(element, '[part~="chip"]')
    .map((chip) => text(chip))
    .find((words) => words.startsWith(`${label} (`));

describe('a search that failed fails only its part (R17)', () => {
  it('the timeline: DocumentReference 500 shows the encounters, names letters and documents, and offers Try again', async () => {
    let failing = true;
    const element = await timelineWith((operation) => failing && operation === 'GET /DocumentReference');
    await until(() => $$(element, '[part~="event"]').length > 0 && $(element, '[part~="retry-unread"]') !== null, 5000, 'events');
    const said = 'Letters and documents could not be read: the server could not answer (error 500)';
    expect(notices(element)).to.include(said);
    expect(text($(element, '.notices[role="status"]'))).to.contain(said);
    expect(chipText(element, 'Letters and documents')).to.equal('Letters and documents (0 read, some could not be read)');
    expect(text(element)).not.to.contain('No events recorded');
    await expect(element).to.be.accessible();

    failing = false;
    ($(element, '[part~="retry-unread"]') as HTMLButtonElement).click();
    await until(() => !notices(element).includes(said), 5000, 'the notice goes once read');
    expect($(element, '[part~="retry-unread"]')).to.equal(null);
  });

  it("the timeline: a receptionist's clinical chips say they are not shown to her role, never a count", async () => {
    const roleRefused = (operation: string) =>
      new HubError({
        kind: 'http',
        operation,
        requestId: 'req-role',
        status: 403,
        outcome: {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'forbidden', details: { coding: [{ system: HUB_ERROR, code: 'ROLE_RESTRICTED' }] } }],
        },
      });
    const hub = createFakeHub({
      fail: ({ operation }) =>
        operation.startsWith('GET /') && !['GET /Appointment', 'GET /metadata', `GET /Patient/${patientId}`].includes(operation)
          ? roleRefused(operation)
          : undefined,
    });
    const timeline = openRecord(hub.client, patientId, { audience: 'clinician', now: () => new Date(NOW) }).timeline();
    const element = await fixture<CareTimeline>(html`<care-timeline .timeline=${timeline}></care-timeline>`);
    await until(() => notices(element).includes('Clinical information is not available to your role'), 5000, 'the role said');
    await until(() => $(element, '[part~="counts-note"]') === null, 5000, 'everything read');
    const chips = $$(element, '[part~="chip"]').map((chip) => text(chip));
    // Only the appointments, all of which she may see, are counted; every other chip (a care setting the refused
    // searches could fill) says what is shown to her role, and a refused kind with none shown is not offered.
    const counted = chips.filter((words) => !words.endsWith(' shown, some not shown to your role)'));
    expect(counted).to.have.length(1);
    expect(counted[0]).to.match(/^Appointments \(\d+\)$/);
    expect(chips.length).to.be.greaterThan(1);
    await expect(element).to.be.accessible();
  });

  it('the timeline: every search failing fails the timeline as before, with Try again', async () => {
    const element = await timelineWith((operation) => operation.startsWith('GET /') && operation !== 'GET /metadata');
    await until(() => $(element, '[part~="error"]') !== null, 5000, 'the error');
    expect($(element, '[part~="error"]')!.getAttribute('role')).to.equal('alert');
    expect(text($(element, '[part~="error"]'))).to.contain('The timeline could not be loaded');
    expect($(element, '[part~="retry-button"]')).not.to.equal(null);
  });

  it('the medicines list: statements that could not be read are named, the prescriptions shown, never "No medicines"', async () => {
    const unread: RecordNotices = {
      withheld: false,
      unavailableSources: [],
      unreadTypes: [{ type: 'MedicationStatement', reason: 'the server does not support this search' }],
    };
    const requests = record.resources.filter((resource) => resource.resourceType === 'MedicationRequest');
    const said =
      'Medicines the person reports taking, and over-the-counter medicines could not be read: the server does not support this search';
    const withPrescriptions = await fixture<CareMedicationList>(
      html`<care-medication-list .model=${medicinesModel(requests, { patientId, notices: unread })}></care-medication-list>`,
    );
    expect(notices(withPrescriptions)).to.include(said);
    expect(text(withPrescriptions)).not.to.contain('No medicines');
    await expect(withPrescriptions).to.be.accessible();

    const nothingRead = await fixture<CareMedicationList>(
      html`<care-medication-list .model=${medicinesModel([], { patientId, notices: unread })}></care-medication-list>`,
    );
    expect(notices(nothingRead)).to.include(said);
    expect(text(nothingRead)).not.to.contain('No medicines');
  });
});

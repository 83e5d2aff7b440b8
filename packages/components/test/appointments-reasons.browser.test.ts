/**
 * What an appointment says is shown in `<care-appointments>`, in real
 * Chromium: every reason it gives (one sent only as a code, one naming the
 * condition), the staff's comment for a clinician and not the resident, why a
 * cancelled one was cancelled when that is only a code, when one with no
 * start ends (under Upcoming when that is still to come, never "Not known"
 * under Past), how long it is, and that some details of one cut down for the
 * viewer's role are not shown. Axe-checked; what a source sends is shown as text.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { appointmentsViewModel, type Appointment, type AppointmentsViewModel, type RecordAudience } from '@care-record/sdk';
import '../src/define.js';
import type { CareAppointments } from '../src/index.js';
import { BAD_TEXT, $, $$, text } from './support/dom.js';
import { NOW, organizations } from './support/fixtures.js';

const PATIENT = 'pat-000001';
const snomed = (code: string) => ({ coding: [{ system: 'http://snomed.info/sct', code }] });

const appointment = (id: string, fields: Record<string, unknown>): Appointment =>
  ({
    resourceType: 'Appointment',
    id,
    meta: { source: 'https://care-record.example/source/F83999' },
    participant: [{ actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' }],
    ...fields,
  }) as unknown as Appointment;

const APPOINTMENTS = [
  appointment('reasons', {
    status: 'booked',
    start: '2026-12-14T10:30:00Z',
    end: '2026-12-14T10:50:00Z',
    description: 'Diabetes annual review',
    reasonCode: [snomed('44054006'), { text: 'Foot <img src=x onerror="window.__hacked=1"> check' }],
    reasonReference: [{ reference: 'Condition/c1', display: 'Type 2 diabetes mellitus' }],
    comment: 'Interpreter (Bengali) booked',
  }),
  appointment('ends', { status: 'booked', description: 'Physiotherapy course', end: '2027-03-04T15:00:00Z', minutesDuration: 45 }),
  appointment('cancelled', {
    status: 'cancelled',
    description: 'Eye clinic',
    start: '2026-12-20T09:00:00Z',
    cancelationReason: snomed('182856006'),
  }),
  appointment('desk', {
    status: 'booked',
    description: 'Blood test',
    start: '2026-12-02T08:40:00Z',
    meta: { source: 'https://care-record.example/source/F83999', tag: [{ code: 'SUBSETTED' }] },
  }),
];

const model = (audience: RecordAudience): AppointmentsViewModel =>
  appointmentsViewModel(
    { appointments: APPOINTMENTS, patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations },
    { audience, now: NOW },
  );

const show = (audience: RecordAudience) =>
  fixture<CareAppointments>(html`<care-appointments .model=${model(audience)} audience=${audience}></care-appointments>`);

/** The upcoming appointment whose title is `title`, as its facts: `term → value`. */
function factsOf(element: CareAppointments, title: string): Map<string, string> {
  const item = $$(element, '[part~="upcoming"] [part~="appointment"]').find((one) => text(one.querySelector('.title')).includes(title));
  expect(item, title).to.not.equal(undefined);
  return new Map(
    [...item!.querySelectorAll('.facts > div')].map((fact) => [text(fact.querySelector('dt')), text(fact.querySelector('dd'))]),
  );
}

describe('<care-appointments>: all an appointment says', () => {
  it('a clinician sees every reason, the comment, a coded cancellation reason and an end with no start', async () => {
    const element = await show('clinician');
    const review = factsOf(element, 'Diabetes annual review');
    expect(review.get('Reason')).to.equal(
      'SNOMED CT 44054006; Foot <img src=x onerror="window.__hacked=1"> check; Type 2 diabetes mellitus',
    );
    expect(review.get('Comment')).to.equal('Interpreter (Bengali) booked');
    expect($(element, 'img')).to.equal(null);
    expect((window as { __hacked?: number }).__hacked).to.equal(undefined);
    expect(factsOf(element, 'Eye clinic').get('Cancellation reason')).to.equal('SNOMED CT 182856006');
    const ends = factsOf(element, 'Physiotherapy course');
    expect(ends.get('Date')).to.equal('Ends 04-Mar-2027 15:00; start not known');
    expect(ends.get('Duration')).to.equal('45 minutes');
    expect(text(element.shadowRoot!)).not.to.match(BAD_TEXT);
    await expect(element).to.be.accessible();
  });

  it('the resident sees the reasons in their words, and not the staff comment', async () => {
    const element = await show('resident');
    const review = factsOf(element, 'Diabetes annual review');
    expect(review.get('What it is for')).to.contain('Type 2 diabetes mellitus');
    expect([...review.keys()]).not.to.include('Note');
    expect(text(element.shadowRoot!)).not.to.contain('Interpreter');
    expect(factsOf(element, 'Physiotherapy course').get('When')).to.equal('Ends 4 March 2027 at 3pm, start not known');
    expect(factsOf(element, 'Eye clinic').get('Why it was cancelled')).to.equal('SNOMED CT 182856006');
    await expect(element).to.be.accessible();
  });

  it('one cut down for the role says some details are not shown; the others do not', async () => {
    const element = await show('clinician');
    const notes = $$(element, '.details-withheld');
    expect(notes.map((note) => text(note.closest('[part~="appointment"]')?.querySelector('.title')))).to.deep.equal(['Blood test Booked']);
    expect(text(notes[0])).to.equal('Some details of this appointment are not shown');
  });
});

/**
 * Appointments for the resident (pat-000001 of the synthetic borough):
 * upcoming and past, where and who with, cancelled said plainly, "Add to
 * calendar" giving a valid iCalendar file (parsed back here), and the
 * loading, empty, partial, withheld and error states — axe-checked, in a
 * German, New York browser that must not move a single time.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  appointmentsViewModel,
  HubError,
  NOT_SHOWN_SAFELY_NOTICE,
  type Appointment,
  type AppointmentsViewModel,
  type RecordAudience,
  type RecordNotices,
} from '@care-record/sdk';
import '../src/define.js';
import type { CareAppointments, CareRecordProvider, CareSelectDetail } from '../src/index.js';
import { BAD_TEXT, $, $$, settled, text, until } from './support/dom.js';
import { NOW, organizations, resident } from './support/fixtures.js';
import { createResidentHub, sourceUnavailable } from './support/resident-hub.js';
import { factBoxes, inPanel } from './support/side-panel.js';

const NONE: RecordNotices = { withheld: false, unavailableSources: [] };

function appointmentsFor(
  audience: RecordAudience = 'resident',
  notices = NONE,
  edit = (appointment: Appointment): Appointment => appointment,
): AppointmentsViewModel {
  const appointments = resident(0)
    .resources.filter((resource): resource is Appointment => resource.resourceType === 'Appointment')
    .map(edit);
  return appointmentsViewModel({ appointments, patientId: 'pat-000001', notices, organizations }, { audience, now: NOW });
}

const show = (model: AppointmentsViewModel | undefined, audience: RecordAudience = 'resident') =>
  fixture<CareAppointments>(html`<care-appointments .model=${model} audience=${audience}></care-appointments>`);

const upcoming = (element: Element) => $$(element, '[part~="upcoming"] [part~="appointment"]');

/** The appointment as a faulty source might send it: booked for another resident (pat-000002). */
const forSomeoneElse = <T extends { participant?: { actor?: { reference?: string } }[] }>(appointment: T): T => ({
  ...appointment,
  participant: appointment.participant?.map((participant) =>
    participant.actor?.reference?.startsWith('Patient/')
      ? { ...participant, actor: { ...participant.actor, reference: 'Patient/pat-000002' } }
      : participant,
  ),
});
const focused = (element: Element): Element | null => element.shadowRoot!.activeElement;

/** Clicks "Add to calendar", stops the download and reads the file it would have saved. */
async function calendarFile(element: CareAppointments): Promise<{ name: string; type: string; text: string }> {
  const root = element.shadowRoot!;
  const link = new Promise<HTMLAnchorElement>((resolve) =>
    root.addEventListener(
      'click',
      (event) => {
        const target = event.target as HTMLElement;
        if (target.localName !== 'a') return;
        event.preventDefault();
        resolve(target as HTMLAnchorElement);
      },
      { capture: true },
    ),
  );
  $(element, '[part~="calendar-button"]')!.click();
  const anchor = await link;
  expect(anchor.href).to.match(/^blob:/);
  const blob = await (await fetch(anchor.href)).blob();
  return { name: anchor.download, type: blob.type, text: await blob.text() };
}

/** Unfolds an iCalendar file into its properties, checking CRLF and the 75-octet limit. */
function parseIcs(ics: string): Map<string, string[]> {
  expect(ics.endsWith('\r\n')).to.equal(true);
  const lines = ics.slice(0, -2).split('\r\n');
  for (const line of lines) {
    expect(new TextEncoder().encode(line).length).to.be.at.most(75);
    expect(line).not.to.match(/[\r\n]/);
  }
  const properties = new Map<string, string[]>();
  for (const line of lines.join('\r\n').replace(/\r\n /g, '').split('\r\n')) {
    const colon = line.indexOf(':');
    properties.set(line.slice(0, colon), [...(properties.get(line.slice(0, colon)) ?? []), line.slice(colon + 1)]);
  }
  return properties;
}

const unescape = (value: string | undefined): string =>
  (value ?? '').replace(/\\([\\;,nN])/g, (_, character: string) => (character.toLowerCase() === 'n' ? '\n' : character));

describe('care-appointments', () => {
  it('stacks each label above its value in a 320 px side panel, with nothing scrolling sideways', async () => {
    const { panel, element } = await inPanel<CareAppointments>(
      html`<care-appointments .model=${appointmentsFor()} audience="resident"></care-appointments>`,
      'care-appointments',
      320,
    );
    const boxes = factBoxes(element);
    expect(boxes.length).to.be.greaterThan(2);
    for (const box of boxes) {
      expect(Math.abs(box.valueLeft - box.labelLeft), `${box.label}: value under its label`).to.be.below(2);
      expect(box.valueTop, `${box.label}: value below its label`).to.be.at.least(box.labelBottom - 1);
    }
    expect(element.scrollWidth).to.be.at.most(element.clientWidth + 1, 'no sideways scrolling');
    const root = $(element, '.root')!;
    expect(root.scrollWidth).to.be.at.most(root.clientWidth + 1);
    await expect(element).to.be.accessible();

    // Given room, labels and values sit side by side again.
    panel.style.inlineSize = '900px';
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(factBoxes(element).every((box) => box.valueLeft > box.labelLeft + 20)).to.equal(true);
  });

  describe('from a model, for a resident', () => {
    it('lists upcoming appointments with when, where, who and the organisation, in UK time', async () => {
      const element = await show(appointmentsFor());
      expect(text($(element, '[part~="heading"]'))).to.equal('Your appointments');
      expect(upcoming(element)).to.have.length(1);
      expect(text(upcoming(element)[0])).to.equal(
        'Diabetes and endocrinology clinic follow-up Booked When 17 March 2027 at 2:20pm Where Diabetes and endocrinology, Outpatients, Highbury Vale Hospital Booked by Highbury Vale Hospital NHS Trust With Dr Edward Harris What you need to do Please have your HbA1c blood test a week before. An Arabic interpreter has been booked. Add to calendar: Diabetes and endocrinology clinic follow-up, 17 March 2027',
      );
      expect(text(element)).not.to.match(BAD_TEXT);
      await expect(element).to.be.accessible();
    });

    it('keeps past appointments behind a disclosure, in UK summer time whatever the browser', async () => {
      const element = await show(appointmentsFor());
      const past = $(element, '[part~="past"]') as HTMLDetailsElement;
      expect(text(past.querySelector('summary'))).to.equal('Past (3)');
      past.querySelector('summary')!.focus();
      await sendKeys({ press: 'Enter' });
      expect(past.open).to.equal(true);
      const first = past.querySelector('[part~="appointment"]')!;
      // 14:00 UTC on 27 May is 15:00 in London (10:00 in New York, "Mai" in German).
      expect(text(first)).to.contain('Attended When 27 May 2024 at 3pm');
      expect(text(past)).not.to.match(/10:00|Mai /);
      await expect(element).to.be.accessible();
    });

    it('says plainly when an appointment is cancelled, and offers no calendar entry for it', async () => {
      const element = await show(
        appointmentsFor('resident', NONE, (appointment) =>
          appointment.status === 'booked'
            ? { ...appointment, status: 'cancelled', cancelationReason: { text: 'The clinic is closed that day' } }
            : appointment,
        ),
      );
      const [cancelled] = upcoming(element);
      expect(text(cancelled!.querySelector('[part~="status"]'))).to.equal('Cancelled');
      expect(text(cancelled)).to.contain('This appointment has been cancelled');
      expect(text(cancelled)).to.contain('Why it was cancelled The clinic is closed that day');
      expect(text(cancelled)).not.to.contain('What you need to do');
      expect(cancelled!.querySelector('[part~="calendar-button"]')).to.equal(null);
      await expect(element).to.be.accessible();
    });

    it('"Add to calendar" downloads a valid iCalendar file of the appointment', async () => {
      const element = await show(appointmentsFor());
      const button = $(element, '[part~="calendar-button"]')!;
      expect(text(button)).to.equal('Add to calendar: Diabetes and endocrinology clinic follow-up, 17 March 2027');
      const file = await calendarFile(element);
      expect(file.name).to.equal('appointment-2027-03-17.ics');
      // Made as `text/calendar;charset=utf-8`; Chromium 150 reads a blob URL back without the parameter.
      expect(file.type).to.match(/^text\/calendar(;\s*charset=utf-8)?$/i);
      const properties = parseIcs(file.text);
      expect(properties.get('BEGIN')).to.deep.equal(['VCALENDAR', 'VEVENT']);
      expect(properties.get('VERSION')).to.deep.equal(['2.0']);
      expect(properties.get('UID')).to.deep.equal(['appointment-pat-000001-apt-4@care-record.example']);
      expect(properties.get('DTSTAMP')?.[0]).to.match(/^\d{8}T\d{6}Z$/);
      expect(properties.get('DTSTART')).to.deep.equal(['20270317T142000Z']);
      expect(properties.get('DTEND')).to.deep.equal(['20270317T144000Z']);
      expect(properties.get('SUMMARY')).to.deep.equal(['Diabetes and endocrinology clinic follow-up']);
      expect(unescape(properties.get('LOCATION')?.[0])).to.equal('Diabetes and endocrinology, Outpatients, Highbury Vale Hospital');
      expect(unescape(properties.get('DESCRIPTION')?.[0])).to.equal(
        'Diabetes and endocrinology clinic\nWith Dr Edward Harris\nBooked by Highbury Vale Hospital NHS Trust\nPlease have your HbA1c blood test a week before. An Arabic interpreter has been booked.',
      );
      expect(properties.get('STATUS')).to.deep.equal(['CONFIRMED']);
      expect($$(element, 'a')).to.have.length(0);
    });

    it('is reachable by keyboard: the title, "Add to calendar", then past appointments', async () => {
      const element = await show(appointmentsFor());
      const chosen: CareSelectDetail[] = [];
      element.addEventListener('care-select', (event) => chosen.push(event.detail));
      await sendKeys({ press: 'Tab' });
      expect(text(focused(element))).to.equal('Diabetes and endocrinology clinic follow-up');
      await sendKeys({ press: 'Enter' });
      expect(chosen).to.deep.equal([{ resourceType: 'Appointment', id: 'pat-000001-apt-4' }]);
      await sendKeys({ press: 'Tab' });
      expect(focused(element)?.getAttribute('part')).to.equal('calendar-button');
      await sendKeys({ press: 'Tab' });
      expect(text(focused(element))).to.equal('Past (3)');
    });

    it('renders markup in titles, places and instructions as text', async () => {
      const payload = '<img src=x onerror=alert(1)>';
      const model = appointmentsFor();
      const [first] = model.upcoming;
      const element = await show({
        ...model,
        upcoming: [{ ...first!, title: payload, location: '<script>alert(2)</script>', instruction: payload }],
      });
      expect(text(upcoming(element)[0]!.querySelector('.title button'))).to.equal(payload);
      expect(text(element)).to.contain('<script>alert(2)</script>');
      expect($$(element, 'img, script')).to.have.length(0);
    });
  });

  describe('states', () => {
    it('says "You have no upcoming appointments" when there are none', async () => {
      const element = await show({ ...appointmentsFor(), upcoming: [], past: [] });
      expect(text(element)).to.equal('Your appointments Upcoming You have no upcoming appointments Past (0) You have no past appointments');
      await expect(element).to.be.accessible();
    });

    it('says some information is not shown', async () => {
      const element = await show(appointmentsFor('resident', { withheld: true, unavailableSources: [] }));
      expect(text($(element, '[part~="notice"]'))).to.equal('Some information is not shown');
      expect(upcoming(element)).to.have.length(1);
      await expect(element).to.be.accessible();
    });

    it('names a source that did not answer, and never calls the rest "none"', async () => {
      const down = { withheld: false, unavailableSources: [{ odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' }] };
      const element = await show({ ...appointmentsFor('resident', down), upcoming: [] });
      expect(text($(element, '[part~="notice"]'))).to.equal('Information from Highbury Vale Hospital NHS Trust is unavailable');
      expect(text(element)).to.contain('Upcoming Nothing recorded by the services that answered');
      expect(text(element)).not.to.contain('You have no upcoming appointments');
      await expect(element).to.be.accessible();
    });

    it('warns when an appointment about someone else was left out, and then never says there are none', async () => {
      // The one upcoming appointment (17 March 2027) is the one sent for someone else.
      const element = await show(
        appointmentsFor('resident', NONE, (appointment) =>
          appointment.start?.startsWith('2027-03-17') ? forSomeoneElse(appointment) : appointment,
        ),
      );
      const notices = $$(element, '[part~="notice"]');
      expect(notices.map((notice) => text(notice))).to.deep.equal([
        'Some appointments were not shown because they are about someone else.',
      ]);
      expect(notices[0]!.classList.contains('notice--warning')).to.equal(true);
      expect(upcoming(element)).to.have.length(0);
      expect(text(element)).to.contain('Upcoming Some items could not be shown safely, so this may not be everything recorded');
      expect(text(element)).not.to.contain('You have no upcoming appointments');
      // The count is of those shown: one about someone else was left out (counts-say-shown).
      expect(text($(element, '[part~="past"] summary'))).to.equal('Past (3 shown, there may be more)');
      await expect(element).to.be.accessible();
    });

    it('never says "You have no past appointments" when every appointment was about someone else', async () => {
      const element = await show(appointmentsFor('resident', NONE, forSomeoneElse));
      expect(text(element)).to.equal(
        'Your appointments Some appointments were not shown because they are about someone else. Upcoming Some items could not be shown safely, so this may not be everything recorded Past (0 shown, there may be more) Some items could not be shown safely, so this may not be everything recorded',
      );
      await expect(element).to.be.accessible();
    });

    it('never says there are none when another patient’s appointments came, however they name whose; own ones stay', async () => {
      // Every way a source may name (or fail to name) someone else as the patient taking part.
      const forms: ({ reference: string } | Record<string, never>)[] = [
        { reference: 'Patient/pat-000002' },
        { reference: 'https://other.example/fhir/Patient/pat-000003' },
        { reference: '#who' },
        { reference: 'Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9000000009' },
        {},
      ];
      const all = appointmentsFor('resident');
      const upcomingStart = '2027-03-17';
      for (const actor of forms)
        for (const keepPast of [false, true]) {
          const stray = (appointment: Appointment): Appointment =>
            keepPast && !appointment.start?.startsWith(upcomingStart)
              ? appointment
              : ({
                  ...appointment,
                  contained: [{ resourceType: 'Patient', id: 'who' }],
                  participant: appointment.participant?.map((participant) =>
                    participant.actor?.reference?.startsWith('Patient/') ? { ...participant, actor } : participant,
                  ),
                } as Appointment);
          const element = await show(appointmentsFor('resident', NONE, stray));
          const said = text(element);
          expect(said, JSON.stringify(actor)).not.to.match(/no upcoming|no past|You have no/i);
          expect(upcoming(element)).to.have.length(0);
          expect(text($(element, '.empty')), JSON.stringify(actor)).to.equal(NOT_SHOWN_SAFELY_NOTICE);
          expect(text($(element, '[part~="past"] summary'))).to.equal(`Past (${keepPast ? all.past.length : 0} shown, there may be more)`);
        }
    });

    it('says so to clinicians too, before a source that did not answer', async () => {
      const down = { withheld: false, unavailableSources: [{ odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' }] };
      const element = await show(appointmentsFor('clinician', down, forSomeoneElse), 'clinician');
      expect($$(element, '[part~="notice"]').map((notice) => text(notice))).to.deep.equal([
        'Some appointments were not shown because they are about a different patient.',
        'Information from Highbury Vale Hospital NHS Trust is unavailable',
      ]);
      expect($$(element, '.empty').map((empty) => text(empty))).to.deep.equal([NOT_SHOWN_SAFELY_NOTICE, NOT_SHOWN_SAFELY_NOTICE]);
      await expect(element).to.be.accessible();
    });

    it('gives clinicians CUI dates', async () => {
      const element = await show(appointmentsFor('clinician'), 'clinician');
      expect(text($(element, '[part~="heading"]'))).to.equal('Appointments');
      expect(text(upcoming(element)[0])).to.contain('Date 17-Mar-2027 14:20');
      await expect(element).to.be.accessible();
    });
  });

  describe('one bad item (issue 12, finding 4)', () => {
    it('shows the rest when a participant is null, and says which source sent one it could not read', async () => {
      const model = appointmentsFor('resident', NONE, (appointment) => ({
        ...appointment,
        participant: [...(appointment.participant ?? []), null] as unknown as Appointment['participant'],
      }));
      const broken = {
        resourceType: 'Appointment',
        // An id that is not text: nothing can name this item or tell it from another.
        id: 42,
        meta: { source: 'https://care-record.example/source/F83999' },
        status: 'booked',
        start: '2026-12-01T10:00:00Z',
        participant: [{ actor: { reference: 'Patient/pat-000001' } }],
      } as unknown as Appointment;
      const withBroken = appointmentsViewModel(
        {
          appointments: [
            ...resident(0).resources.filter((resource): resource is Appointment => resource.resourceType === 'Appointment'),
            broken,
          ],
          patientId: 'pat-000001',
          notices: NONE,
          organizations,
        },
        { audience: 'resident', now: NOW },
      );
      const element = await show(withBroken);
      expect(upcoming(element).length).to.equal(model.upcoming.length);
      expect(upcoming(element).length).to.be.greaterThan(0);
      const notices = $$(element, '[part~="notice"]').map((notice) => text(notice));
      expect(notices).to.deep.equal([`One item from ${withBroken.unreadable[0]!.source.name} could not be read`]);
      expect(notices[0]).not.to.contain('Not known');
      expect(text(element)).not.to.contain('about someone else');
      expect(withBroken.safetyIssues.map((issue) => [issue.code, issue.resourceId])).to.deep.equal([['unreadable', 'Not known']]);
      await expect(element).to.be.accessible();
    });

    it('never says there are none when the only appointment could not be read', async () => {
      const model = appointmentsViewModel(
        {
          appointments: [
            {
              resourceType: 'Appointment',
              id: 'x',
              status: 'booked',
              participant: { actor: 'Patient/pat-000001' },
            } as unknown as Appointment,
          ],
          patientId: 'pat-000001',
          notices: NONE,
          organizations,
        },
        { audience: 'resident', now: NOW },
      );
      const element = await show(model);
      expect(text(element)).to.contain('One item from one of the services could not be read');
      expect(text(element)).to.contain('No upcoming appointments to show');
      expect(text(element)).not.to.match(/You have no|No upcoming appointments$/);
      await expect(element).to.be.accessible();
    });
  });

  describe('inside a provider', () => {
    it('shows grey bars while loading, then the appointments', async () => {
      const hub = createResidentHub({ delay: 30, firstPage: { entry: [sourceUnavailable('F83999', 'Tufnell Green Surgery')] } });
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${hub.client} patient="pat-000001" audience="resident">
          <care-appointments></care-appointments>
        </care-record-provider>`,
      );
      const element = provider.querySelector('care-appointments')!;
      await settled(element);
      expect($(element, '[part~="appointments"]')?.getAttribute('aria-busy')).to.equal('true');
      expect(text(element)).to.equal('Loading your appointments');
      await expect(element).to.be.accessible();
      await until(() => upcoming(element).length > 0, 3000, 'the appointments');
      expect(text($(element, '[part~="notice"]'))).to.equal('Information from Tufnell Green Surgery is unavailable');
      // The calendar entry's UID is made unique by the hub's host.
      const file = await calendarFile(element);
      expect(parseIcs(file.text).get('UID')).to.deep.equal(['appointment-pat-000001-apt-4@hub.example.test']);
      await expect(element).to.be.accessible();
    });

    it('warns when the hub sent an appointment about someone else', async () => {
      const hub = createResidentHub({
        edit: (resources) =>
          resources.map((resource) =>
            resource['resourceType'] === 'Appointment' ? forSomeoneElse(resource as Appointment) : resource,
          ) as Record<string, unknown>[],
      });
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${hub.client} patient="pat-000001" audience="resident">
          <care-appointments></care-appointments>
        </care-record-provider>`,
      );
      const element = provider.querySelector('care-appointments')!;
      await until(() => $(element, '[part~="notice"]') !== null, 3000, 'the notice');
      expect(text($(element, '[part~="notice"]'))).to.equal('Some appointments were not shown because they are about someone else.');
      expect(text(element)).not.to.match(/You have no/);
      await expect(element).to.be.accessible();
    });

    it('says what failed with the request id, and tries again', async () => {
      let failing = true;
      const hub = createResidentHub({
        fail: () => (failing ? new HubError({ kind: 'http', operation: 'GET /Appointment', requestId: 'req-8', status: 500 }) : undefined),
      });
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${hub.client} patient="pat-000001" audience="resident">
          <care-appointments></care-appointments>
        </care-record-provider>`,
      );
      const element = provider.querySelector('care-appointments')!;
      await until(() => $(element, '[part~="error"]') !== null, 3000, 'the error');
      expect(text(element)).to.equal(
        'We could not load your appointments The care record service had a problem. Request ID req-8 Try again',
      );
      await expect(element).to.be.accessible();
      failing = false;
      $(element, '[part~="retry-button"]')!.click();
      await until(() => upcoming(element).length > 0, 3000, 'the appointments');
    });
  });
});

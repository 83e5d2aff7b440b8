/**
 * Who an appointment is with and where, however its participants refer to
 * them. Before, only a relative or absolute `Practitioner/` or
 * `PractitionerRole/` path counted as a professional, and any actor with a
 * display but no reference was taken for the place: a doctor sent as
 * `{ type: 'Practitioner', display: 'Dr Ann JONES' }` (as some hospital
 * systems send them) was shown as where the appointment is, and a contained
 * professional or place (`#pr1`) was not shown at all. A participant whose
 * status is `Declined` in another spelling was still listed.
 *
 * The matrix: each form of reference × professional or place × audience.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Appointment } from '../../src/fhir.js';
import { appointmentsViewModel, type RecordAudience } from '../../src/record/index.js';

const PATIENT = 'pat-0001';
const NOW = '2026-12-06T09:00:00Z';
const DOCTOR = 'Dr Ann JONES';
const ROOM = 'Room 4, Outpatients';
const CONTAINED = [
  { resourceType: 'Practitioner', id: 'pr1', name: [{ prefix: ['Dr'], given: ['Ann'], family: 'JONES' }] },
  { resourceType: 'Location', id: 'loc1', name: ROOM },
];

const view = (participants: object[], audience: RecordAudience = 'clinician') => {
  const [row] = appointmentsViewModel(
    {
      appointments: [
        {
          resourceType: 'Appointment',
          id: 'ap-1',
          meta: { source: 'https://care-record.example/source/RZ9' },
          contained: CONTAINED,
          status: 'booked',
          start: '2026-12-20T10:00:00Z',
          description: 'Diabetes review',
          participant: [{ actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' }, ...participants],
        } as unknown as Appointment,
      ],
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: new Map(),
    },
    { audience, now: NOW },
  ).upcoming;
  assert.ok(row);
  return { with: row.with, location: row.location };
};

const PROFESSIONALS: [form: string, actor: object][] = [
  ['relative Practitioner/x', { reference: 'Practitioner/pr-1', display: DOCTOR }],
  ['absolute Practitioner URL', { reference: 'https://fhir.example.nhs.uk/R4/Practitioner/pr-1', display: DOCTOR }],
  ['relative PractitionerRole/x', { reference: 'PractitionerRole/role-1', display: DOCTOR }],
  ['contained Practitioner #id', { reference: '#pr1' }],
  ['display typed Practitioner', { type: 'Practitioner', display: DOCTOR }],
  ['display typed by canonical URL', { type: 'http://hl7.org/fhir/StructureDefinition/PractitionerRole', display: DOCTOR }],
  [
    'identifier and display, typed',
    { type: 'Practitioner', identifier: { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: 'G1' }, display: DOCTOR },
  ],
];

const PLACES: [form: string, actor: object][] = [
  ['relative Location/x', { reference: 'Location/loc-1', display: ROOM }],
  ['absolute Location URL', { reference: 'https://fhir.example.nhs.uk/R4/Location/loc-1', display: ROOM }],
  ['contained Location #id', { reference: '#loc1' }],
  ['display typed Location', { type: 'Location', display: ROOM }],
  ['display only, untyped', { display: ROOM }],
];

describe('appointments: who it is with and where, by every form of reference', () => {
  for (const audience of ['clinician', 'resident'] as const) {
    for (const [form, actor] of PROFESSIONALS)
      test(`a professional by ${form} is who it is with, never where (${audience})`, () => {
        assert.deepEqual(view([{ actor, status: 'accepted' }], audience), { with: DOCTOR, location: 'Not known' });
      });
    for (const [form, actor] of PLACES)
      test(`a place by ${form} is where, never who (${audience})`, () => {
        assert.deepEqual(view([{ actor, status: 'accepted' }], audience), { with: undefined, location: ROOM });
      });
  }

  for (const status of ['Declined', 'DECLINED', ' declined ', 'Declined\n'])
    test(`a professional whose status is ${JSON.stringify(status)} is not listed`, () => {
      assert.deepEqual(
        view([
          { actor: { reference: 'Practitioner/pr-1', display: DOCTOR }, status },
          { actor: { reference: 'Location/loc-1', display: ROOM }, status: 'accepted' },
        ]),
        { with: undefined, location: ROOM },
      );
    });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  accessLogQuery,
  accessLogViewModel,
  EMERGENCY_EXPLANATION,
  formatResidentDateTime,
  lookedAtInPlainWords,
  OWN_LOOK,
  PERSON_NOT_SHOWN,
  ROLE_NOT_SHOWN,
  roleInPlainWords,
  type AuditEvent,
} from '@care-record/sdk';

function event(
  id: string,
  recorded: string,
  options: { who?: string; role?: string; org?: string; orgName?: string; description?: string; emergency?: string } = {},
): AuditEvent {
  return {
    resourceType: 'AuditEvent',
    id,
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
    action: 'R',
    recorded,
    purposeOfEvent: [
      options.emergency
        ? {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'ETREAT' }],
            text: `Emergency access: ${options.emergency}`,
          }
        : { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT' }] },
    ],
    agent: [
      { who: { reference: options.who ?? 'PractitionerRole/pr-1' }, requestor: true, role: [{ text: options.role ?? 'gp' }] },
      ...(options.org === ''
        ? []
        : [
            {
              who: { reference: `Organization/${options.org ?? 'org-f83999'}`, display: options.orgName ?? 'Tufnell Green Surgery' },
              requestor: false,
            },
          ]),
    ],
    source: { observer: { display: 'care-record hub' } },
    entity: [{ what: { reference: 'Patient/pat-1' }, description: options.description ?? 'Record summary' }],
  };
}

describe('formatResidentDateTime', () => {
  const cases: [string | undefined, string][] = [
    ['2018-08-06T13:30:00Z', '6 August 2018, 2:30pm'], // British Summer Time
    ['2026-01-06T00:05:00Z', '6 January 2026, 12:05am'],
    ['2026-01-06T12:00:00Z', '6 January 2026, midday'],
    ['2026-01-06T00:00:00Z', '6 January 2026, midnight'],
    ['2026-07-06T08:00:00Z', '6 July 2026, 9am'],
    ['2026-07-06', '6 July 2026'],
    [undefined, 'Not recorded'],
    ['not a date', 'Not known'],
  ];
  for (const [input, expected] of cases)
    test(`${String(input)} → ${expected}`, () => assert.equal(formatResidentDateTime(input), expected));
});

describe('plain words', () => {
  const roles: [string | undefined, string][] = [
    ['gp', 'GP (doctor)'],
    ['nurse', 'Nurse'],
    ['social-worker', 'Social worker'],
    ['Receptionist', 'Receptionist'],
    ['occupational-therapist', 'Occupational therapist'],
    [undefined, 'Not known'],
  ];
  for (const [role, expected] of roles) test(`role ${String(role)} → ${expected}`, () => assert.equal(roleInPlainWords(role), expected));
  const looked: [string | undefined, string][] = [
    ['Record summary', 'A summary of your record'],
    ['MedicationRequest search', 'Your medicines'],
    ['Patient read', 'Your personal details'],
    ['Something new', 'Part of your record'],
    [undefined, 'Part of your record'],
  ];
  for (const [description, expected] of looked)
    test(`looked at ${String(description)} → ${expected}`, () => assert.equal(lookedAtInPlainWords(description), expected));
});

describe('accessLogViewModel', () => {
  test('newest first; reads by one person within ten minutes are one entry listing what they looked at', () => {
    const model = accessLogViewModel([
      event('a', '2026-11-02T10:00:00Z', { description: 'Record summary' }),
      event('b', '2026-11-02T10:04:00Z', { description: 'Observation search' }),
      event('c', '2026-11-02T10:05:00Z', { description: 'Record summary' }),
      event('d', '2026-11-02T11:30:00Z', { who: 'PractitionerRole/pr-9', role: 'nurse', org: 'org-rqx', orgName: 'Whittington Health' }),
      event('e', '2026-11-02T09:00:00Z'),
    ]);
    assert.deepEqual(
      model.entries.map((entry) => [entry.organisation, entry.role, entry.when, entry.looked]),
      [
        ['Whittington Health', 'Nurse', '2 November 2026, 11:30am', ['A summary of your record']],
        [
          'Tufnell Green Surgery',
          'GP (doctor)',
          '2 November 2026, 10:05am',
          ['A summary of your record', 'Your test results and readings'],
        ],
        ['Tufnell Green Surgery', 'GP (doctor)', '2 November 2026, 9am', ['A summary of your record']],
      ],
    );
    assert.equal(model.entries[1]!.at, '2026-11-02T10:05:00Z');
    assert.ok(model.entries.every((entry) => entry.emergency === undefined));
  });

  test('a carer’s look is named by the carer, as someone acting for the resident, never “Not known”', () => {
    const carer = event('k', '2026-11-03T10:00:00Z', { role: 'carer', org: '', description: 'Goal search' });
    carer.agent[0]!.who = { reference: 'RelatedPerson/rp-1', display: 'Aoife Lloyd' };
    const model = accessLogViewModel([carer]);
    assert.deepEqual(
      model.entries.map((entry) => [entry.organisation, entry.role, entry.looked]),
      [['Aoife Lloyd', 'Carer (acting for you)', ['Your goals']]],
    );
  });

  test('someone kept from the resident is said to be not shown, never “Not known” or blank', () => {
    const kept = event('m', '2026-11-03T10:00:00Z', { org: '', description: 'Patient read' });
    // As the hub sends it: FHIR's data-absent-reason on the Reference, which the contract's type does not list.
    const who = {
      extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'masked' }],
      display: 'Someone whose details are not shown',
    };
    kept.agent[0] = { who: who as { display: string }, requestor: true };
    const seen = event('n', '2026-11-03T10:01:00Z', { org: '', description: 'Patient read' });
    const model = accessLogViewModel([kept, seen]);
    assert.equal(model.entries.length, 2, 'a look by someone not shown is never joined with another');
    assert.deepEqual(
      model.entries.filter((entry) => entry.id === 'm').map((entry) => [entry.organisation, entry.role]),
      [[PERSON_NOT_SHOWN, ROLE_NOT_SHOWN]],
    );
  });

  test('her own look reads as hers, never as someone not known', () => {
    const model = accessLogViewModel([event('own', '2026-11-02T10:00:00Z', { who: 'Patient/pat-1', role: 'resident', org: '' })]);
    assert.deepEqual(
      model.entries.map((entry) => [entry.organisation, entry.role]),
      [[OWN_LOOK, OWN_LOOK]],
    );
  });

  test('emergency access is its own entry, with the reason and what it means', () => {
    const model = accessLogViewModel([
      event('a', '2026-11-02T10:00:00Z'),
      event('b', '2026-11-02T10:01:00Z', { emergency: 'Unconscious in A&E, no history available' }),
    ]);
    assert.equal(model.entries.length, 2);
    assert.deepEqual(model.entries[0]!.emergency, {
      reason: 'Unconscious in A&E, no history available',
      explanation: EMERGENCY_EXPLANATION,
    });
    assert.match(
      EMERGENCY_EXPLANATION,
      /^Someone looked at your record in an emergency without being part of your care team\. This is allowed when .*, and every emergency look is checked\.$/,
    );
  });

  test('unknown organisation and a missing reason read "Not known"; a look whose time cannot be read is listed last, its time "Not known"', () => {
    const model = accessLogViewModel([
      event('a', '2026-11-02T10:00:00Z', { org: '', emergency: ' ' }),
      { ...event('b', '2026-11-02T10:00:00Z'), recorded: '' } as AuditEvent,
      { ...event('c', 'yesterday'), period: { start: '2026-11-01T09:00:00Z' } },
    ]);
    assert.deepEqual(
      model.entries.map((entry) => [entry.id, entry.when, entry.at]),
      [
        ['a', '2 November 2026, 10am', '2026-11-02T10:00:00Z'],
        ['c', '1 November 2026, 9am', '2026-11-01T09:00:00Z'],
        ['b', 'Not known', ''],
      ],
    );
    assert.equal(model.entries[0]!.organisation, 'Not known');
    assert.equal(model.entries[0]!.emergency?.reason, 'Not known');
  });

  test('an audit with no agent is a look by someone not known, not a failure of the whole log', () => {
    const bare = { ...event('x', '2026-11-02T10:00:00Z'), agent: undefined } as unknown as AuditEvent;
    const model = accessLogViewModel([bare, event('y', '2026-11-02T09:00:00Z')]);
    assert.deepEqual(
      model.entries.map((entry) => [entry.id, entry.role, entry.organisation]),
      [
        ['x', 'Not known', 'Not known'],
        ['y', 'GP (doctor)', 'Tufnell Green Surgery'],
      ],
    );
  });

  test('emergency access is marked whether coded as ActReason or PurposeOfUse, on the event or on the person', () => {
    const purposeOfUse = 'http://terminology.hl7.org/CodeSystem/v3-PurposeOfUse';
    const onEvent = {
      ...event('p', '2026-11-02T10:00:00Z'),
      purposeOfEvent: [{ coding: [{ system: purposeOfUse, code: 'ETREAT' }], text: 'Collapsed at home' }],
    };
    const onAgent = event('q', '2026-11-02T12:00:00Z', { who: 'PractitionerRole/pr-2' });
    onAgent.purposeOfEvent = [];
    onAgent.agent[0]!.purposeOfUse = [{ coding: [{ system: purposeOfUse, code: 'BTG' }] }];
    const model = accessLogViewModel([onEvent, onAgent]);
    assert.deepEqual(
      model.entries.map((entry) => [entry.id, entry.emergency?.reason]),
      [
        ['q', 'Not known'],
        ['p', 'Collapsed at home'],
      ],
    );
  });

  test('two looks by people the audit does not name are never joined into one', () => {
    const unnamed = (id: string, recorded: string, role: string) => {
      const look = event(id, recorded, { role, org: '' });
      look.agent[0] = { requestor: true, role: [{ text: role }] };
      return look;
    };
    const model = accessLogViewModel([unnamed('a1', '2026-11-02T10:00:00Z', 'nurse'), unnamed('a2', '2026-11-02T10:05:00Z', 'gp')]);
    assert.deepEqual(
      model.entries.map((entry) => entry.role),
      ['GP (doctor)', 'Nurse'],
    );
  });

  test('empty log; notices pass through', () => {
    const model = accessLogViewModel([], { withheld: true, unavailableSources: [] });
    assert.deepEqual(model.entries, []);
    assert.equal(model.notices.withheld, true);
  });

  test('the query asks for every look, whatever its purpose, newest first', () => {
    assert.deepEqual(accessLogQuery('pat-1', 10), { patient: 'pat-1', _sort: '-date', _count: 10 });
  });
});

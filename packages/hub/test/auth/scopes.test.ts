import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedScopes, grantScopes } from '../../src/auth/index.js';
import { fixturePersonas } from './smart-test-hub.js';

const persona = (id: string) => {
  const found = fixturePersonas.find((candidate) => candidate.id === id);
  if (!found) throw new Error(id);
  return found;
};

const cases: { persona: string; ehrLaunch?: boolean; requested: string; granted: string }[] = [
  { persona: 'resident', requested: 'patient/*.rs', granted: 'patient/*.rs' },
  {
    persona: 'resident',
    requested: 'patient/Observation.rs patient/Observation.c',
    granted: 'patient/Observation.rs patient/Observation.c',
  },
  {
    persona: 'resident',
    requested: 'patient/*.cruds',
    granted: 'patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c',
  },
  { persona: 'resident', requested: 'launch user/*.rs', granted: '' },
  { persona: 'resident', ehrLaunch: true, requested: 'launch', granted: 'launch' },
  { persona: 'gp', requested: 'user/*.rs user/Observation.r patient/*.rs', granted: 'user/*.rs user/Observation.r' },
  { persona: 'gp', ehrLaunch: true, requested: 'launch patient/*.rs', granted: 'launch patient/*.rs' },
  { persona: 'gp', requested: 'user/*.cruds', granted: 'user/*.rs' },
  { persona: 'receptionist', requested: 'user/Patient.rs user/Observation.rs', granted: 'user/Patient.rs' },
  { persona: 'receptionist', requested: 'user/Appointment.s', granted: 'user/Appointment.s' },
  // SMART 1's `.read` is `.rs`; no patient context without a launch; a scope with search parameters is not granted.
  { persona: 'social-worker', requested: 'patient/*.read user/*.read user/Observation.rs?category=vital-signs', granted: 'user/*.rs' },
  {
    persona: 'resident',
    requested: 'patient/Observation.write patient/*.*',
    granted: 'patient/Observation.c patient/*.rs patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c',
  },
  { persona: 'hospital-nurse', requested: 'openid fhirUser online_access made-up', granted: 'openid fhirUser online_access' },
];

for (const { persona: id, ehrLaunch = false, requested, granted } of cases) {
  test(`${id}${ehrLaunch ? ' (EHR launch)' : ''} asking "${requested}" is granted "${granted}"`, () => {
    assert.equal(grantScopes(requested.split(' '), allowedScopes(persona(id), ehrLaunch)).join(' '), granted);
  });
}

test('no non-clinical grant ever includes a wildcard or a clinical type', () => {
  const allowed = allowedScopes(persona('receptionist'), true);
  for (const scope of allowed.filter((scope) => scope.includes('/') && scope !== 'launch/patient')) {
    assert.match(scope, /^(user|patient)\/(Patient|Appointment|RelatedPerson|Organization|Practitioner|PractitionerRole)\.rs$/);
  }
});

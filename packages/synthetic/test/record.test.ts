/**
 * The record makes sense: NHS numbers, sources, references, ids and dates
 * hold together, the dead have no future, the long-history resident is long,
 * and the borough has every case the screens must handle.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MedicationStatement, RelatedPerson, Resource } from '@care-record/sdk';
import { isTestRangeNhsNumber } from '@care-record/sdk/format';
import { LONG_HISTORY_INDEX, nhsNumberForIndex, type ResidentRecord } from '../src/index.js';
import { dates, references, sample, span, TIMELINE_TYPES } from './support.js';

const { borough, records } = sample(2000);
const organizationIds = new Set(borough.organizations.map((organization) => organization.id));
const practitionerIds = new Set(borough.practitioners.map((practitioner) => practitioner.id));
const roleIds = new Set(borough.practitionerRoles.map((role) => role.id));
const sources = new Set(
  borough.organizations.map((organization) => `https://care-record.example/source/${organization.identifier?.[0]?.value ?? ''}`),
);
const RESIDENT_SOURCE = 'https://care-record.example/source/resident';

const nhsNumber = (record: ResidentRecord): string | undefined =>
  record.patient.identifier?.find((identifier) => identifier.system === 'https://fhir.nhs.uk/Id/nhs-number')?.value;
const age = (record: ResidentRecord): number =>
  ((record.patient.deceasedDateTime ? Date.parse(record.patient.deceasedDateTime) : Date.parse('2026-11-28T09:00:00Z')) -
    Date.parse(record.patient.birthDate ?? '')) /
  (365.2425 * 86_400_000);
const labels = (resource: Resource): string[] => (resource.meta?.security ?? []).map((coding) => coding.code ?? '');
const medicationKey = (statement: MedicationStatement): string =>
  statement.medicationCodeableConcept?.coding?.[0]?.code ?? statement.medicationCodeableConcept?.text ?? '';

describe('NHS numbers', () => {
  test('are valid, in the 999 test range, and the ones the index gives', () => {
    for (const [index, record] of records.entries()) {
      const value = nhsNumber(record);
      assert.ok(value && isTestRangeNhsNumber(value), `resident ${index}: ${value}`);
      assert.equal(value, nhsNumberForIndex(index));
    }
  });

  test('are unique across a whole borough', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 206_000; index++) seen.add(nhsNumberForIndex(index));
    assert.equal(seen.size, 206_000);
    for (const index of [0, 1, 205_999, 899_999]) assert.ok(isTestRangeNhsNumber(nhsNumberForIndex(index)));
  });
});

describe('ids, sources and references', () => {
  test('patient ids are pat-NNNNNN and resource ids are unique and stable', () => {
    const seen = new Set<string>();
    for (const [index, record] of records.entries()) {
      assert.equal(record.patient.id, `pat-${String(index + 1).padStart(6, '0')}`);
      for (const resource of record.resources) {
        assert.match(resource.id ?? '', new RegExp(`^${record.patient.id}-[a-z]+-\\d+$`));
        assert.ok(!seen.has(resource.id ?? ''), `duplicate id ${resource.id}`);
        seen.add(resource.id ?? '');
      }
    }
  });

  test('every resource names an existing organisation (or the resident) as its source', () => {
    for (const record of records) {
      assert.ok(sources.has(record.patient.meta?.source ?? ''), `${record.patient.id} source ${record.patient.meta?.source}`);
      for (const resource of record.resources) {
        const source = resource.meta?.source ?? '';
        assert.ok(sources.has(source) || source === RESIDENT_SOURCE, `${resource.id} source ${source}`);
      }
    }
  });

  test('the directory is consistent: roles point at existing practitioners and organisations, and say clinical or non-clinical', () => {
    for (const role of borough.practitionerRoles) {
      assert.ok(practitionerIds.has(role.practitioner?.reference?.replace('Practitioner/', '') ?? ''), role.id);
      assert.ok(organizationIds.has(role.organization?.reference?.replace('Organization/', '') ?? ''), role.id);
      const category = role.extension?.find(
        (extension) => extension.url === 'https://care-record.example/StructureDefinition/role-access-category',
      );
      assert.ok(category?.valueCoding?.code === 'clinical' || category?.valueCoding?.code === 'non-clinical', role.id);
    }
    assert.equal(borough.organizations.filter((organization) => organization.type?.[0]?.text === 'GP practice').length, 30);
  });

  test('references resolve: the subject is the resident, and every other target exists', () => {
    for (const record of records) {
      const own = new Set(record.resources.map((resource) => `${resource.resourceType}/${resource.id}`));
      for (const resource of record.resources) {
        const subject = 'subject' in resource ? resource.subject : 'patient' in resource ? resource.patient : undefined;
        if (resource.resourceType === 'Appointment') {
          assert.ok(
            resource.participant.some((participant) => participant.actor?.reference === `Patient/${record.patient.id}`),
            resource.id,
          );
        } else {
          assert.equal(subject?.reference, `Patient/${record.patient.id}`, `${resource.id} subject`);
        }
        for (const [path, reference] of references(resource)) {
          const [type, id = ''] = reference.split('/');
          if (type === 'Patient') assert.equal(id, record.patient.id, `${resource.id} ${path}`);
          else if (type === 'Organization') assert.ok(organizationIds.has(id), `${resource.id} ${path} ${reference}`);
          else if (type === 'Practitioner') assert.ok(practitionerIds.has(id), `${resource.id} ${path} ${reference}`);
          else if (type === 'PractitionerRole') assert.ok(roleIds.has(id), `${resource.id} ${path} ${reference}`);
          else assert.ok(own.has(reference), `${resource.id} ${path} ${reference} does not resolve`);
        }
      }
      for (const [path, reference] of references(record.patient)) {
        assert.ok(organizationIds.has(reference.replace('Organization/', '')), `${record.patient.id} ${path}`);
      }
    }
  });

  test('relationships list the registered practice and every organisation that cared for the resident', () => {
    for (const record of records) {
      const related = new Set(record.relationships.organizationIds);
      for (const id of related) assert.ok(organizationIds.has(id), id);
      const practice = record.patient.generalPractitioner?.[0]?.reference?.replace('Organization/', '');
      if (practice) assert.ok(related.has(practice), `${record.patient.id} practice`);
      for (const resource of record.resources) {
        const provider =
          resource.resourceType === 'Encounter'
            ? resource.serviceProvider
            : resource.resourceType === 'EpisodeOfCare'
              ? resource.managingOrganization
              : undefined;
        if (provider?.reference)
          assert.ok(related.has(provider.reference.replace('Organization/', '')), `${resource.id} ${provider.reference}`);
      }
    }
  });
});

describe('dates', () => {
  test('nothing before birth; nothing after death', () => {
    let checked = 0;
    for (const record of records) {
      const born = span(record.patient.birthDate ?? '')[0];
      const died = record.patient.deceasedDateTime ? Date.parse(record.patient.deceasedDateTime) : undefined;
      for (const resource of record.resources) {
        for (const [path, date] of dates(resource)) {
          const [earliest, latest] = span(date);
          checked++;
          assert.ok(latest >= born, `${resource.id} ${path} ${date} is before birth ${record.patient.birthDate}`);
          if (died !== undefined)
            assert.ok(earliest <= died, `${resource.id} ${path} ${date} is after death ${record.patient.deceasedDateTime}`);
        }
      }
    }
    assert.ok(checked > 100_000, `only ${checked} dates checked`);
  });

  test('deceased residents have no future appointments, and no booked ones at all', () => {
    const now = Date.parse('2026-11-28T09:00:00Z');
    const deceased = records.filter((record) => record.patient.deceasedDateTime);
    assert.ok(deceased.length >= 10, `only ${deceased.length} deceased residents`);
    for (const record of deceased) {
      for (const resource of record.resources) {
        if (resource.resourceType !== 'Appointment') continue;
        assert.ok(Date.parse(resource.start ?? '') < now, `${resource.id} is in the future`);
        assert.notEqual(resource.status, 'booked', resource.id);
      }
    }
  });

  test('future appointments exist only for the living and are booked', () => {
    const now = Date.parse('2026-11-28T09:00:00Z');
    let future = 0;
    for (const record of records) {
      for (const resource of record.resources) {
        if (resource.resourceType !== 'Appointment' || Date.parse(resource.start ?? '') <= now) continue;
        future++;
        assert.equal(record.patient.deceasedDateTime, undefined);
        assert.equal(resource.status, 'booked');
      }
    }
    assert.ok(future > 100, `only ${future} future appointments`);
  });
});

describe('the long-history resident', () => {
  test(`resident ${LONG_HISTORY_INDEX} has at least 5,000 timeline events over decades`, () => {
    const record = records[LONG_HISTORY_INDEX];
    assert.equal(record?.profile, 'long-history');
    const events = record?.resources.filter((resource) => TIMELINE_TYPES.has(resource.resourceType)) ?? [];
    assert.ok(events.length >= 5000, `${events.length} events`);
    const years = new Set(events.flatMap((resource) => dates(resource).map(([, date]) => date.slice(0, 4))));
    assert.ok(years.size >= 35, `events span only ${years.size} years`);
  });
});

describe('the mix of residents', () => {
  const withGp = (record: ResidentRecord): boolean => Boolean(record.patient.generalPractitioner?.length);
  const allergies = (record: ResidentRecord) => record.resources.filter((resource) => resource.resourceType === 'AllergyIntolerance');

  test('children (including newborns), people aged 80 and over, the deceased and people with no GP', () => {
    assert.ok(records.filter((record) => age(record) < 18).length > 200);
    assert.ok(
      records.some((record) => age(record) < 28 / 365),
      'no newborn',
    );
    assert.ok(records.filter((record) => age(record) >= 80).length > 40);
    assert.ok(records.filter((record) => record.patient.deceasedDateTime).length >= 10);
    assert.ok(records.filter((record) => !withGp(record)).length >= 5);
    assert.ok(
      records.some((record) =>
        record.resources.some(
          (resource) => resource.resourceType === 'EpisodeOfCare' && resource.managingOrganization?.reference === 'Organization/org-la998',
        ),
      ),
      'no child known to children’s services',
    );
    assert.ok(
      records.some((record) =>
        record.resources.some(
          (resource) => resource.resourceType === 'CarePlan' && resource.category?.[0]?.coding?.[0]?.code === 'care-and-support',
        ),
      ),
      'no care and support plan',
    );
  });

  test('no known allergies, allergies not recorded, and known allergies', () => {
    const noKnown = records.filter((record) =>
      allergies(record).some(
        (resource) => resource.resourceType === 'AllergyIntolerance' && resource.code?.coding?.[0]?.code === '716186003',
      ),
    );
    const notRecorded = records.filter((record) => withGp(record) && allergies(record).length === 0);
    const known = records.filter((record) =>
      allergies(record).some(
        (resource) => resource.resourceType === 'AllergyIntolerance' && resource.code?.coding?.[0]?.code !== '716186003',
      ),
    );
    assert.ok(
      noKnown.length > 200 && notRecorded.length > 50 && known.length > 100,
      `${noKnown.length} / ${notRecorded.length} / ${known.length}`,
    );
  });

  test('the same medicine from GP and hospital with different dosage text', () => {
    const disagreements = records.filter((record) => {
      const statements = record.resources.filter(
        (resource): resource is MedicationStatement => resource.resourceType === 'MedicationStatement',
      );
      const hospital = statements.filter((statement) => statement.meta?.source?.endsWith('/RZ9'));
      return hospital.some((fromHospital) =>
        statements.some(
          (fromGp) =>
            fromGp.meta?.source?.includes('/F83') &&
            medicationKey(fromGp) === medicationKey(fromHospital) &&
            fromGp.dosage?.[0]?.text !== fromHospital.dosage?.[0]?.text,
        ),
      );
    });
    assert.ok(disagreements.length >= 5, `${disagreements.length} residents`);
    assert.ok(
      disagreements.some((record) => record.patient.id === 'pat-000001'),
      'the resident persona has no disagreement to show',
    );
  });

  test('over-the-counter medicines the resident reported, some without a dose', () => {
    const reported = records.flatMap((record) =>
      record.resources.filter(
        (resource): resource is MedicationStatement =>
          resource.resourceType === 'MedicationStatement' && resource.informationSource?.reference === `Patient/${record.patient.id}`,
      ),
    );
    assert.ok(reported.length > 100);
    assert.ok(
      reported.every(
        (statement) =>
          statement.meta?.source === RESIDENT_SOURCE &&
          statement.identifier?.[0]?.system === 'https://care-record.example/Id/resident-entry',
      ),
    );
    assert.ok(reported.some((statement) => !statement.dosage));
  });

  test('sensitive items are labelled (SEX, PSY, SDV) and some are never for the resident (NOPAT)', () => {
    const all = records.flatMap((record) => record.resources);
    for (const label of ['SEX', 'PSY', 'SDV', 'NOPAT', 'R']) {
      assert.ok(all.filter((resource) => labels(resource).includes(label)).length >= 10, `too few ${label} items`);
    }
    for (const resource of all) {
      for (const coding of resource.meta?.security ?? []) {
        assert.ok(
          coding.system === 'http://terminology.hl7.org/CodeSystem/v3-ActCode' ||
            coding.system === 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
          `${resource.id} ${coding.system}`,
        );
      }
    }
  });

  test('alerts cover safety risks, safeguarding, legal status and resuscitation decisions', () => {
    const codes = new Set(
      records.flatMap((record) =>
        record.resources.flatMap((resource) =>
          resource.resourceType === 'Flag' ? (resource.code.coding ?? []).map((coding) => coding.code) : [],
        ),
      ),
    );
    for (const code of [
      'risk-to-self',
      'risk-to-others',
      'risk-from-others',
      'child-protection-plan',
      'lpa-health-welfare',
      'dols-authorised',
      'mha-section-3',
      'respect-dnacpr',
      'falls-risk',
    ]) {
      assert.ok(codes.has(code), `no ${code} alert`);
    }
  });

  test('typical residents stay modest in size', () => {
    const sizes = records.filter((record) => record.profile !== 'long-history').map((record) => record.resources.length);
    const mean = sizes.reduce((sum, size) => sum + size, 0) / sizes.length;
    assert.ok(mean >= 20 && mean <= 100, `mean ${mean}`);
    assert.ok(Math.max(...sizes) <= 400, `largest ${Math.max(...sizes)}`);
  });

  test('repeat prescriptions carry issues made, issues allowed, a review date and a last issue', () => {
    const repeats = records.flatMap((record) =>
      record.resources.filter((resource) => resource.resourceType === 'MedicationRequest' && resource.intent === 'plan'),
    );
    assert.ok(repeats.length > 500);
    for (const repeat of repeats) {
      if (repeat.resourceType !== 'MedicationRequest') continue;
      const information = repeat.extension?.find((extension) => extension.url.endsWith('Extension-UKCore-MedicationRepeatInformation'));
      assert.ok(
        information?.extension?.some((part) => part.url === 'numberOfPrescriptionsIssued'),
        repeat.id,
      );
      assert.ok(
        information?.extension?.some((part) => part.url === 'authorisationExpiryDate'),
        repeat.id,
      );
      assert.ok(repeat.dispenseRequest?.numberOfRepeatsAllowed !== undefined, repeat.id);
      assert.ok(repeat.dosageInstruction?.[0]?.text, repeat.id);
    }
    const stopped = repeats.filter((repeat) => repeat.resourceType === 'MedicationRequest' && repeat.status === 'stopped');
    assert.ok(stopped.length > 20 && stopped.every((repeat) => repeat.resourceType === 'MedicationRequest' && repeat.statusReason?.text));
  });

  test('abnormal laboratory results, grouped by report, with reference ranges', () => {
    const observations = records.flatMap((record) => record.resources).filter((resource) => resource.resourceType === 'Observation');
    const laboratory = observations.filter(
      (observation) => observation.category?.[0]?.coding?.[0]?.code === 'laboratory' && observation.valueQuantity,
    );
    assert.ok(laboratory.length > 5000);
    assert.ok(laboratory.every((observation) => observation.referenceRange?.length && observation.interpretation?.length));
    assert.ok(laboratory.filter((observation) => observation.interpretation?.[0]?.coding?.[0]?.code !== 'N').length > 300);
  });

  test('the professional personas each have a legitimate relationship with several residents', () => {
    const { personas } = borough;
    for (const persona of [personas.gp, personas.hospitalNurse, personas.socialWorker, personas.receptionist]) {
      const related = records.filter((record) => record.relationships.organizationIds.includes(persona.organizationId));
      assert.ok(related.length >= 5, `${persona.name}: ${related.length} residents`);
    }
    assert.equal(personas.resident.patientId, 'pat-000001');
    assert.equal(personas.receptionist.clinical, false);
    assert.equal(personas.gp.clinical, true);
    assert.ok(
      records.slice(0, 10).filter((record) => record.relationships.organizationIds.includes(personas.gp.organizationId)).length >= 8,
    );
    assert.ok(
      records.slice(0, 10).filter((record) => record.relationships.organizationIds.includes(personas.hospitalNurse.organizationId))
        .length >= 5,
    );
    assert.ok(
      records.slice(0, 10).filter((record) => record.relationships.organizationIds.includes(personas.socialWorker.organizationId)).length >=
        2,
    );
  });
});

describe('the people in a resident’s life', () => {
  const givenNames = (names: readonly { given?: readonly string[] }[] | undefined): string[] =>
    (names ?? []).flatMap((name) => name.given ?? []).map((given) => given.toLowerCase());
  const contacts = (record: ResidentRecord) =>
    record.resources.filter((resource): resource is RelatedPerson => resource.resourceType === 'RelatedPerson');

  test('no contact carries a given name of the resident they are a contact for', () => {
    const clashes: string[] = [];
    for (const record of records) {
      const own = new Set(givenNames(record.patient.name));
      const named = [
        ...contacts(record).map((person) => givenNames(person.name)),
        ...(record.patient.contact ?? []).map((contact) => givenNames(contact.name ? [contact.name] : [])),
      ];
      for (const given of named.flat()) if (own.has(given)) clashes.push(`${record.patient.id}: ${given}`);
    }
    assert.deepEqual(clashes, []);
  });

  test('every child under 16 has a parent or guardian with parental responsibility, named as in the Patient', () => {
    const children = records.filter((record) => age(record) < 16);
    assert.ok(children.length > 200, `${children.length} children`);
    assert.ok(
      children.some((record) => age(record) < 28 / 365),
      'no newborn among the children',
    );
    for (const record of children) {
      const withResponsibility = contacts(record).filter((person) =>
        (person.relationship ?? []).some((concept) => /parental responsibility/i.test(concept.text ?? '')),
      );
      assert.ok(
        withResponsibility.length >= 1,
        `${record.patient.id} (${age(record).toFixed(2)} years) has no one with parental responsibility`,
      );
      const inPatient = new Set((record.patient.contact ?? []).map((contact) => `${contact.name?.given?.[0]} ${contact.name?.family}`));
      for (const person of withResponsibility) {
        const name = person.name?.[0];
        assert.ok(inPatient.has(`${name?.given?.[0]} ${name?.family}`), `${record.patient.id}: ${person.id} is not the Patient's contact`);
        assert.equal(person.active, record.patient.deceasedDateTime === undefined);
      }
    }
  });
});

describe('blood pressure goals', () => {
  test('are home targets (NICE NG136): below 135/85, or 145/85 from 80, since home readings are what they are judged by', () => {
    const { records } = sample(2000);
    let goals = 0;
    for (const record of records) {
      const born = Date.parse(record.patient.birthDate ?? '');
      for (const resource of record.resources) {
        if (resource.resourceType !== 'Goal') continue;
        const goal = resource as unknown as {
          id: string;
          startDate?: string;
          category?: { coding?: { code?: string }[] }[];
          target?: { measure?: { coding?: { code?: string }[] }; detailQuantity?: { value?: number } }[];
        };
        if (!JSON.stringify(goal.category ?? []).includes('"blood-pressure"')) continue;
        goals += 1;
        const ageWhenAgreed = (Date.parse(goal.startDate ?? '') - born) / (365.25 * 24 * 3600 * 1000);
        const values = (goal.target ?? []).map((target) => target.detailQuantity?.value).sort((a, b) => (b ?? 0) - (a ?? 0));
        // The generator chooses by age in whole years today; at the boundary either target is right.
        const expected = ageWhenAgreed >= 81 ? [145, 85] : ageWhenAgreed < 79 ? [135, 85] : undefined;
        if (expected) assert.deepEqual(values, expected, `${goal.id}: aged ${ageWhenAgreed.toFixed(1)}`);
        else assert.ok([135, 145].includes(values[0] ?? 0) && values[1] === 85, goal.id);
      }
    }
    assert.ok(goals > 20, `enough blood pressure goals to mean something (${goals})`);
  });
});

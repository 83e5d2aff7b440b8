/**
 * The generator in Chromium, whose page runs in a German locale and the New
 * York time zone (see web-test-runner.config.ts): it builds residents, the
 * same ones twice, with valid NHS numbers and dates that keep to each life.
 */
import { expect } from '@open-wc/testing';
import { isTestRangeNhsNumber } from '@care-record/sdk/format';
import { createBorough, LONG_HISTORY_INDEX, nhsNumberForIndex } from '../../src/index.js';
import { dates, span } from '../support.js';

describe('synthetic borough in Chromium', () => {
  it('builds the same residents twice', () => {
    const first = createBorough({ seed: 'browser', residents: 30 });
    const second = createBorough({ seed: 'browser', residents: 30 });
    expect(JSON.stringify([...first.residents()])).to.equal(JSON.stringify([...second.residents()]));
  });

  it('gives residents their NHS numbers and keeps every date within their lives', () => {
    const borough = createBorough({ seed: 'browser', residents: 30 });
    let index = 0;
    for (const record of borough.residents()) {
      const nhsNumber =
        record.patient.identifier?.find((identifier) => identifier.system === 'https://fhir.nhs.uk/Id/nhs-number')?.value ?? '';
      expect(nhsNumber).to.equal(nhsNumberForIndex(index));
      expect(isTestRangeNhsNumber(nhsNumber)).to.equal(true);
      const born = span(record.patient.birthDate ?? '')[0];
      const died = record.patient.deceasedDateTime ? Date.parse(record.patient.deceasedDateTime) : Infinity;
      for (const resource of record.resources) {
        for (const [path, date] of dates(resource)) {
          const [earliest, latest] = span(date);
          expect(latest >= born, `${resource.id} ${path}`).to.equal(true);
          expect(earliest <= died, `${resource.id} ${path}`).to.equal(true);
        }
      }
      index++;
    }
  });

  it('has the long-history resident and the personas', () => {
    const borough = createBorough({ residents: 2 });
    expect(borough.resident(LONG_HISTORY_INDEX).resources.length).to.be.greaterThan(5000);
    expect(borough.personas.gp.practitionerId).to.equal('prac-0001');
    expect(borough.personas.resident.patientId).to.equal('pat-000001');
  });
});

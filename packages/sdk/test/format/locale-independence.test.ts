import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';

import { formatSamples } from './fixtures/format-samples.js';

const EXPECTED: Record<string, string> = {
  clinicalDate: '05-Apr-2008',
  clinicalDateFromDate: '02-Jul-2026',
  clinicalDateFromOffset: '28-Mar-2026',
  clinicalDateTimeSpring: '29-Mar-2026 02:30',
  clinicalDateTimeAutumn: '25-Oct-2026 01:30',
  clinicalTime: '00:00',
  residentDate: '6 August 2018',
  ageLeapDay: '5y 0m',
  ageNewborn: '45min',
  ageDateOfBirthOnly: '1d',
  clinicalName: 'IŞIK-INGRAM, Ida (Mrs)',
  nhsNumber: '943 476 5919',
};

interface ChildReport {
  timeZoneOffsetMinutes: number;
  locale: string;
  samples: Record<string, string>;
}

// TZ and the locale are read when Node starts, so a second process is the only
// honest way to run the formatters in another time zone and language.
function runInNewYorkInGerman(): ChildReport {
  const fixture = new URL('./fixtures/format-samples.ts', import.meta.url).href;
  const script = `
    const { formatSamples } = await import(${JSON.stringify(fixture)});
    console.log(JSON.stringify({
      timeZoneOffsetMinutes: new Date(2026, 0, 1).getTimezoneOffset(),
      locale: Intl.DateTimeFormat().resolvedOptions().locale,
      samples: formatSamples(),
    }));`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
    cwd: fileURLToPath(new URL('../../../../', import.meta.url)),
    env: { ...process.env, TZ: 'America/New_York', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
    encoding: 'utf8',
  });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as ChildReport;
}

describe('formats do not depend on time zone or locale', () => {
  let child: ChildReport;
  const here = formatSamples();
  before(() => {
    child = runInNewYorkInGerman();
  });

  test('the second process really runs in New York time and German', () => {
    assert.equal(child.timeZoneOffsetMinutes, 300);
    assert.match(child.locale, /^de\b/);
  });

  test('both processes format the same set of samples', () => {
    assert.deepEqual(Object.keys(child.samples).sort(), Object.keys(EXPECTED).sort());
    assert.deepEqual(Object.keys(here).sort(), Object.keys(EXPECTED).sort());
  });

  for (const [sample, expected] of Object.entries(EXPECTED)) {
    test(`${sample}: ${expected}`, () => {
      assert.equal(here[sample], expected);
      assert.equal(child.samples[sample], expected);
    });
  }
});

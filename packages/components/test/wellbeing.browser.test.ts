/**
 * Staying well: plans in plain English, goals with their readings on a chart
 * and one calm sentence, the library's pages that fit the record first and
 * marked as general information; a resident with nothing recorded is told so
 * plainly; a failure is an error with Try again, never "no plans"; a carer
 * sees the person's plans, not "your". Each state axe-checked.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { CareRecordProvider, CareWellbeing } from '../src/index.js';
import { $, $$, BAD_TEXT, text, until } from './support/dom.js';
import { createFakeHub, type FakeHubOptions } from './support/fake-hub.js';
import { CAST } from './support/fixtures.js';

async function wellbeing(patient: string, options: FakeHubOptions = {}, audience = 'resident'): Promise<CareWellbeing> {
  const hub = createFakeHub(options);
  const provider = await fixture<CareRecordProvider>(
    html`<care-record-provider .client=${hub.client} patient=${patient} audience=${audience}
      ><care-wellbeing></care-wellbeing
    ></care-record-provider>`,
  );
  const element = provider.querySelector('care-wellbeing')!;
  await until(() => text(element) !== '' && $(element, '[aria-busy="true"]') === null, 5000, 'well-being');
  return element;
}

const idOf = (index: number) => `pat-${String(index + 1).padStart(6, '0')}`;

describe('care-wellbeing', () => {
  it('plans and goals for a resident with diabetes and high blood pressure, the readings charted and said calmly', async () => {
    const element = await wellbeing(idOf(CAST.adult));
    const plans = $$(element, '[part~="plan"]');
    expect(plans.length).to.be.greaterThan(0);
    expect(text(plans[0]!))
      .to.match(/Made with .+ on \d{1,2} \w+ \d{4}\./)
      .and.to.include('What you agreed to do');
    const goals = $$(element, '[part~="goal"]');
    expect(goals.map((goal) => text(goal)).join(' ')).to.include('Keep my blood pressure at home below');
    const statements = goals.flatMap((goal) =>
      [...goal.querySelectorAll('.target > p:nth-of-type(2)')].map((node) => node.textContent ?? ''),
    );
    expect(statements.length).to.be.greaterThan(0);
    for (const statement of statements) expect(statement).not.to.match(/danger|warning|urgent|!/i);
    const chart = $(element, '[part~="chart"]');
    expect(chart?.getAttribute('role')).to.equal('img');
    expect(chart?.getAttribute('aria-label')).to.match(/readings from .+ to .+\. The latest reading/);
    expect(text(element)).not.to.match(BAD_TEXT);
    await expect(element).shadowDom.to.be.accessible();
  });

  it('offers the information that fits the record first, and says it is general information', async () => {
    const element = await wellbeing(idOf(CAST.adult));
    const advice = $(element, '[part~="advice"]')!;
    expect(text(advice)).to.include('It is not advice about your own care');
    const titles = [...advice.querySelectorAll('.page-title')].map((node) => node.textContent);
    expect(titles).to.deep.equal(['Getting active', 'Sleeping well']);
    expect(text(advice)).to.include('Suggested for you: Hypertension');
  });

  it('nothing recorded: said plainly, never as an error; the information is still there', async () => {
    const element = await wellbeing(idOf(CAST.newborn));
    expect(text(element)).to.include('You have no plans for staying well recorded yet');
    expect(text(element)).to.include('You have no goals recorded yet');
    expect(text(element)).not.to.match(/could not|Try again/);
    expect($$(element, '.page').length).to.equal(2);
    await expect(element).shadowDom.to.be.accessible();
  });

  it('a failure to load is an error with Try again, never "no plans"', async () => {
    const element = await wellbeing(idOf(CAST.adult), {
      fail: ({ operation }) => (operation.startsWith('POST /') ? new Error('The hub could not be reached') : undefined),
    });
    expect(text(element)).to.include('We could not load your plans and goals');
    expect(text(element)).not.to.include('You have no plans');
    expect($(element, '[part~="retry-button"]')).not.to.equal(null);
  });

  it('the library could not be read: plans and goals are still shown, and that is said', async () => {
    const element = await wellbeing(idOf(CAST.adult), { advice: 'fail' });
    expect($$(element, '[part~="goal"]').length).to.be.greaterThan(0);
    expect(text(element)).to.include('could not be loaded just now');
  });

  it('a carer sees the person’s plans and goals, never “your”', async () => {
    const element = await wellbeing(idOf(CAST.adult), {}, 'carer');
    await until(() => /’s plans/.test(text(element)), 5000, 'the carer’s words');
    expect(text(element)).not.to.match(/Your plans|Your goals/);
  });
});

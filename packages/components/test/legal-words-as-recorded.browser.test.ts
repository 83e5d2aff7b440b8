/**
 * Legal information as the summary shows it: a denial after the term
 * ("DNACPR not in place", "LPA: none") is an alert in its own words, never a
 * decision, and the legal section says it has none recorded, not "none in
 * place"; "Not for resuscitation" is listed as an advance decision; a Court
 * of Protection deputy has a name of its own.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { summaryViewModel } from '@care-record/sdk';
import '../src/define.js';
import type { CareRecordSummary } from '../src/index.js';
import { $, $$, text } from './support/dom.js';
import { NOW, organizations } from './support/fixtures.js';

const PATIENT = 'pat-000001';
const flag = (id: string, words: string) => ({
  resourceType: 'Flag',
  id,
  status: 'active',
  subject: { reference: `Patient/${PATIENT}` },
  period: { start: '2025-01-01' },
  code: { text: words },
  meta: { source: 'https://care-record.example/source/F83999' },
});
const summaryOf = (...words: string[]) =>
  fixture<CareRecordSummary>(
    html`<care-record-summary
      .model=${summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...words.map((each, index) => flag(`f${index}`, each))], {
        audience: 'clinician',
        now: NOW,
        patientId: PATIENT,
        organizations,
      })}
    ></care-record-summary>`,
  );
const titles = (element: Element, section: string) => $$(element, `[data-section="${section}"] .item-title`).map((title) => text(title));

describe('legal information: what the words say', () => {
  it('lists a denial after the term as an alert in its own words, and no decision', async () => {
    const element = await summaryOf('DNACPR not in place', 'LPA: none', 'ReSPECT form: not completed');
    expect(titles(element, 'alerts')).to.have.members(['DNACPR not in place', 'LPA: none', 'ReSPECT form: not completed']);
    expect(titles(element, 'legal')).to.deep.equal([]);
    expect(text($(element, '[data-section="legal"]'))).not.to.match(/Advance decision|Lasting power of attorney/);
  });

  it('lists "Not for resuscitation" as an advance decision and names a deputy', async () => {
    const element = await summaryOf('Not for resuscitation', 'Court of Protection deputy for property and affairs');
    expect(titles(element, 'legal')).to.deep.equal([
      'Not for resuscitation Advance decision',
      'Court of Protection deputy for property and affairs Court-appointed deputy',
    ]);
    expect(titles(element, 'alerts')).to.deep.equal([]);
    await expect(element).to.be.accessible();
  });
});

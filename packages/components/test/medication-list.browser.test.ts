/**
 * The medication list: a real table of current medicines (repeats, then
 * acutes), dosage verbatim, every source, "Sources disagree" in words, the
 * resident's own entries marked, past medicines with why they stopped, and
 * the empty, withheld, partial, loading and error states.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { HubError, type MedicationRequest, type MedicationsViewModel, type RecordAudience, type RecordNotices } from '@care-record/sdk';
import '../src/define.js';
import type { CareMedicationList, CareRecordProvider, CareSelectDetail } from '../src/index.js';
import { BAD_TEXT, $, $$, settled, text, until } from './support/dom.js';
import { createFakeHub } from './support/fake-hub.js';
import { CAST, medicationsFor, medicinesModel, resident } from './support/fixtures.js';

const list = (model: MedicationsViewModel | undefined, audience: RecordAudience = 'clinician') =>
  fixture<CareMedicationList>(html`<care-medication-list .model=${model} audience=${audience}></care-medication-list>`);

const rows = (element: Element) => $$(element, '[part~="table"] tbody tr');
/** What each cell says (without the column names shown inside cells in a narrow column). */
const cells = (row: Element) =>
  [...row.children].map((cell) => {
    const copy = cell.cloneNode(true) as Element;
    for (const label of copy.querySelectorAll('.cell-label')) label.remove();
    return text(copy);
  });
const hospitalDown = { withheld: false, unavailableSources: [{ odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' }] };

/** An active acute order from the GP for resident 0, written `authoredOn`, with `fields` over it. */
const acuteOrder = (id: string, text: string, authoredOn: string, fields: Record<string, unknown>): MedicationRequest =>
  ({
    resourceType: 'MedicationRequest',
    id,
    meta: { source: 'https://care-record.example/source/F83999' },
    status: 'active',
    intent: 'order',
    subject: { reference: 'Patient/pat-000001' },
    authoredOn,
    courseOfTherapyType: { coding: [{ code: 'acute' }] },
    medicationCodeableConcept: { text },
    ...fields,
  }) as unknown as MedicationRequest;

/** Resident 0's medicines plus a current acute course, so both kinds are listed. */
function withAcute(): MedicationsViewModel {
  const mine = resident(CAST.adult);
  const other = resident(17); // a current acute course
  const medicines = [
    ...mine.resources,
    ...other.resources.map((resource) => ({ ...resource, subject: { reference: 'Patient/pat-000001' } })),
  ];
  return medicinesModel(medicines);
}

/** A medicines answer of `mine` with `theirs` (about `whose`: another patient, or no one) mixed in. */
function misrouted(mine: readonly unknown[], theirs: readonly unknown[], whose: string | undefined): MedicationsViewModel {
  const strays = theirs.map((resource) => ({ ...(resource as object), subject: whose === undefined ? undefined : { reference: whose } }));
  return medicinesModel([...strays, ...mine]);
}

describe('care-medication-list', () => {
  describe('from a model, without a provider', () => {
    for (const whose of ['Patient/pat-999999', 'https://other.example/fhir/Patient/pat-999998', '#subject', undefined])
      it(`never says "No medicines recorded" from an answer that carried another's (${whose ?? 'no subject'})`, async () => {
        const theirs = resident(CAST.frailOlder).resources.filter((resource) => resource.resourceType.startsWith('Medication'));
        const alone = await list(misrouted([], theirs, whose));
        expect(text(alone)).to.contain('Some items could not be shown safely');
        expect(text(alone)).not.to.match(/No (current )?medicines recorded|\bnone\b/i);
        // With the resident's own, those are listed all the same.
        const own = resident(CAST.adult).resources.filter((resource) => resource.resourceType.startsWith('Medication'));
        const clean = await list(misrouted(own, [], undefined));
        const mixed = await list(misrouted(own, theirs, whose));
        expect(rows(mixed).map(cells)).to.deep.equal(rows(clean).map(cells));
        expect(text(mixed)).to.contain('Some items could not be shown safely');
        await expect(alone).to.be.accessible();
      });

    it('lists current medicines in a table with a caption and scoped headers', async () => {
      const element = await list(medicationsFor(CAST.adult));
      const table = $(element, '[part~="table"]')!;
      expect(table.localName).to.equal('table');
      expect(text(table.querySelector('caption'))).to.equal('Current medication');
      const headers = [...table.querySelectorAll('thead th')];
      expect(headers.map((header) => header.getAttribute('scope'))).to.deep.equal(Array(7).fill('col'));
      expect(headers.map((header) => text(header))).to.deep.equal([
        'Medicine',
        'Dosage',
        'Type',
        'Last issued',
        'Issues',
        'Review date',
        'Sources',
      ]);
      expect(
        rows(element).every((row) => row.firstElementChild?.localName === 'th' && row.firstElementChild.getAttribute('scope') === 'row'),
      ).to.equal(true);
      expect(cells(rows(element)[0]!).slice(0, 6)).to.deep.equal([
        'Amlodipine 5mg tablets',
        'Take ONE tablet each morning Quantity 28 tablet',
        'Repeat',
        '17-Nov-2026',
        '4 of 6',
        '25-Aug-2027',
      ]);
      expect(text(element)).not.to.match(BAD_TEXT);
      await expect(element).to.be.accessible();
    });

    it('lists repeats before acutes', async () => {
      const element = await list(withAcute());
      const types = rows(element).map((row) => cells(row)[2]);
      expect(types).to.include('Acute');
      expect(types.lastIndexOf('Repeat')).to.be.lessThan(types.indexOf('Acute'));
      const acute = rows(element)[types.indexOf('Acute')]!;
      expect(cells(acute).slice(4, 6)).to.deep.equal(['Not applicable', 'Not applicable']);
      await expect(element).to.be.accessible();
    });

    it('says in words when sources disagree about the dose, and what each says', async () => {
      const element = await list(medicationsFor(CAST.adult));
      const metformin = rows(element).find((row) => text(row.firstElementChild).startsWith('Metformin'))!;
      const flag = metformin.querySelector('[part~="flag"]')!;
      expect(text(flag)).to.equal(
        'Sources disagree: dose Tufnell Green Surgery Take ONE tablet twice a day with meals Highbury Vale Hospital NHS Trust Take ONE tablet three times a day with meals',
      );
      expect(flag.querySelector('svg')?.getAttribute('aria-hidden')).to.equal('true');
      expect(rows(element).filter((row) => row.querySelector('[part~="flag"]'))).to.have.length(1);
    });

    it('marks what the resident reported and lists every source', async () => {
      const element = await list(medicationsFor(CAST.adult));
      const vitaminD = rows(element).find((row) => text(row.firstElementChild).startsWith('Vitamin D'))!;
      expect(text(vitaminD.firstElementChild)).to.equal('Vitamin D 10 micrograms Reported by the resident');
      expect(cells(vitaminD)[1]).to.equal('One a day');
      expect(cells(vitaminD)[2]).to.equal('Not prescribed');
      expect(cells(vitaminD)[6]).to.equal('Resident (self-reported)');
      const amlodipine = rows(element)[0]!;
      expect([...amlodipine.querySelectorAll('.sources li')].map((item) => item.textContent)).to.deep.equal([
        'Tufnell Green Surgery',
        'Highbury Vale Hospital NHS Trust',
      ]);
    });

    it('keeps past medicines, with why they stopped, behind a disclosure that opens from the keyboard', async () => {
      const element = await list(medicationsFor(CAST.deceased));
      expect(text(element)).to.contain('No current medicines recorded');
      const past = $(element, '[part~="past"]') as HTMLDetailsElement;
      expect(past.open).to.equal(false);
      expect(text(past.querySelector('summary'))).to.equal('Past medication (14)');
      past.querySelector('summary')!.focus();
      await sendKeys({ press: 'Enter' });
      expect(past.open).to.equal(true);
      const pastRows = [...past.querySelectorAll('tbody tr')];
      expect(pastRows).to.have.length(14);
      const apixaban = pastRows.find((row) => text(row.firstElementChild) === 'Apixaban 5mg tablets')!;
      expect(cells(apixaban).slice(4, 7)).to.deep.equal(['03-Jan-2026', 'Stopped', 'Patient died']);
      await expect(element).to.be.accessible();
    });

    it('says "No medicines recorded" under its heading when there are none', async () => {
      const element = await list(medicationsFor(CAST.newborn));
      expect(text(element)).to.equal('Current medication No medicines recorded');
      expect($(element, '[part~="heading"]')?.localName).to.equal('h2');
      await expect(element).to.be.accessible();
      const resident = await list(medicationsFor(CAST.newborn, 'resident'), 'resident');
      expect(text(resident)).to.contain('Your medicines');
    });

    it('says when some information is not shown, and shows the rest', async () => {
      const element = await list(medicationsFor(CAST.adult, 'clinician', { withheld: true, unavailableSources: [] }));
      expect(text($(element, '[part~="notice"]'))).to.equal('Some information is not shown');
      expect(rows(element)).to.have.length(6);
      await expect(element).to.be.accessible();
    });

    it('R17: an answer cut short says how many of how many, never "No medicines recorded"', async () => {
      const cut = {
        withheld: false,
        unavailableSources: [],
        truncated: true,
        cutShortTypes: [{ type: 'MedicationRequest', shown: 0, total: 999 }],
      };
      for (const audience of ['clinician', 'resident'] as const) {
        const element = await list(medicationsFor(CAST.newborn, audience, cut), audience);
        expect(text($(element, '[part~="notice"]'))).to.equal(
          'Only 0 of the 999 items the server counted could be read: this may be incomplete',
        );
        expect(text(element)).not.to.match(/No medicines recorded|No current medicines/);
        await expect(element).to.be.accessible();
      }
    });

    it('says clinical information is not available to the role, never "No medicines recorded" (ROLE_RESTRICTED)', async () => {
      const restricted = { withheld: false, unavailableSources: [], notPermittedTypes: ['MedicationRequest', 'MedicationStatement'] };
      for (const audience of ['clinician', 'resident'] as const) {
        const element = await list(medicationsFor(CAST.newborn, audience, restricted), audience);
        expect(text($(element, '[part~="notice"]'))).to.equal('Clinical information is not available to your role');
        expect(text(element)).not.to.match(/No medicines recorded|No current medicines/);
        await expect(element).to.be.accessible();
      }
    });

    it('without a table of current medicines, its heading comes first and every notice under it', async () => {
      const restricted = { withheld: false, unavailableSources: [], notPermittedTypes: ['MedicationRequest', 'MedicationStatement'] };
      const withheld = { withheld: true, unavailableSources: [] };
      const states: [string, RecordNotices][] = [
        ['not permitted', restricted],
        ['withheld', withheld],
        ['a source unavailable', hospitalDown],
        ['withheld and a source unavailable', { ...hospitalDown, withheld: true }],
        ['nothing recorded', { withheld: false, unavailableSources: [] }],
      ];
      for (const [state, notices] of states) {
        for (const audience of ['clinician', 'resident'] as const) {
          const element = await list(medicationsFor(CAST.newborn, audience, notices), audience);
          const heading = $(element, '[part~="heading"]');
          expect($$(element, '[part~="notice"]').length, `${state}, ${audience}: a notice`).to.be.greaterThan(
            state === 'nothing recorded' ? -1 : 0,
          );
          expect(heading?.localName, `${state}, ${audience}: a heading`).to.equal('h2');
          for (const notice of $$(element, '[part~="notice"]'))
            expect(
              heading!.compareDocumentPosition(notice) & Node.DOCUMENT_POSITION_FOLLOWING,
              `${state}, ${audience}: "${text(notice)}" comes after the heading`,
            ).to.not.equal(0);
        }
      }
    });

    it('names a source that did not answer, and never calls the rest "none"', async () => {
      const partial = await list(medicationsFor(CAST.adult, 'clinician', hospitalDown));
      expect(text($(partial, '[part~="notice"]'))).to.equal('Information from Highbury Vale Hospital NHS Trust is unavailable');
      expect(rows(partial)).to.have.length(6);
      await expect(partial).to.be.accessible();
      const empty = await list(medicationsFor(CAST.newborn, 'clinician', hospitalDown));
      expect(text(empty)).to.contain('Nothing recorded by the services that answered');
      expect(text(empty)).not.to.contain('No medicines recorded');
      await expect(empty).to.be.accessible();
    });

    it('tells the host which medicine was chosen', async () => {
      const element = await list(medicationsFor(CAST.adult));
      const chosen: CareSelectDetail[] = [];
      element.addEventListener('care-select', (event) => chosen.push(event.detail));
      const name = rows(element)[0]!.querySelector('button')!;
      name.focus();
      await sendKeys({ press: 'Enter' });
      expect(chosen).to.deep.equal([{ resourceType: 'MedicationRequest', id: 'pat-000001-mr-3' }]);
    });

    it('uses plain English for residents', async () => {
      const element = await list(medicationsFor(CAST.adult, 'resident'), 'resident');
      expect(text($(element, 'caption'))).to.equal('Your medicines');
      expect(text($(element, 'thead'))).to.equal('Medicine How to take it Prescription Last issued Issued so far Review due From');
      expect(text(element)).to.contain('Vitamin D 10 micrograms Added by you');
      const vitaminD = rows(element).find((row) => text(row.firstElementChild).startsWith('Vitamin D'))!;
      expect(cells(vitaminD)[2]).to.equal('Not a prescription');
      expect(cells(vitaminD)[6]).to.equal('You', 'what residents added is theirs, not "Resident (self-reported)"');
      expect(text(element)).to.contain('Services have recorded different doses');
      expect(text(element)).to.contain('17 November 2026');
      await expect(element).to.be.accessible();
    });

    it('renders markup in drug names and dosages as text', async () => {
      const model = medicationsFor(CAST.adult);
      const [first, ...rest] = model.current;
      const payload = '<img src=x onerror=alert(1)>';
      const element = await list({
        ...model,
        current: [{ ...first!, name: payload, dosage: '<script>alert(2)</script> twice a day' }, ...rest],
      });
      expect(cells(rows(element)[0]!)[0]).to.equal(payload);
      expect(cells(rows(element)[0]!)[1]).to.contain('<script>alert(2)</script> twice a day');
      expect($$(element, 'img, script')).to.have.length(0);
    });
  });

  it('reflows into one block per medicine in a narrow column, with each value named, instead of scrolling sideways', async () => {
    const narrow = await fixture<HTMLDivElement>(
      html`<div class="side-panel"><care-medication-list .model=${medicationsFor(CAST.frailOlder)}></care-medication-list></div>`,
    );
    narrow.style.inlineSize = '320px';
    const element = narrow.querySelector('care-medication-list')!;
    await settled(element);
    const scroller = $(element, '.table-scroll')!;
    expect(scroller.scrollWidth).to.be.at.most(scroller.clientWidth + 1, 'no sideways scrolling');
    const first = rows(element)[0]!;
    const labels = [...first.querySelectorAll<HTMLElement>('.cell-label')];
    expect(labels.map((label) => label.textContent)).to.deep.equal(['Dosage', 'Type', 'Last issued', 'Issues', 'Review date', 'Sources']);
    expect(labels.every((label) => label.offsetHeight > 0)).to.equal(true, 'the column names show in the narrow layout');
    expect($(element, '[part~="table"]')!.getAttribute('role')).to.equal('table');
    await expect(element).to.be.accessible();

    // At a desktop width it is a table again, with the names only in the header.
    narrow.style.inlineSize = '1100px';
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(labels.every((label) => label.offsetHeight === 0)).to.equal(true);
    expect(getComputedStyle(first).display).to.equal('table-row');
  });

  it('says no patient is selected when it has neither a model nor a provider', async () => {
    const element = await list(undefined);
    expect(text(element)).to.equal('No patient selected');
    await expect(element).to.be.accessible();
  });

  describe('inside a provider', () => {
    it('shows grey bars while loading, then the medicines', async () => {
      const hub = createFakeHub({ delay: () => 30 });
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${hub.client} patient="pat-000001">
          <care-medication-list></care-medication-list>
        </care-record-provider>`,
      );
      const element = provider.querySelector('care-medication-list')!;
      await settled(element);
      expect($(element, '[part~="medicines"]')?.getAttribute('aria-busy')).to.equal('true');
      expect(text(element)).to.equal('Loading medication');
      await expect(element).to.be.accessible();
      await until(() => rows(element).length > 0, 3000, 'the medicines');
      expect(text(rows(element)[0]!.firstElementChild)).to.equal('Amlodipine 5mg tablets');
      expect([...rows(element)[0]!.querySelectorAll('.sources li')].map((item) => item.textContent)).to.deep.equal([
        'Tufnell Green Surgery',
        'Highbury Vale Hospital NHS Trust',
      ]);
      // One batch for the medicines, one for the names of the organisations they came from.
      expect(hub.requests).to.deep.equal(['POST / (batch) pat-000001', 'POST / (batch of organisations)']);
      await expect(element).to.be.accessible();
    });

    it('says what failed with the request id, and tries again', async () => {
      let failing = true;
      const hub = createFakeHub({
        fail: ({ operation }) =>
          failing && operation.startsWith('POST')
            ? new HubError({ kind: 'http', operation: 'POST /', requestId: 'req-9', status: 503 })
            : undefined,
      });
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${hub.client} patient="pat-000001">
          <care-medication-list></care-medication-list>
        </care-record-provider>`,
      );
      const element = provider.querySelector('care-medication-list')!;
      await until(() => $(element, '[part~="error"]') !== null, 3000, 'the error');
      expect(text(element)).to.equal('Medication could not be loaded The care record service had a problem. Request ID req-9 Try again');
      await expect(element).to.be.accessible();
      failing = false;
      $(element, '[part~="retry-button"]')!.click();
      await until(() => rows(element).length > 0, 3000, 'the medicines');
    });
  });
});

describe('care-medication-list: orders that are not medicines being taken', () => {
  /** The adult's medicines, with a "do not give" order and a proposal from the hospital added. */
  function withOrdersApart(audience: RecordAudience): MedicationsViewModel {
    const mine = resident(CAST.adult);
    const patient = { reference: `Patient/${mine.patient.id}` };
    const order = (id: string, text: string, extra: Record<string, unknown>): MedicationRequest =>
      ({
        resourceType: 'MedicationRequest',
        id,
        status: 'active',
        intent: 'order',
        subject: patient,
        authoredOn: '2026-10-02',
        medicationCodeableConcept: { text },
        meta: { source: 'https://care-record.example/source/RZ9' },
        ...extra,
      }) as MedicationRequest;
    return medicinesModel(
      [
        ...mine.resources,
        order('mr-dng', 'Penicillin V 250mg tablets', { doNotPerform: true }),
        order('mr-prop', 'Atorvastatin 20mg tablets', { intent: 'proposal', dosageInstruction: [{ text: 'One at night' }] }),
      ],
      { audience, patientId: mine.patient.id! },
    );
  }

  for (const audience of ['clinician', 'resident'] as const)
    it(`${audience}: a "do not give" order is a warning before the current table, a proposal a list after it, neither a row`, async () => {
      const element = await list(withOrdersApart(audience), audience);
      const warning = $(element, '[part~="do-not-give"]')!;
      const proposed = $(element, '[part~="proposed"]')!;
      expect(warning, 'the do-not-give list').to.not.equal(null);
      expect(proposed, 'the proposed list').to.not.equal(null);
      expect(text(warning)).to.include('Penicillin V 250mg tablets');
      expect(text(warning)).to.match(audience === 'clinician' ? /^Do not give/ : /^Medicines you must not be given/);
      expect(text(proposed)).to.include('Atorvastatin 20mg tablets');
      expect(text(proposed)).to.include('One at night');
      const table = $(element, '[part~="table"]')!;
      expect(text(table)).to.not.match(/Penicillin V|Atorvastatin/);
      // In reading order: the warning, then what is being taken, then the proposal.
      expect(warning.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
      expect(table.compareDocumentPosition(proposed) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
      await expect(element).to.be.accessible();
    });

  for (const [audience, said] of [
    ['clinician', 'Prescription expired 30-Sep-2026'],
    ['resident', 'Prescription expired on 30 September 2026'],
  ] as const)
    it(`${audience}: an active prescription past its validity is current, and says it expired; one in date does not`, async () => {
      const prescription = (id: string, text: string, end: string) =>
        acuteOrder(id, text, '2026-03-01', {
          dosageInstruction: [{ text: 'As directed' }],
          dispenseRequest: { validityPeriod: { start: '2026-03-01', end } },
        });
      const model = medicinesModel(
        [
          prescription('mr-old', 'Amoxicillin 500mg capsules', '2026-09-30'),
          prescription('mr-new', 'Naproxen 250mg tablets', '2027-01-31'),
        ],
        { audience },
      );
      const element = await list(model, audience);
      const names = rows(element).map((row) => cells(row)[0]!);
      expect(names.find((name) => name.startsWith('Amoxicillin'))).to.contain(said);
      expect(names.find((name) => name.startsWith('Naproxen'))).not.to.contain('expired');
      await expect(element).to.be.accessible();
    });

  it('a host may select an order shown apart, as any medicine', async () => {
    const element = await list(withOrdersApart('clinician'));
    const chosen = new Promise<CareSelectDetail>((resolve) =>
      element.addEventListener('care-select', (event) => resolve((event as CustomEvent<CareSelectDetail>).detail), { once: true }),
    );
    ($(element, '[part~="do-not-give"] button')! as HTMLButtonElement).click();
    expect(await chosen).to.deep.equal({ resourceType: 'MedicationRequest', id: 'mr-dng' });
  });
});

describe('care-medication-list: a course that has ended', () => {
  for (const [audience, said] of [
    ['clinician', 'Course ended 07-Nov-2026'],
    ['resident', 'Course ended 7 November 2026'],
  ] as const)
    it(`${audience}: a request whose dosage course ended is a past medicine, and says when; one still running is current`, async () => {
      const request = (id: string, text: string, end: string) =>
        acuteOrder(id, text, '2026-11-01', {
          dosageInstruction: [{ text: 'One three times a day', timing: { repeat: { boundsPeriod: { start: '2026-11-01', end } } } }],
        });
      const model = medicinesModel(
        [request('mr-done', 'Amoxicillin 500mg capsules', '2026-11-07'), request('mr-on', 'Naproxen 250mg tablets', '2026-12-31')],
        { audience },
      );
      const element = await list(model, audience);
      expect(rows(element).map((row) => cells(row)[0]!)).to.deep.equal(['Naproxen 250mg tablets']);
      const past = $$(element, '[part~="past-table"] tbody tr').map((row) => cells(row)[0]!);
      expect(past).to.have.length(1);
      expect(past[0]).to.contain('Amoxicillin 500mg capsules').and.to.contain(said);
      expect(text(element)).not.to.contain('Course ended 31');
      await expect(element).to.be.accessible();
    });
});

describe('care-medication-list: short values whole at a desktop width', () => {
  /** The words of a cell's text (its column name left out; a date's parts between hyphens apart) drawn on more than one line. */
  function brokenWords(cell: Element): string[] {
    const broken: string[] = [];
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('.cell-label')) continue;
      for (const match of (node.textContent ?? '').matchAll(/[^\s-]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
    return broken;
  }

  /** The first of the cast with both current and past medicines. */
  const withPast = Object.values(CAST)
    .map((index) => medicationsFor(index))
    .find((model) => model.current.length > 0 && model.past.length > 0);

  for (const width of [1280, 1024, 800])
    it(`no type, date, count or status is broken mid-word at ${width} px, current or past`, async () => {
      const host = await fixture<HTMLDivElement>(html`<div><care-medication-list .model=${withPast}></care-medication-list></div>`);
      host.style.inlineSize = `${width}px`;
      const element = host.querySelector('care-medication-list')!;
      await settled(element);
      ($(element, 'details.past') as HTMLDetailsElement).open = true;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const pastRows = $$(element, '[part~="past-table"] tbody tr');
      expect(rows(element).length, 'current medicines').to.be.greaterThan(0);
      expect(pastRows.length, 'past medicines').to.be.greaterThan(0);
      // Medicine, dosage, reason and sources are free text and may wrap anywhere; the others are a few short words.
      const brief = [...rows(element), ...pastRows].flatMap((row) =>
        [...row.querySelectorAll('td')].filter(
          (cell, index, all) => index >= 1 && index < all.length - 1 && !(row.closest('[part~="past-table"]') && index === all.length - 2),
        ),
      );
      expect(brief.length).to.be.greaterThan(0);
      expect(brief.flatMap(brokenWords)).to.deep.equal([]);
    });
});

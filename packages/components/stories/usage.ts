/**
 * Usage guidance for each element's docs page, shown after the element's own
 * description from the Custom Elements Manifest (`.storybook/preview.ts`):
 * when to use it and when not, what it says and how, and do and don't — as
 * the NHS and GOV.UK design systems give for their components.
 */

interface Guidance {
  use: string[];
  avoid: string[];
  content: string[];
  do: string[];
  dont: string[];
}

const GUIDANCE: Record<string, Guidance> = {
  'care-record-provider': {
    use: ['Once per screen that shows one resident’s record: every element inside it shows that resident.'],
    avoid: ['Around two residents at once: use one provider per resident, each with its own banner.'],
    content: [
      'It shows nothing itself; when the whole record is refused (no relationship, a sharing choice, a sign-in that has ended) it shows one message in place of every element, and offers emergency access where the hub allows it.',
    ],
    do: [
      'Set `client` as a property and `patient` (or `nhs-number`) as the user opens a record.',
      'Listen for `care-auth-required` and `care-access-denied` to send the user to your own sign-in or access request.',
    ],
    dont: ['Don’t keep a previous resident’s elements on screen while switching: change `patient` and let the provider clear them.'],
  },
  'care-patient-banner': {
    use: ['At the top of every screen that shows a resident’s record, above anything clinical.'],
    avoid: ['In a list of patients: it identifies one person, and more than one banner on a screen invites a wrong-patient error.'],
    content: [
      'Name (family name in capitals for clinicians), date of birth with age, gender and NHS number in the NHS CUI order; allergies state; died, with the date, for someone who has died.',
    ],
    do: ['Keep it visible while the user scrolls the record (sticky in your layout).'],
    dont: ['Don’t hide or shorten the NHS number or date of birth to save space: they are how the user checks it is the right person.'],
  },
  'care-record-summary': {
    use: ['For the record at a glance: alerts, allergies, problems, medicines, vaccinations, legal decisions, contacts and services.'],
    avoid: ['As the only view of medicines: use `care-medication-list` where medicines are prescribed or reconciled.'],
    content: [
      'Each section says what it holds in its own words, and never “none” when something was withheld, unreadable, unavailable or not permitted to the user’s role.',
    ],
    do: ['Set `heading-level` so its headings continue your page’s outline.'],
    dont: ['Don’t relabel a “Not known” or “could not be read” line as empty: it is what keeps the record truthful.'],
  },
  'care-medication-list': {
    use: ['Wherever medicines are reviewed, reconciled or prescribed: every current and past medicine from every source.'],
    avoid: ['For a medicines headline next to other sections: the record summary has one.'],
    content: [
      'Medicine, dose and how to take it as the prescriber wrote it, with the source; differences between GP and hospital are shown side by side, not merged.',
    ],
    do: ['Give it the width of a table (at least 320 px); it wraps at any width down to that.'],
    dont: ['Don’t reword dosage instructions: they are shown exactly as recorded.'],
  },
  'care-timeline': {
    use: ['For the story of care across settings: consultations, admissions, results, letters and appointments, newest first.'],
    avoid: ['For a single result over time: `care-results` charts a test.'],
    content: ['Filters by care setting and type; counts say whether they describe the whole record or only what has loaded so far.'],
    do: ['Leave it room to scroll: it loads older events as the user reaches them.'],
    dont: ['Don’t cap its height below a few events: keyboard users move through it with the arrow keys, Home and End.'],
  },
  'care-results': {
    use: [
      'For a resident’s test results and readings (and a clinician’s trend of one test): the latest value, its usual range, a chart and a table.',
    ],
    avoid: ['For reporting a single urgent result: that belongs in your own alerting, not a record view.'],
    content: [
      'Residents read plain words (“within the usual range”); clinicians read values with H/L flags and reference ranges. Every chart has the same data as a table.',
    ],
    do: ['Let it be as wide as your content column; charts are drawn at the width shown.'],
    dont: ['Don’t show a chart without its table, or colour alone to mean high or low.'],
  },
  'care-appointments': {
    use: ['For a resident’s upcoming and past appointments across services, with Add to calendar.'],
    avoid: ['For booking: it shows appointments, it does not make them.'],
    content: ['When, where, with whom and what to do beforehand; cancelled and missed appointments say so.'],
    do: ['Set `calendar-domain` to your service’s domain so that calendar files have stable identifiers.'],
    dont: ['Don’t show it to a role that may not see appointments: the element says what the role may not see.'],
  },
  'care-reading-form': {
    use: ['For residents sharing a weight, a blood pressure or a medicine they buy themselves with the people caring for them.'],
    avoid: ['For clinicians recording observations: those belong in the clinical system.'],
    content: ['Plain questions, one at a time; errors say what to fix, next to the field, and nothing typed is lost.'],
    do: ['Tell the resident who will see what they share (the form says it; keep your page consistent).'],
    dont: ['Don’t present a shared reading as clinically checked: it is labelled as the resident’s own.'],
  },
  'care-access-log': {
    use: ['For residents: who has looked at their record, when, from which organisation, and any emergency access with its reason.'],
    avoid: ['For information-governance review of refused attempts: those are audited for the organisation, not shown here.'],
    content: ['Newest first, grouped by visit; emergency access is explained in plain words.'],
    do: ['Link to it from wherever the resident controls sharing.'],
    dont: ['Don’t show it to professionals as a record of other professionals’ activity.'],
  },
  'care-sharing': {
    use: [
      'For residents choosing which organisations may see their record, and which kinds of information leave the service that recorded them.',
    ],
    avoid: ['For consent to a specific treatment or research: it is about record sharing only.'],
    content: ['Each choice says what it changes for the resident’s care; saving says when it takes effect.'],
    do: ['Show it with the access log, so the resident can see the effect of a choice.'],
    dont: ['Don’t pre-select a change for the resident or hide the organisations already sharing.'],
  },
  'care-carers': {
    use: ['On the resident’s own pages, for seeing and changing who can act for them (proxy access), next to their sharing choices.'],
    avoid: ['In a clinician’s view, or for a carer: only the resident (or their practice) decides who acts for them.'],
    content: [
      'Each carer, what they can do and whether it is in force today, with the reason when it is not (access set up for a child ends at 11, for example); a change applies straight away.',
    ],
    do: ['Keep the confirmation before stopping someone’s access: it cannot be undone from here.'],
    dont: ['Don’t show a permission that is not in force as if it were: the element says why it has ended.'],
  },
  'care-wellbeing': {
    use: ['On the resident’s (or their carer’s) pages, for their plans and goals for staying well and general well-being information.'],
    avoid: ['As clinical decision support: the readings are the resident’s own and the information is general.'],
    content: [
      'Plans in plain English (who made them, when they are reviewed, what the resident agreed to do); each goal with its readings and one calm sentence about the latest; general information marked as such, the pages that fit the record first.',
    ],
    do: ['Keep the line that says the information is general and not advice about their care.'],
    dont: ['Don’t colour or word a reading that is not yet at its goal as a warning: the element is calm on purpose.'],
  },
};

const list = (items: readonly string[]): string => items.map((item) => `- ${item}`).join('\n');

/** When to use an element and how, as Markdown for its docs page. */
export function usageFor(tag: string): string {
  const guidance = GUIDANCE[tag];
  if (!guidance) throw new Error(`No usage guidance for <${tag}>`);
  return [
    `### When to use it\n\n${list(guidance.use)}`,
    `### When not to use it\n\n${list(guidance.avoid)}`,
    `### What it says\n\n${list(guidance.content)}`,
    `### Do\n\n${list(guidance.do)}`,
    `### Don’t\n\n${list(guidance.dont)}`,
  ].join('\n\n');
}

/** Every tag with guidance, for the test that each element has some. */
export const GUIDED_TAGS = Object.keys(GUIDANCE);

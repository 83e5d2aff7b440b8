/**
 * The council's social care. Adult social care: needs assessment, reablement,
 * long-term support with a care and support plan (and its review date),
 * carers, lasting power of attorney and DoLS. Children's services: child in
 * need or child protection, with the plan, visits, and a safeguarding alert
 * that is restricted and never shown to the family (`SDV`, `R`, `NOPAT`).
 */
import type { CarePlan } from '@care-record/sdk';
import { CARE_PLAN_TYPE, coding, concept, type SecurityLabel } from '../fhir.js';
import type { Random } from '../random.js';
import { DAY, fhirDate, fhirDateTime, MINUTE, WEEK, YEAR } from '../time.js';
import type { ResidentContext } from './context.js';
import { writeContact, type WrittenContact } from './people.js';
import type { ProblemIds } from './problems.js';
import { writeAppointment, writeDocument, writeEncounter, writeEpisode, writeFlag } from './writers.js';

export interface SocialCareOutcome {
  /** The person holding lasting power of attorney, when there is one. */
  readonly attorney?: WrittenContact;
}

function carePlanPeriod(context: ResidentContext, start: number): { start: string; end: string } {
  const end = start + YEAR;
  return { start: fhirDate(start), end: fhirDate(context.alive ? end : Math.min(end, context.end)) };
}

function writeAdultSocialCare(context: ResidentContext, rng: Random, problems: ProblemIds, familyName: string): SocialCareOutcome {
  const { plan } = context;
  const council = context.directory.organizations.adultSocialCare;
  const worker =
    plan.index === 2
      ? (context.directory.staff.byId.get('prac-0004') ?? context.staff(council, 'social-worker', rng))
      : context.staff(council, 'social-worker', rng);
  const referred = context.officeTime(
    rng,
    Math.max(context.historyStart, context.end - rng.between(0.6, 4) * YEAR),
    context.end - 10 * WEEK,
  );

  // Reablement first for some: six weeks of short-term support after a hospital stay.
  let longTermStart = referred;
  if (plan.index === 9 || rng.chance(0.4)) {
    const reablementEnd = referred + 6 * WEEK;
    writeEpisode(context, {
      organization: council,
      code: 'asc-reablement',
      display: 'Adult social care: reablement',
      text: 'Reablement (short-term support at home)',
      start: referred,
      end: reablementEnd,
      careManager: worker,
      team: 'Reablement Service',
    });
    longTermStart = reablementEnd;
  }
  const episode = writeEpisode(context, {
    organization: council,
    code: 'asc-long-term-support',
    display: 'Adult social care: long-term support',
    text: 'Long-term support (Care Act 2014)',
    start: longTermStart,
    careManager: worker,
    team: 'Adult Social Care — North Locality Team',
  });

  const assessed = context.officeTime(rng, longTermStart - 3 * WEEK, longTermStart);
  const assessment = writeEncounter(context, {
    organization: council,
    class: 'HH',
    type: concept('Care Act needs assessment'),
    start: assessed,
    end: assessed + rng.int(60, 120) * MINUTE,
    practitioner: worker,
    episodeOfCareId: episode.id ?? '',
  });
  writeDocument(
    context,
    {
      organization: council,
      author: worker,
      type: 'care-act-assessment',
      typeText: 'Care Act needs assessment',
      description: 'Care Act needs assessment: eligible needs for personal care, nutrition and staying safe at home',
      title: 'Care Act needs assessment',
      date: assessed + rng.int(1, 7) * DAY,
      encounterId: assessment.id ?? '',
    },
    rng,
  );
  if (rng.chance(0.5)) {
    const therapist = context.staff(council, 'occupational-therapist', rng);
    const visit = context.officeTime(rng, assessed + WEEK, assessed + 6 * WEEK);
    writeEncounter(context, {
      organization: council,
      class: 'HH',
      type: concept('Occupational therapy home assessment'),
      start: visit,
      end: visit + 60 * MINUTE,
      practitioner: therapist,
      reasons: [concept('Equipment and adaptations')],
      episodeOfCareId: episode.id ?? '',
    });
  }

  // The current plan: renewed each year, so the latest began within the last year and its review is ahead.
  const planStart = context.past(Math.max(longTermStart + 2 * WEEK, context.end - rng.between(0.1, 0.95) * YEAR));
  const addressed = plan.conditions
    .filter(
      (planned) =>
        planned.onset <= planStart && ['alzheimers', 'stroke', 'osteoarthritis', 'heart-failure', 'copd'].includes(planned.definition.key),
    )
    .map((planned) => ({ reference: `Condition/${problems.get(planned.definition.key) ?? ''}`, display: planned.definition.text }))
    .filter((reference) => reference.reference !== 'Condition/');
  const visitsPerDay = rng.int(1, 4);
  const carePlan: CarePlan = {
    resourceType: 'CarePlan',
    id: context.id('cp'),
    meta: context.meta(council, 'CarePlan', planStart),
    status: context.alive ? 'active' : 'completed',
    intent: 'plan',
    category: [concept('Care and support plan (Care Act 2014)', coding(CARE_PLAN_TYPE, 'care-and-support', 'Care and support plan'))],
    title: 'Care and support plan',
    description: `Support to stay living safely at home: personal care ${visitsPerDay === 1 ? 'once' : `${visitsPerDay} times`} a day, and support for family carers.`,
    subject: context.patient(),
    period: carePlanPeriod(context, planStart),
    created: fhirDateTime(planStart - rng.int(1, 5) * DAY),
    author: worker.reference(),
    ...(addressed.length ? { addresses: addressed } : {}),
    activity: [
      {
        detail: {
          status: 'in-progress',
          description: `Home care: ${visitsPerDay} visit${visitsPerDay > 1 ? 's' : ''} a day for washing, dressing, meals and medicines prompts.`,
        },
      },
      ...(rng.chance(0.5)
        ? [{ detail: { status: 'in-progress' as const, description: 'Day centre: two days a week, transport provided.' } }]
        : []),
      { detail: { status: 'completed', description: 'Key safe fitted; falls pendant alarm provided.' } },
      {
        detail: {
          status: context.alive ? ('scheduled' as const) : ('cancelled' as const),
          description: `Annual review of the plan (due ${fhirDate(planStart + YEAR).slice(0, 7)}).`,
          performer: [worker.reference()],
        },
      },
    ],
    note: [
      {
        text: rng.pick([
          'What matters to me: staying in my own home and seeing my grandchildren on Sundays.',
          'What matters to me: my garden, my church, and not going into a home.',
          'What matters to me: my cat, my radio in the morning, and my daughter visiting.',
        ]),
      },
    ],
  };
  context.add(carePlan);
  if (planStart - longTermStart > 0.9 * YEAR) {
    const reviewed = context.officeTime(rng, planStart - 3 * WEEK, planStart);
    const review = writeEncounter(context, {
      organization: council,
      class: 'HH',
      type: concept('Care and support plan review'),
      start: reviewed,
      end: reviewed + 60 * MINUTE,
      practitioner: worker,
      episodeOfCareId: episode.id ?? '',
    });
    writeDocument(
      context,
      {
        organization: council,
        author: worker,
        type: 'care-review',
        typeText: 'Care and support plan review',
        description: 'Annual review of the care and support plan',
        title: 'Care and support plan review',
        date: reviewed + 2 * DAY,
        encounterId: review.id ?? '',
      },
      rng,
    );
  }
  if (context.alive && rng.chance(0.5)) {
    writeAppointment(
      context,
      {
        organization: council,
        practitioner: worker,
        start: context.futureOfficeTime(rng, 5, 60),
        minutes: 60,
        status: 'booked',
        serviceType: 'Adult social care',
        description: 'Social worker home visit: care plan review',
        location: 'Home visit',
      },
      rng,
    );
  }

  // The family carer, who may also hold lasting power of attorney.
  const carer = writeContact(
    context,
    {
      organization: council,
      kin: rng.pick(['DAU', 'SON', 'DAU']),
      nextOfKin: true,
      carer: true,
      attorney: plan.features.lastingPowerOfAttorney,
      since: referred - rng.int(0, 400) * DAY,
      familyName,
    },
    rng,
  );
  if (rng.chance(0.35)) {
    const carersAssessed = context.officeTime(rng, assessed, context.end);
    writeDocument(
      context,
      {
        organization: council,
        author: worker,
        type: 'carers-assessment',
        typeText: "Carer's assessment",
        description: `Carer's assessment for ${carer.name} (${carer.display})`,
        title: "Carer's assessment",
        date: carersAssessed,
      },
      rng,
    );
  }
  if (plan.features.lastingPowerOfAttorney) {
    writeFlag(context, {
      organization: council,
      author: council,
      category: 'admin',
      code: 'lpa-health-welfare',
      display: 'Lasting power of attorney (health and welfare) registered',
      text: `Lasting power of attorney for health and welfare: ${carer.name} (${carer.display})`,
      start: context.anyTime(rng, context.end - 5 * YEAR, referred),
    });
  }
  if (plan.features.deprivationOfLiberty) {
    const authorised = context.anyTime(rng, Math.max(longTermStart, context.end - 0.9 * YEAR), context.end);
    writeFlag(context, {
      organization: council,
      author: worker,
      category: 'admin',
      code: 'dols-authorised',
      display: 'Deprivation of Liberty Safeguards authorisation',
      text: 'DoLS standard authorisation in place (lacks capacity to decide on care arrangements)',
      start: authorised,
      end: authorised + YEAR,
    });
  }
  if (plan.features.riskToOthers) {
    writeFlag(context, {
      organization: council,
      author: worker,
      category: 'safety',
      code: 'risk-to-others',
      display: 'Risk to others',
      text: 'May become distressed and hit out during personal care; two carers advised',
      start: context.anyTime(rng, longTermStart, context.end),
      security: ['NOPAT'],
    });
  }
  return plan.features.lastingPowerOfAttorney ? { attorney: carer } : {};
}

const RESTRICTED: readonly SecurityLabel[] = ['R'];
const SAFEGUARDING: readonly SecurityLabel[] = ['SDV', 'R', 'NOPAT'];

function writeChildrensServices(context: ResidentContext, rng: Random): void {
  const { plan } = context;
  const council = context.directory.organizations.childrensServices;
  const worker = context.staff(council, 'social-worker', rng);
  const protection = plan.index === 3 || rng.chance(0.4);
  const opened = context.officeTime(rng, Math.max(plan.birth + 30 * DAY, context.end - rng.between(0.3, 2) * YEAR), context.end - 6 * WEEK);
  const episode = writeEpisode(context, {
    organization: council,
    code: protection ? 'csc-child-protection' : 'csc-child-in-need',
    display: protection ? "Children's social care: child protection" : "Children's social care: child in need",
    text: protection ? 'Child protection plan' : 'Child in need (Children Act 1989 s17)',
    start: opened,
    careManager: worker,
    team: "Children's Social Care — North Area Team",
    security: protection ? SAFEGUARDING : RESTRICTED,
  });
  if (protection) {
    writeDocument(
      context,
      {
        organization: council,
        author: worker,
        type: 'strategy-discussion',
        typeText: 'Safeguarding strategy discussion',
        description: "Strategy discussion record (police, health and children's social care)",
        title: 'Strategy discussion',
        date: opened + rng.int(0, 3) * DAY,
        security: SAFEGUARDING,
      },
      rng,
    );
    writeFlag(context, {
      organization: council,
      author: worker,
      category: 'safety',
      code: 'child-protection-plan',
      display: 'Subject of a child protection plan',
      text: `Subject of a child protection plan (${rng.pick(['neglect', 'emotional abuse'])}). Contact the allocated social worker before sharing information with the family.`,
      start: opened + rng.int(10, 20) * DAY,
      security: SAFEGUARDING,
    });
  }
  const visits = rng.int(3, 7);
  for (let visit = visits; visit >= 1; visit--) {
    const at = context.officeTime(rng, context.end - visit * 3 * WEEK, context.end - (visit - 1) * 3 * WEEK - DAY);
    if (at < opened) continue;
    writeEncounter(context, {
      organization: council,
      class: 'HH',
      type: concept(protection ? 'Child protection visit' : 'Child in need visit'),
      start: at,
      end: at + 45 * MINUTE,
      practitioner: worker,
      episodeOfCareId: episode.id ?? '',
      security: protection ? SAFEGUARDING : RESTRICTED,
    });
  }
  const planStart = context.past(opened + rng.int(14, 28) * DAY);
  // Plans are reviewed every six months; the period runs to the next review (or to death).
  let nextReview = planStart + 0.5 * YEAR;
  while (context.alive && nextReview < context.now) nextReview += 0.5 * YEAR;
  if (!context.alive) nextReview = Math.min(nextReview, context.end);
  const carePlan: CarePlan = {
    resourceType: 'CarePlan',
    id: context.id('cp'),
    meta: context.meta(council, 'CarePlan', planStart, protection ? SAFEGUARDING : RESTRICTED),
    status: context.alive ? 'active' : 'completed',
    intent: 'plan',
    category: [
      protection
        ? concept('Child protection plan', coding(CARE_PLAN_TYPE, 'child-protection-plan', 'Child protection plan'))
        : concept('Child in need plan', coding(CARE_PLAN_TYPE, 'child-in-need-plan', 'Child in need plan')),
    ],
    title: protection ? 'Child protection plan' : 'Child in need plan',
    description: 'School attendance, health appointments kept, and support for the family at home.',
    subject: context.patient(),
    period: { start: fhirDate(planStart), end: fhirDate(nextReview) },
    created: fhirDateTime(planStart),
    author: worker.reference(),
    activity: [
      {
        detail: { status: 'in-progress', description: 'Social worker visits at least every three weeks.', performer: [worker.reference()] },
      },
      { detail: { status: 'in-progress', description: 'Health visitor or school nurse to review growth and development.' } },
      {
        detail: { status: 'scheduled', description: protection ? 'Review child protection conference.' : 'Child in need review meeting.' },
      },
    ],
  };
  context.add(carePlan);
  // The child's parents are already in the record (written with the Patient): children's services uses the same contacts.
}

export function writeSocialCare(context: ResidentContext, rng: Random, problems: ProblemIds, familyName: string): SocialCareOutcome {
  const { features } = context.plan;
  if (features.childrensServices) writeChildrensServices(context, rng.fork('childrens-services'));
  return features.adultSocialCare ? writeAdultSocialCare(context, rng.fork('adult-social-care'), problems, familyName) : {};
}

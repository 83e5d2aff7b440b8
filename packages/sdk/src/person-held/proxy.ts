/**
 * Proxy access: someone who cares for a resident (a family member, a friend,
 * a paid carer, a parent) acting for them. In FHIR, the carer is a
 * `RelatedPerson` on the resident's record and the permission is a
 * `Consent` (category `proxy-access`) that names them as its actor, lists the
 * actions they may take and, in nested `deny` provisions, the kinds of
 * information kept from them.
 *
 * Whether a permission is in force depends on who granted it and the
 * resident's age (`proxyStanding`); the hub enforces it on every request and
 * this module explains it on screen, from the same function. The rules and
 * their sources are in `docs/proxy-access.md`.
 */
import type { Consent } from '../fhir.js';
import { readCivilTime } from '../format/uk-civil-time.js';
import { sameCodeSystem } from '../record/code-system.js';

/** The category that marks a Consent as proxy access (and not a sharing choice). */
export const PROXY_CONSENT_CATEGORY = { system: 'https://care-record.example/CodeSystem/consent-kind', code: 'proxy-access' } as const;
/** Codes of what a proxy may do. */
export const PROXY_ACTION_SYSTEM = 'https://care-record.example/CodeSystem/proxy-action';
/**
 * The carer's sign-in account, on each of their `RelatedPerson` resources: one
 * person acting for several residents has one RelatedPerson on each record,
 * all with the same account.
 */
export const CARER_ACCOUNT_SYSTEM = 'https://care-record.example/Id/carer-account';

/** What a proxy may do, each granted separately. */
export type ProxyAction = 'view-record' | 'view-appointments' | 'view-results' | 'add-readings' | 'add-medicines';
export const PROXY_ACTIONS: readonly ProxyAction[] = ['view-record', 'view-appointments', 'view-results', 'add-readings', 'add-medicines'];

/** Kinds of information a resident may keep from a proxy who sees their record. */
export type ProxyWithheldCategory = 'mental-health' | 'sexual-health' | 'social-care';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const SHARING_CATEGORY_SYSTEM = 'https://care-record.example/CodeSystem/sharing-category';
const CONSENT_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';

const withheldLabels: Record<ProxyWithheldCategory, { system: string; code: string; display: string }> = {
  'mental-health': { system: ACT_CODE, code: 'PSY', display: 'psychiatry information sensitivity' },
  'sexual-health': { system: ACT_CODE, code: 'SEX', display: 'sexuality and reproductive health information sensitivity' },
  'social-care': { system: SHARING_CATEGORY_SYSTEM, code: 'social-care', display: 'social care information' },
};

const actionWords: Record<ProxyAction, string> = {
  'view-record': 'See the health and care record',
  'view-appointments': 'See appointments',
  'view-results': 'See test results and readings',
  'add-readings': 'Add readings such as weight and blood pressure',
  'add-medicines': 'Add medicines bought without a prescription',
};

/** In plain words: `See appointments`. */
export function proxyActionLabel(action: ProxyAction): string {
  return actionWords[action];
}

/** What a proxy Consent says, read strictly: anything it cannot read in full makes it `undefined`. */
export interface ProxyPermission {
  consentId: string | undefined;
  /** `active` only is in force; `proposed` while the person invited has not accepted; `inactive` when the resident stopped it. */
  status: string;
  patientId: string;
  /** The carer's RelatedPerson on this resident's record. */
  relatedPersonId: string;
  actions: ProxyAction[];
  withheld: ProxyWithheldCategory[];
  /** Who granted it: the resident themself, or their GP practice. */
  grantedBy: { kind: 'resident' } | { kind: 'practice'; organizationId: string } | { kind: 'other' };
  /** When it was granted (Consent.dateTime), YYYY-MM-DD. */
  granted: string | undefined;
  /** The GP's recorded assessment (Consent.verification), YYYY-MM-DD, when there is one. */
  assessed: string | undefined;
  /** The period it runs for (`provision.period`), YYYY-MM-DD. */
  start: string | undefined;
  end: string | undefined;
}

type Coding = { system?: string | undefined; code?: string | undefined };
const hasCoding = (concept: { coding?: Coding[] | undefined } | undefined, system: string, code: string): boolean =>
  (concept?.coding ?? []).some((coding) => sameCodeSystem(coding.system, system) && coding.code === code);

/** Whether a Consent is a proxy permission (rather than a sharing choice). */
export function isProxyConsent(consent: Consent): boolean {
  return (consent.category ?? []).some((category) => hasCoding(category, PROXY_CONSENT_CATEGORY.system, PROXY_CONSENT_CATEGORY.code));
}

const dateOf = (value: string | undefined): string | undefined =>
  value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : undefined;

/**
 * Reads a proxy Consent. Returns undefined for one that is not proxy access or
 * that cannot be read in full (an unknown action, an unknown category, more
 * than one actor): such a permission grants nothing.
 */
export function readProxyConsent(consent: Consent): ProxyPermission | undefined {
  if (!isProxyConsent(consent)) return undefined;
  const patientId = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(consent.patient?.reference ?? '')?.[1];
  const provision = consent.provision;
  if (!patientId || provision?.type !== 'permit') return undefined;
  const actors = provision.actor ?? [];
  const relatedPersonId =
    actors.length === 1 ? /^RelatedPerson\/([A-Za-z0-9\-.]{1,64})$/.exec(actors[0]?.reference?.reference ?? '')?.[1] : undefined;
  if (!relatedPersonId) return undefined;
  const actions: ProxyAction[] = [];
  for (const concept of provision.action ?? []) {
    const codes = (concept.coding ?? [])
      .filter((coding) => sameCodeSystem(coding.system, PROXY_ACTION_SYSTEM))
      .map((coding) => coding.code);
    if (codes.length !== 1) return undefined;
    const action = PROXY_ACTIONS.find((known) => known === codes[0]);
    if (!action) return undefined;
    if (!actions.includes(action)) actions.push(action);
  }
  const withheld: ProxyWithheldCategory[] = [];
  for (const exception of provision.provision ?? []) {
    if (exception.type !== 'deny' || exception.actor || exception.action || exception.provision) return undefined;
    for (const label of exception.securityLabel ?? []) {
      const category = (Object.keys(withheldLabels) as ProxyWithheldCategory[]).find(
        (key) => sameCodeSystem(label.system, withheldLabels[key].system) && withheldLabels[key].code === label.code,
      );
      if (!category) return undefined;
      if (!withheld.includes(category)) withheld.push(category);
    }
  }
  const performers = consent.performer ?? [];
  const performer = performers.length === 1 ? performers[0]?.reference : undefined;
  const practice = /^Organization\/([A-Za-z0-9\-.]{1,64})$/.exec(performer ?? '')?.[1];
  const grantedBy: ProxyPermission['grantedBy'] =
    performer === `Patient/${patientId}`
      ? { kind: 'resident' }
      : practice
        ? { kind: 'practice', organizationId: practice }
        : { kind: 'other' };
  const verification = (consent.verification ?? []).filter((check) => check.verified === true);
  return {
    consentId: consent.id,
    status: consent.status ?? 'unknown',
    patientId,
    relatedPersonId,
    actions,
    withheld,
    grantedBy,
    granted: dateOf(consent.dateTime),
    assessed: verification.map((check) => dateOf(check.verificationDate)).find((date) => date !== undefined),
    start: dateOf(provision.period?.start),
    end: dateOf(provision.period?.end),
  };
}

/** Today's date in the UK (Europe/London), YYYY-MM-DD: the date the age rules are applied on. */
export function ukToday(now: Date): string {
  const civil = readCivilTime(now);
  const pad = (value: number | undefined, width = 2) => String(value ?? 1).padStart(width, '0');
  return civil ? `${pad(civil.year, 4)}-${pad(civil.month)}-${pad(civil.day)}` : now.toISOString().slice(0, 10);
}

/** The date a person reaches `years`, YYYY-MM-DD (29 February birthdays fall on 1 March in other years). */
export function birthdayAt(birthDate: string, years: number): string {
  const [year, month, day] = birthDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year + years, month - 1, day));
  return date.toISOString().slice(0, 10);
}

/** Whether a permission is in force today, and if not, why (the words a screen can show). */
export type ProxyStanding =
  | { inForce: true }
  | {
      inForce: false;
      reason:
        | 'invited'
        | 'stopped'
        | 'not-started'
        | 'expired'
        | 'under-11-ended'
        | 'needs-assessment'
        | 'young-person-must-agree'
        | 'not-granted'
        | 'unknown-age';
      text: string;
    };

/**
 * Whether a proxy permission is in force on `today` (YYYY-MM-DD, UK date) for
 * a resident born on `birthDate`, by the policy in `docs/proxy-access.md`:
 *
 * - P1 under 11: a permission the GP practice set up, or any later one, is in
 *   force until the child's 11th birthday;
 * - P2 from 11 to 15: it needs a new decision on or after the 11th birthday —
 *   the young person agreed (they granted it), or the GP practice recorded
 *   its assessment (verification) that they cannot decide and access is in
 *   their interest;
 * - P3 from 16: the person is an adult: it needs their own grant on or after
 *   their 16th birthday, or the practice's recorded assessment on or after it
 *   that they lack capacity to decide;
 * - a permission the resident stopped, or whose period has not begun or has
 *   ended, is not in force; one granted by anyone else is not in force;
 * - an unknown date of birth is treated as an adult's (the strictest rule
 *   that still lets an adult's own grant work).
 */
export function proxyStanding(permission: ProxyPermission, birthDate: string | undefined, today: string): ProxyStanding {
  const no = (reason: Exclude<ProxyStanding, { inForce: true }>['reason'], text: string): ProxyStanding => ({
    inForce: false,
    reason,
    text,
  });
  if (permission.status === 'proposed') return no('invited', 'Invited: they have not accepted yet.');
  if (permission.status !== 'active') return no('stopped', 'This access was stopped.');
  if (permission.start && today < permission.start) return no('not-started', 'This access has not started yet.');
  if (permission.end && today > permission.end) return no('expired', 'This access has ended.');
  if (permission.grantedBy.kind === 'other' || !permission.granted)
    return no('not-granted', 'This access was not granted by the person or their GP practice.');
  const known = birthDate !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(birthDate);
  const decidedOnOrAfter = (date: string) =>
    (permission.grantedBy.kind === 'resident' && (permission.granted ?? '') >= date) ||
    (permission.grantedBy.kind === 'practice' && permission.assessed !== undefined && permission.assessed >= date);
  if (!known) {
    if (permission.grantedBy.kind === 'resident' || permission.assessed !== undefined) return { inForce: true };
    return no('unknown-age', 'Their date of birth is not known, so access set up for a child cannot be used.');
  }
  const eleventh = birthdayAt(birthDate, 11);
  const sixteenth = birthdayAt(birthDate, 16);
  if (today < eleventh) return { inForce: true };
  if (today < sixteenth) {
    if (decidedOnOrAfter(eleventh)) return { inForce: true };
    return no('under-11-ended', 'Access for a parent ends at 11 unless the young person agrees, or their GP decides it should continue.');
  }
  if (decidedOnOrAfter(sixteenth)) return { inForce: true };
  return no('young-person-must-agree', 'From 16, only the person themself can give someone access to their record.');
}

/** What to grant: the carer's RelatedPerson, what they may do and what is kept from them. */
export interface ProxyGrant {
  patientId: string;
  relatedPersonId: string;
  /** The carer's name, for the Consent's actor display. */
  carerName?: string | undefined;
  actions: readonly ProxyAction[];
  withheld: readonly ProxyWithheldCategory[];
  /** `proposed` for someone invited who has not accepted yet (the hub puts it in force when they do). Default `active`. */
  status?: 'active' | 'proposed';
  /** The period it runs for (`provision.period`), kept as read when a permission is changed. */
  period?: { start?: string; end?: string } | undefined;
}

/** The Consent a resident saves to let someone act for them (the hub stamps its date and performer). */
export function buildProxyConsent(grant: ProxyGrant, current?: Consent): Consent {
  return {
    resourceType: 'Consent',
    ...(current?.id ? { id: current.id } : {}),
    status: grant.status ?? 'active',
    scope: { coding: [{ system: CONSENT_SCOPE, code: 'patient-privacy', display: 'Privacy Consent' }] },
    category: [
      { coding: [{ system: PROXY_CONSENT_CATEGORY.system, code: PROXY_CONSENT_CATEGORY.code, display: 'Proxy access' }] },
      { coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] },
    ],
    patient: { reference: `Patient/${grant.patientId}` },
    provision: {
      type: 'permit',
      ...(grant.period && (grant.period.start || grant.period.end)
        ? {
            period: {
              ...(grant.period.start ? { start: grant.period.start } : {}),
              ...(grant.period.end ? { end: grant.period.end } : {}),
            },
          }
        : {}),
      actor: [
        {
          role: { coding: [{ system: PARTICIPATION, code: 'IRCP', display: 'information recipient' }] },
          reference: { reference: `RelatedPerson/${grant.relatedPersonId}`, ...(grant.carerName ? { display: grant.carerName } : {}) },
        },
      ],
      action: PROXY_ACTIONS.filter((action) => grant.actions.includes(action)).map((action) => ({
        coding: [{ system: PROXY_ACTION_SYSTEM, code: action, display: actionWords[action] }],
      })),
      ...(grant.withheld.length > 0
        ? { provision: [{ type: 'deny' as const, securityLabel: grant.withheld.map((category) => ({ ...withheldLabels[category] })) }] }
        : {}),
    },
  };
}

/** The same Consent, stopped: the carer's next request is refused. */
export function stopProxyConsent(current: Consent): Consent {
  return { ...current, status: 'inactive' };
}

/** Security labels of each withheld category (the hub hides items carrying them; social care is told by its source). */
export function proxyWithheldLabel(category: ProxyWithheldCategory): { system: string; code: string } {
  const { system, code } = withheldLabels[category];
  return { system, code };
}

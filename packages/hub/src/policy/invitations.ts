/**
 * Inviting someone to act for you. The resident adds the person to their
 * own record (a RelatedPerson without an account), saves what they may do
 * (a proxy Consent with `status: proposed`) and asks for a code, which they
 * give to the person themself. The person signs in with their own account
 * and accepts the code: the hub links their account to that RelatedPerson
 * and puts in force the permission(s) the code was made for. From then the gate treats them like any
 * other carer (`proxy.ts`); until then the permission grants nothing, since
 * no account can reach it.
 *
 * - The code is 12 characters from an alphabet without look-alikes (about 59
 *   bits); only its SHA-256 is kept. It works for one account, for 7 days,
 *   and a new code, a stopped permission or the person's removal cancels it.
 *   The account that accepted it may send it again (Try again after a lost
 *   answer) and is told it worked, changing nothing; for anyone else it is spent.
 * - Every way a code can fail gets one answer (`INVITATION_NOT_VALID`), and
 *   five failures within an hour stop that account trying for the hour, so
 *   guessing is hopeless (2^59 codes against 120 tries a day).
 * - The resident never sets the account: a RelatedPerson they add with a
 *   carer-account identifier is refused.
 */
import { createHash, randomInt } from 'node:crypto';
import { CARER_ACCOUNT_SYSTEM, readProxyConsent, type Consent } from '@care-record/sdk';
import { FhirHttpError, notFound } from '../fhir/outcome.js';
import type { FhirJson } from '../store/search-parameters.js';
import { isVisible, type HubStore, type Visibility } from '../store/store.js';
import { writeAuditEvent } from './audit.js';
import { carerAccountOf, carerEntries, carerOwnEntryVisibility, proxyConsents } from './proxy.js';
import { withText } from './sharing.js';
import { RESIDENT_HIDDEN_LABELS } from './visibility.js';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** Failed codes one account may send in `INVITATION_FAILURE_WINDOW_MS` before it must wait. */
export const INVITATION_FAILURE_LIMIT = 5;
export const INVITATION_FAILURE_WINDOW_MS = 60 * 60 * 1000;

/** Letters and digits that cannot be mistaken for each other when read aloud or copied (no 0/O, 1/I/L, U/V). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTWXYZ23456789';
const CODE_LENGTH = 12;

/** A new code, `ABCD-EFGH-JKMN`. */
export function newInvitationCode(): string {
  let code = '';
  for (let index = 0; index < CODE_LENGTH; index += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** The code as typed, without spaces, hyphens or case; undefined when it cannot be a code at all. */
export function normaliseInvitationCode(typed: string): string | undefined {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== CODE_LENGTH) return undefined;
  for (const character of code) if (!ALPHABET.includes(character)) return undefined;
  return code;
}

const hashOf = (code: string) => createHash('sha256').update(`care-record invitation ${code}`).digest('hex');

const notValid = () =>
  withText(
    new FhirHttpError(
      422,
      'business-rule',
      'INVITATION_NOT_VALID',
      'This invitation code is not valid: it may have been typed wrongly, used already, replaced by a newer one, cancelled, or be more than 7 days old',
    ),
    'This code did not work. Check it, or ask the person who invited you for a new one: a code works once, for 7 days.',
  );

const tooManyTries = () =>
  withText(
    new FhirHttpError(429, 'throttled', 'TOO_MANY_REQUESTS', 'Too many invitation codes that did not work: try again in an hour', {
      'retry-after': String(INVITATION_FAILURE_WINDOW_MS / 1000),
    }),
    'Too many codes did not work. For your safety, try again in an hour.',
  );

const invalidPerson = (diagnostics: string) =>
  withText(
    new FhirHttpError(422, 'business-rule', 'INVALID_RESOURCE', diagnostics),
    'This person cannot be invited. Reload the page and try again.',
  );

/** The proxy Consents on a resident's record naming this RelatedPerson that are not stopped (waiting or in force). */
async function openPermissions(store: HubStore, patientId: string, relatedPersonId: string): Promise<FhirJson[]> {
  return (await proxyConsents(store, patientId, ['proposed', 'active'])).filter(
    (consent) => readProxyConsent(consent as unknown as Consent)?.relatedPersonId === relatedPersonId,
  );
}

/** Checks a RelatedPerson a resident adds to their own record. */
export function checkNewRelatedPerson(person: FhirJson): void {
  const identifiers = (person['identifier'] as { system?: unknown }[] | undefined) ?? [];
  if (identifiers.some((identifier) => identifier.system === CARER_ACCOUNT_SYSTEM))
    throw withText(
      new FhirHttpError(
        422,
        'business-rule',
        'INVALID_RESOURCE',
        'A carer-account identifier is linked by the person themself, by accepting an invitation',
        {},
        ['RelatedPerson.identifier'],
      ),
      'This person could not be added. Reload the page and try again.',
    );
  const names = (person['name'] as { text?: unknown; given?: unknown; family?: unknown }[] | undefined) ?? [];
  const named = names.some(
    (name) =>
      (typeof name.text === 'string' && name.text.trim() !== '') ||
      (typeof name.family === 'string' && name.family.trim() !== '') ||
      (Array.isArray(name.given) && name.given.some((given) => typeof given === 'string' && given.trim() !== '')),
  );
  if (!named)
    throw withText(
      new FhirHttpError(422, 'required', 'INVALID_RESOURCE', 'A person you add needs a name', {}, ['RelatedPerson.name']),
      'Enter their name.',
    );
  if (person['active'] === false) throw invalidPerson('A person added to invite must be active');
}

/**
 * A new code for someone on the resident's record who has no account yet,
 * replacing any earlier one. Needs a proxy permission naming them that is
 * not stopped, and that the resident can see (`visibility`, by default a
 * resident's): what the code will let them do. One withheld from her is
 * answered as none (R13).
 */
export async function createInvitation(
  store: HubStore,
  patientId: string,
  relatedPersonId: string,
  now: number,
  visibility: Visibility = { hiddenLabels: RESIDENT_HIDDEN_LABELS },
): Promise<{ code: string; expires: number; name: string | undefined }> {
  const person = (await store.read('RelatedPerson', relatedPersonId))?.resource;
  if (!person || (person['patient'] as { reference?: unknown } | undefined)?.reference !== `Patient/${patientId}`)
    throw notFound('RelatedPerson');
  if (person['active'] === false) throw invalidPerson('This person is no longer active on the record');
  if (carerAccountOf(person) !== undefined)
    throw invalidPerson('This person already has an account on the record: change what they may do instead');
  // What the code will let them do: the permissions the resident sees now, and only those (never one withheld from
  // her, nor one saved later) — kept with the invitation, as the link between the code and what it puts in force.
  const invited = (await openPermissions(store, patientId, relatedPersonId)).filter((consent) => isVisible(consent, visibility));
  if (invited.length === 0) throw invalidPerson('Save what this person may do (a proxy permission naming them) before inviting them');
  const code = newInvitationCode();
  const expires = now + INVITATION_LIFETIME_MS;
  const consentIds = invited.map((consent) => String(consent['id']));
  await store.saveInvitation(
    { codeHash: hashOf(normaliseInvitationCode(code) ?? ''), patientId, relatedPersonId, expires, consentIds },
    now,
  );
  return { code, expires, name: displayName(person) };
}

export interface AcceptedInvitation {
  patientId: string;
  patientName: string | undefined;
  relatedPersonId: string;
  relatedPersonName: string | undefined;
}

/**
 * Links `account` to the person a code invites and puts their permission in
 * force, in one transaction. Throws `INVITATION_NOT_VALID` (422) for any code
 * that does not work, `TOO_MANY_REQUESTS` (429) after too many, and
 * `ALREADY_ACTING_FOR` (409) when the account is already on that record. The
 * same account accepting the same code again gets the same answer.
 */
export async function acceptInvitation(hubStore: HubStore, account: string, typed: string, now: number): Promise<AcceptedInvitation> {
  if (account === '') throw notValid();
  const since = now - INVITATION_FAILURE_WINDOW_MS;
  if ((await hubStore.invitationFailures(account, since)) >= INVITATION_FAILURE_LIMIT) throw tooManyTries();
  const failed = async (): Promise<never> => {
    await hubStore.recordInvitationFailure(account, now, since);
    throw notValid();
  };
  const code = normaliseInvitationCode(typed);
  if (code === undefined) return failed();
  const accepted = await hubStore.transaction(async (store): Promise<AcceptedInvitation | undefined> => {
    const invitation = await store.findInvitation(hashOf(code));
    if (!invitation || invitation.expires < now) return undefined;
    const stored = await store.read('RelatedPerson', invitation.relatedPersonId);
    const person = stored?.resource;
    // Only the permissions the invitation was made for (one saved before they were kept: those the resident sees).
    const permissions = (await openPermissions(store, invitation.patientId, invitation.relatedPersonId)).filter((consent) =>
      invitation.consentIds === undefined
        ? isVisible(consent, { hiddenLabels: RESIDENT_HIDDEN_LABELS })
        : invitation.consentIds.includes(String(consent['id'])),
    );
    if (
      !person ||
      person['active'] === false ||
      (person['patient'] as { reference?: unknown } | undefined)?.reference !== `Patient/${invitation.patientId}` ||
      permissions.length === 0
    ) {
      await store.dropInvitation(invitation.relatedPersonId, now);
      return undefined;
    }
    const holder = carerAccountOf(person);
    // Accepted already. The same account sending it again (Try again after a lost answer) is told it worked, and
    // nothing changes — while the permission it put in force still is; for anyone else the code is spent.
    if (holder !== undefined)
      return holder === account && permissions.some((consent) => consent['status'] === 'active')
        ? await acceptedAnswer(store, invitation.patientId, person)
        : undefined;
    if (await alreadyOnRecord(store, account, invitation.patientId))
      throw withText(
        new FhirHttpError(409, 'conflict', 'ALREADY_ACTING_FOR', 'This account is already on this person’s record'),
        'You are already on this person’s record. Ask them to change what you can do in “People who can act for you”.',
      );
    // The link is written into the entry as it is, not as a new version: the account is shown to that carer alone
    // (`carer-accounts.ts`), so a new versionId or lastUpdated would tell everyone else who may read the entry — a GP,
    // another carer — that the person accepted. Those entitled to know are told by the permission coming into force.
    await store.putInPlace({
      ...person,
      identifier: [...((person['identifier'] as FhirJson[] | undefined) ?? []), { system: CARER_ACCOUNT_SYSTEM, value: account }],
    });
    for (const consent of permissions) if (consent['status'] === 'proposed') await store.put({ ...consent, status: 'active' }, now);
    // The invitation is kept, now linked, until it expires or the permission is stopped: a repeat can find it.
    return acceptedAnswer(store, invitation.patientId, person);
  });
  // Counted outside the transaction, which a refusal would roll back.
  return accepted ?? failed();
}

async function acceptedAnswer(store: HubStore, patientId: string, person: FhirJson): Promise<AcceptedInvitation> {
  const patient = (await store.read('Patient', patientId))?.resource;
  return {
    patientId,
    patientName: patient ? displayName(patient) : undefined,
    relatedPersonId: String(person['id']),
    relatedPersonName: displayName(person),
  };
}

/** Whether this account already has a RelatedPerson (active or not) on the resident's record. */
async function alreadyOnRecord(store: HubStore, account: string, patientId: string): Promise<boolean> {
  return (await carerEntries(store, account, { patientId })).length > 0;
}

function displayName(person: FhirJson): string | undefined {
  const names = (person['name'] as { use?: string; text?: string; given?: string[]; family?: string }[] | undefined) ?? [];
  const name = names.find((candidate) => candidate.use === 'usual') ?? names.find((candidate) => candidate.use === 'official') ?? names[0];
  const text = name?.text?.trim() || [name?.given?.[0], name?.family].filter(Boolean).join(' ');
  return text || undefined;
}

/**
 * Carers' accounts for the development sign-in: the record a carer already
 * signs in as, and accepting a code at sign-in (audited on the resident's
 * record as the API's `$accept-invitation` is).
 */
export function carerAccounts(
  store: HubStore,
  now: () => number,
): { find(account: string): Promise<string | undefined>; accept(account: string, code: string): Promise<string> } {
  return {
    async find(account) {
      const people = (await carerEntries(store, account, { oldestFirst: true })).filter((candidate) => candidate['active'] !== false);
      // Signed in as an entry they may read (R17): one kept from them would leave them no way in to the others they act
      // for, which read their own entry first. Only if every one is kept from them, the oldest (their access still works).
      for (const person of people) {
        const patientId = /^Patient\/(.+)$/.exec(String((person['patient'] as { reference?: unknown } | undefined)?.reference))?.[1];
        if (patientId && isVisible(person, await carerOwnEntryVisibility(store, account, patientId, now())))
          return `RelatedPerson/${String(person['id'])}`;
      }
      const person = people[0];
      return person ? `RelatedPerson/${String(person['id'])}` : undefined;
    },
    async accept(account, code) {
      const at = now();
      const accepted = await acceptInvitation(store, account, code, at);
      const fhirUser = `RelatedPerson/${accepted.relatedPersonId}`;
      await writeAuditEvent(store, {
        viewer: {
          kind: 'carer',
          fhirUser,
          carerAccount: account,
          role: 'carer',
          clinical: false,
          scopes: [],
          name: accepted.relatedPersonName,
        },
        patients: [accepted.patientId],
        interaction: 'operation',
        description: 'Invitation to act for them accepted',
        breakGlass: false,
        actingAs: { id: accepted.relatedPersonId, name: accepted.relatedPersonName },
        at,
      });
      return fhirUser;
    },
  };
}

/**
 * What a resident is told when something they saved failed: whether it may
 * have been saved after all, why it failed, and what to do, in plain words.
 * Every person-held write is safe to try again (a repeat finds what an earlier
 * attempt stored), so "may have been saved" comes with a "Try again" that
 * cannot save it twice. No I/O; the screens render these sentences.
 */
import { HubError } from '../client/hub-error.js';
import { isRoleRestricted, NOT_PERMITTED_NOTICE, PROXY_RESTRICTED_NOTICE, SCOPE_RESTRICTED_NOTICE } from '../record/notices.js';

/** What was being saved: it decides the words. */
export type ResidentWrite = 'reading' | 'invitation' | 'carer-change' | 'sharing';

export interface WriteFailure {
  /** `no`: nothing was stored (it was refused, or never sent). `maybe`: it may have been stored, the answer was lost. */
  saved: 'no' | 'maybe';
  /** The first sentence: `Your choices may have been saved.` */
  headline: string;
  /** Why, and what to do now. Never a token, a URL or the server's own free text. */
  advice: string;
  /** Whether trying again may work: not after a refusal of what it says, nor when the sign-in does not allow it. */
  retryable: boolean;
}

/** Whose record the words are about: the resident's own, or (for a carer) the person they act for. */
export interface WriteFailureOptions {
  /**
   * How sentences name the person a carer acts for (`Bridget`, or `this person` until their record names them):
   * the words then speak of their record, not the reader's. Absent for the resident themselves.
   */
  actingFor?: string | undefined;
}

/** What the sign-in does not allow, about the resident (`you`, `your`) or about the person a carer acts for. */
function doing(write: ResidentWrite, actingFor: string | undefined): string {
  const them = actingFor?.trim() || undefined;
  const whose = them ? `${them}’s` : 'your';
  switch (write) {
    case 'reading':
      return `add readings or medicines to ${whose} record`;
    case 'invitation':
      return `invite someone to act for ${them ?? 'you'}`;
    case 'carer-change':
      return `change who can act for ${them ?? 'you'}`;
    case 'sharing':
      return `change who can see ${whose} record`;
  }
}

const headlines: Record<ResidentWrite, { no: string; maybe: string }> = {
  reading: { no: 'It was not saved.', maybe: 'It may have been saved.' },
  invitation: { no: 'The invitation was not made.', maybe: 'The invitation may have been made.' },
  'carer-change': { no: 'Nothing was changed.', maybe: 'Your change may have been saved.' },
  sharing: { no: 'Your choices were not saved.', maybe: 'Your choices may have been saved.' },
};

/** After a failure that may hide a save: trying again is safe, and says why. */
const safeAgain: Record<ResidentWrite, string> = {
  reading: 'Trying again will not add it twice.',
  invitation: 'Trying again will not invite them twice, and will give you the code.',
  'carer-change': 'Trying again is safe: if it was saved, it is not changed twice.',
  sharing: 'Trying again is safe: if they were saved, they are not saved twice.',
};

/** Why the connection failed, in plain words. */
function connection(error: HubError): string {
  switch (error.kind) {
    case 'timeout':
      return 'The care record service did not answer in time.';
    case 'network':
      return 'The connection to the care record service was lost. Check your internet connection.';
    case 'aborted':
      return 'Sending was stopped.';
    case 'invalid-response':
    case 'unsafe-link':
      return 'The care record service sent an answer that could not be read.';
    case 'http':
      // A refusal heard after an answer was lost is of a repeat: the first attempt may stand.
      return (error.status ?? 0) >= 500 ? 'The care record service had a problem.' : 'The care record service did not confirm it.';
  }
}

/**
 * A sentence the server meant for a screen (`details.text`), when it gave one; never its `diagnostics`, which is for
 * developers (element paths, codes, internal names). A sentence too long to be one is not shown either.
 */
export function screenText(error: HubError): string | undefined {
  const text = error.outcome?.issue?.map((issue) => issue.details?.text?.trim() ?? '').find((said) => said !== '');
  return text && text.length <= 300 ? text.replace(/\.?$/, '.') : undefined;
}

/**
 * The error for a write the server carried out (a 2XX) whose answer leaves out what the caller needs (who was added,
 * the code made): it may have been saved, and the answer breaks the contract.
 */
export function doneButUnreadable(operation: string, requestId: string): HubError {
  return new HubError({ kind: 'invalid-response', operation, requestId, mayHaveBeenSaved: true });
}

/** How long to wait, as long as the service asked (`Retry-After`) and never less. */
function waitFor(seconds: number | undefined): string {
  if (seconds === undefined || seconds <= 60) return 'Wait a minute, then try again.';
  if (seconds <= 3600) return `Wait ${Math.ceil(seconds / 60)} minutes, then try again.`;
  return 'Try again later.';
}

/**
 * What to do about a refusal that sending it again as it is will not get past (the sign-in, its scope, a policy,
 * a busy service); `undefined` for any other failure.
 */
function refusal(error: HubError, write: ResidentWrite, options: WriteFailureOptions): { advice: string; retryable: boolean } | undefined {
  if (error.kind !== 'http') return undefined;
  const status = error.status ?? 0;
  if (status === 401) return { advice: 'Your sign-in has ended. Sign in again, then try again.', retryable: true };
  if (status === 403 && error.insufficientScope)
    return {
      advice: `Your sign-in does not allow you to ${doing(write, options.actingFor)}. Sign out, then sign in again and allow this when you are asked. If it still does not work, contact your GP practice.`,
      retryable: false,
    };
  if (status === 403) return { advice: refusedWords(error, write, options), retryable: false };
  if (status === 429) return { advice: `The care record service is busy. ${waitFor(error.retryAfterSeconds)}`, retryable: true };
  return undefined;
}

/**
 * A refusal (403) in the words the record uses for the same refusal (record/notices.ts), never the hub's own sentence,
 * which could name things the reader was not given: a carer's proxy access, a narrow sign-in, a role; any other
 * refusal says what was not allowed.
 */
function refusedWords(error: HubError, write: ResidentWrite, options: WriteFailureOptions): string {
  const codes = error.issueCodes.map((code) => code.split('/').at(-1));
  if (codes.includes('PROXY_RESTRICTED')) return `${PROXY_RESTRICTED_NOTICE}.`;
  if (codes.includes('SCOPE_RESTRICTED')) return `${SCOPE_RESTRICTED_NOTICE}.`;
  if (isRoleRestricted(error)) return `${NOT_PERMITTED_NOTICE}.`;
  return `You are not allowed to ${doing(write, options.actingFor)}.`;
}

/** What to tell a resident about a failed save, from the error the SDK threw. */
export function describeWriteFailure(error: unknown, write: ResidentWrite, options: WriteFailureOptions = {}): WriteFailure {
  const words = headlines[write];
  const no = (advice: string, retryable: boolean): WriteFailure => ({ saved: 'no', headline: words.no, advice, retryable });
  if (!(error instanceof HubError)) return no('Something went wrong while saving it. Try again.', true);
  const refused = refusal(error, write, options);
  if (error.mayHaveBeenSaved === true)
    // An earlier answer was lost, then a repeat was refused: both are told, what to do about the refusal first.
    return {
      saved: 'maybe',
      headline: words.maybe,
      advice: `${refused?.advice ?? connection(error)} ${safeAgain[write]}`,
      retryable: true,
    };
  if (refused) return no(refused.advice, refused.retryable);
  if (error.kind !== 'http') return no(`${connection(error)} Try again.`, true);
  if ((error.status ?? 0) >= 500) return no(`${connection(error)} Try again.`, true);
  return no(screenText(error) ?? 'The care record service did not accept it. Check what you entered.', false);
}

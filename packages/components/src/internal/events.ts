/**
 * Every event the care-record elements dispatch, in one typed map. Every
 * event bubbles and is composed (it crosses shadow roots), so a host can
 * listen on the element, on any ancestor, on `document` or on `window`; the
 * global declarations below make `event.detail` typed in all four places.
 */
import type { Consent, EntryKind, Submission } from '@care-record/sdk';

/** What a host receives when someone chooses an item: enough to open its own screen for it. */
export interface CareSelectDetail {
  /** The FHIR resource type, e.g. `Condition`, `AllergyIntolerance`, `MedicationRequest`. */
  resourceType: string;
  /** The resource's logical id. */
  id: string;
}

/**
 * What a host receives when the hub no longer accepts the sign-in (401): the
 * record is not shown until the host signs the user in again and gives the
 * provider a new `client`.
 */
export interface CareAuthRequiredDetail {
  /** The hub's request id of the refused request, for a support call. */
  requestId: string | undefined;
}

/** Why the hub refused the whole record (its hub error code). */
export type AccessDeniedReason = 'NO_LEGITIMATE_RELATIONSHIP' | 'SHARING_DECLINED' | 'ACCESS_DENIED' | 'NO_PROXY_ACCESS';

/**
 * What a host receives when the hub refuses the whole record to this user (403), or when a lookup by NHS number
 * finds no record this user may open and the hub offers a search with a reason (`NONE_YOU_MAY_OPEN`).
 */
export interface CareAccessDeniedDetail {
  /**
   * The hub's code: no care relationship, the resident declined sharing with the organisation, no access at all, or
   * no carer's access; or `NONE_YOU_MAY_OPEN`: found by NHS number, no record this user may open has it, which does
   * not mean there is none (the hub answers so whether or not one exists).
   */
  reason: AccessDeniedReason | 'NONE_YOU_MAY_OPEN';
  /**
   * Whether emergency (break-glass) access with a stated reason can open the record for this user, as the hub's
   * refusal says (`BREAK_GLASS_AVAILABLE`); the provider offers it only then.
   */
  breakGlassAllowed: boolean;
  /** The hub's request id of the refused request, for a support call. */
  requestId: string | undefined;
}

/** What a host receives when emergency (break-glass) access starts or ends. */
export interface CareBreakGlassDetail {
  /** `true` from the moment the reason is given until emergency access is ended. */
  active: boolean;
}

/** What `care-share` and `care-share-status` carry: one entry a resident shares and where it has got to. */
export interface ShareDetail {
  /** The entry's key (also its idempotency key). */
  key: string;
  kind: EntryKind;
  state: Submission['state'];
}

/** What `care-sharing-save` and `care-sharing-saved` carry. */
export interface CareSharingSaveDetail {
  /** The Consent that records the resident's choices. */
  consent: Consent;
}

/** What `care-carer-changed` carries. */
export interface CareCarerChangedDetail {
  /** The proxy-access Consent that was changed. */
  consentId: string;
  /** Whether the carer's access was stopped (rather than changed). */
  stopped: boolean;
}

/** What `care-carer-invited` carries: never the code itself. */
export interface CareCarerInvitedDetail {
  /** The person invited (their RelatedPerson on the resident's record). */
  relatedPersonId: string;
}

/** Every event the elements dispatch, by name, with its detail. */
export interface CareEventDetails {
  /** An item was chosen (`<care-record-summary>`, `<care-medication-list>`, `<care-timeline>`, `<care-results>`, `<care-appointments>`). */
  'care-select': CareSelectDetail;
  /** `<care-record-provider>`: the hub no longer accepts the sign-in. */
  'care-auth-required': CareAuthRequiredDetail;
  /** `<care-record-provider>`: the hub refused the whole record to this user. */
  'care-access-denied': CareAccessDeniedDetail;
  /** `<care-record-provider>`: emergency access started or ended. */
  'care-break-glass': CareBreakGlassDetail;
  /** `<care-reading-form>`: an entry was checked and is being shared. */
  'care-share': ShareDetail;
  /** `<care-reading-form>`: an entry's status changed. */
  'care-share-status': ShareDetail;
  /** `<care-sharing>`: Save was pressed on an element given a `model` (the host saves). */
  'care-sharing-save': CareSharingSaveDetail;
  /** `<care-sharing>`: the hub saved the resident's choices. */
  'care-sharing-saved': CareSharingSaveDetail;
  /** `<care-carers>`: the resident changed or stopped a carer's access. */
  'care-carer-changed': CareCarerChangedDetail;
  /** `<care-carers>`: the resident invited someone, or made a new code for them. */
  'care-carer-invited': CareCarerInvitedDetail;
}

/** Every care-record event as the DOM delivers it: `CustomEvent` with its detail. */
export type CareEventMap = { [K in keyof CareEventDetails]: CustomEvent<CareEventDetails[K]> };

declare global {
  /* eslint-disable @typescript-eslint/no-empty-object-type -- merging into the DOM's own maps */
  interface HTMLElementEventMap extends CareEventMap {}
  interface DocumentEventMap extends CareEventMap {}
  interface WindowEventMap extends CareEventMap {}
  /* eslint-enable @typescript-eslint/no-empty-object-type */
}

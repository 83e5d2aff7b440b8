/**
 * The base of every care-record element: registration that tolerates being
 * asked twice, events typed by name, and a way to take a previous patient's
 * details off screen at once.
 */
import { LitElement } from 'lit';

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
export type AccessDeniedReason = 'NO_LEGITIMATE_RELATIONSHIP' | 'SHARING_DECLINED' | 'ACCESS_DENIED';

/** What a host receives when the hub refuses the whole record to this user (403). */
export interface CareAccessDeniedDetail {
  /** The hub's code: no care relationship, the resident declined sharing with the organisation, or no access at all. */
  reason: AccessDeniedReason;
  /** Whether emergency (break-glass) access with a stated reason can open the record; the provider offers it. */
  breakGlassAllowed: boolean;
  /** The hub's request id of the refused request, for a support call. */
  requestId: string | undefined;
}

/** What a host receives when emergency (break-glass) access starts or ends. */
export interface CareBreakGlassDetail {
  /** `true` from the moment the reason is given until emergency access is ended. */
  active: boolean;
}

/** Every event the elements dispatch, by name, with its detail. */
export interface CareEventDetails {
  'care-select': CareSelectDetail;
  'care-auth-required': CareAuthRequiredDetail;
  'care-access-denied': CareAccessDeniedDetail;
  'care-break-glass': CareBreakGlassDetail;
}

declare global {
  interface HTMLElementEventMap {
    'care-select': CustomEvent<CareSelectDetail>;
    'care-auth-required': CustomEvent<CareAuthRequiredDetail>;
    'care-access-denied': CustomEvent<CareAccessDeniedDetail>;
    'care-break-glass': CustomEvent<CareBreakGlassDetail>;
  }
}

export class CareElement extends LitElement {
  /** The tag `define()` registers this class under. */
  static elementName: string;

  /**
   * Registers the element. Safe to call more than once: when the name is
   * already taken (for example by a second copy of this package on the page)
   * the first definition stays.
   */
  static define(name: string = this.elementName, registry: CustomElementRegistry = customElements): void {
    const existing = registry.get(name);
    if (existing === undefined) registry.define(name, this);
    else if (existing !== this) console.warn(`<${name}> is already defined by another copy of @care-record/components; that one is kept.`);
  }

  /** Dispatches a bubbling, composed event that the host page can listen for; `false` when a listener cancelled it. */
  protected emit<K extends keyof CareEventDetails>(type: K, detail: CareEventDetails[K]): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: true }));
  }

  /**
   * Renders a pending update now instead of at the end of the microtask. Used
   * when the patient in context changes, so that not even a microtask passes
   * with the previous patient's details in the DOM.
   */
  protected renderNow(): void {
    if (this.hasUpdated && this.isUpdatePending) this.performUpdate();
  }
}

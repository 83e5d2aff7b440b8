/**
 * The base of every care-record element: registration that tolerates being
 * asked twice, events typed by name, and a way to take a previous patient's
 * details off screen at once.
 */
import { LitElement } from 'lit';

import type { CareEventDetails } from './events.js';

export type {
  AccessDeniedReason,
  CareAccessDeniedDetail,
  CareAuthRequiredDetail,
  CareBreakGlassDetail,
  CareEventDetails,
  CareEventMap,
  CareSelectDetail,
  CareSharingSaveDetail,
  ShareDetail,
} from './events.js';

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
    else if (existing !== this) {
      // Another copy or version of this package carries the same static; anything else is another library's element.
      const holder = 'elementName' in existing ? 'another copy of @care-record/components' : 'another library, not care-record';
      console.warn(`<${name}> is already defined by ${holder}; that definition is kept and this one is not registered.`);
    }
  }

  /**
   * React and Vue pass `null` for "no value" (`model={summary ?? null}`): for a `model` it means what leaving it
   * out means, read the record from the provider, not a view model of no one ("No patient selected").
   */
  protected override performUpdate(): void {
    const host = this as { model?: unknown };
    if (host.model === null) host.model = undefined;
    super.performUpdate();
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

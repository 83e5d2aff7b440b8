/**
 * The state of one resident while their record is written: the plan, the
 * resources so far, stable ids, the organisations they have a relationship
 * with, and the time rules (nothing before birth, nothing after death or now).
 */
import type { Resource } from '@care-record/sdk';
import type { OrganizationDirectory, OrganizationEntry } from '../directory/organizations.js';
import type { StaffDirectory, StaffEntry, StaffRole } from '../directory/staff.js';
import { RESIDENT_SOURCE, securityCodingsFor, ukCoreProfile, type Meta, type Reference, type SecurityLabel } from '../fhir.js';
import type { Random } from '../random.js';
import { atLondonTime, DAY, fhirInstant, HOUR, londonWeekday, MINUTE, toMinute } from '../time.js';
import type { ResidentPlan } from './plan-types.js';

export interface Directory {
  readonly organizations: OrganizationDirectory;
  readonly staff: StaffDirectory;
}

export interface GeneratorSettings {
  readonly seed: string;
  readonly now: number;
  /** Where document content is fetched from: `<base><DocumentReference id>`. */
  readonly documentBaseUrl: string;
  readonly directory: Directory;
}

/** Who contributed an entry: an organisation's system, or the resident themselves. */
export type Contributor = OrganizationEntry | 'resident';

export class ResidentContext {
  readonly resources: Resource[] = [];
  readonly plan: ResidentPlan;
  readonly settings: GeneratorSettings;
  readonly now: number;
  /** The last moment anything can have happened: death, or now. */
  readonly end: number;
  readonly #counters = new Map<string, number>();
  readonly #relationships = new Set<string>();
  #patientDisplay = '';
  #patientGivenNames: readonly string[] = [];

  constructor(plan: ResidentPlan, settings: GeneratorSettings) {
    this.plan = plan;
    this.settings = settings;
    this.now = settings.now;
    this.end = plan.death ?? settings.now;
    if (plan.practice) this.relate(plan.practice);
  }

  get directory(): Directory {
    return this.settings.directory;
  }

  get alive(): boolean {
    return this.plan.death === undefined;
  }

  get patientId(): string {
    return this.plan.patientId;
  }

  setPatientDisplay(display: string): void {
    this.#patientDisplay = display;
  }

  /** Every given name the resident goes by (official, middle and preferred): their contacts never share one. */
  setPatientGivenNames(names: readonly string[]): void {
    this.#patientGivenNames = names;
  }

  /** A given name for someone in the resident's life, never one of the resident's own. */
  givenNameForContact(rng: Random, names: readonly string[]): string {
    const first = rng.pick(names);
    if (!this.#patientGivenNames.includes(first)) return first;
    const others = names.filter((name) => !this.#patientGivenNames.includes(name));
    return others.length > 0 ? rng.pick(others) : first;
  }

  /** `Patient/<id>` with the clinician-style name, as the sources send it. */
  patient(): Reference {
    return { reference: `Patient/${this.plan.patientId}`, display: this.#patientDisplay };
  }

  /** A new id for this resident: `<patient id>-<kind>-<n>`. */
  id(kind: string): string {
    const next = (this.#counters.get(kind) ?? 0) + 1;
    this.#counters.set(kind, next);
    return `${this.plan.patientId}-${kind}-${next}`;
  }

  add<T extends Resource>(resource: T): T {
    this.resources.push(resource);
    return resource;
  }

  /** Records a legitimate relationship: the organisation has cared for the resident. */
  relate(organization: OrganizationEntry): void {
    this.#relationships.add(organization.id);
  }

  relationships(): string[] {
    return [...this.#relationships];
  }

  /**
   * `meta` for an entry written at `at` by `contributor`. The hub's own
   * version bookkeeping starts at 1; lastUpdated never passes death or now.
   */
  meta(contributor: Contributor, profile: string, at: number, security?: readonly SecurityLabel[]): Meta {
    const updated = Math.min(this.end, Math.max(this.plan.birth, at));
    return {
      versionId: '1',
      lastUpdated: fhirInstant(updated),
      source: contributor === 'resident' ? RESIDENT_SOURCE : contributor.source,
      profile: [ukCoreProfile(profile)],
      ...(security?.length ? { security: securityCodingsFor(security) } : {}),
    };
  }

  /** Someone in `role` at `organization`, chosen by the caller's sequence. */
  staff(organization: OrganizationEntry, role: StaffRole, rng: Random): StaffEntry {
    return rng.pick(this.directory.staff.at(organization, role));
  }

  /** The last moment of life at home: the start of a final admission to hospital, else the end. */
  get atHomeUntil(): number {
    return this.plan.finalAdmission ?? this.end;
  }

  /** The earliest moment of the resident's detailed record, never before birth. */
  get historyStart(): number {
    return Math.max(this.plan.birth, this.plan.historyStart);
  }

  /** A moment in [from, to], to the minute. */
  anyTime(rng: Random, from: number, to: number): number {
    const low = Math.max(from, this.plan.birth);
    const high = Math.max(low, to);
    return toMinute(low + rng.next() * (high - low));
  }

  /**
   * A weekday moment in office hours (08:30–17:30, London time) in [from, to];
   * when the window is too narrow for that, any moment in it.
   */
  officeTime(rng: Random, from: number, to: number): number {
    const low = Math.max(from, this.plan.birth);
    const high = Math.max(low, to);
    for (let attempt = 0; attempt < 4; attempt++) {
      let day = low + rng.next() * (high - low);
      const weekday = londonWeekday(day);
      if (weekday === 6) day += attempt % 2 ? DAY * 2 : -DAY;
      if (weekday === 0) day += attempt % 2 ? DAY : -DAY * 2;
      const moment = atLondonTime(day, 8, 30) + rng.int(0, 53) * 10 * MINUTE;
      if (moment >= low && moment <= high) return moment;
    }
    return this.anyTime(rng, low, high);
  }

  /** A future weekday office-hours moment between `minDays` and `maxDays` from now. */
  futureOfficeTime(rng: Random, minDays: number, maxDays: number): number {
    const from = this.now + minDays * DAY;
    const to = this.now + maxDays * DAY;
    let day = from + rng.next() * (to - from);
    const weekday = londonWeekday(day);
    if (weekday === 6) day += 2 * DAY;
    if (weekday === 0) day += DAY;
    return atLondonTime(day, 9, 0) + rng.int(0, 47) * 10 * MINUTE;
  }

  /** Clamps a moment to what can have happened (not after death or now, not before birth). */
  past(moment: number): number {
    return toMinute(Math.min(this.end, Math.max(this.plan.birth, moment)));
  }

  /** Hours after a moment, clamped to the past. */
  later(moment: number, hours: number): number {
    return this.past(toMinute(moment + hours * HOUR));
  }
}

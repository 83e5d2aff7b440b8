/**
 * A source names the resident an item is about in more forms than `Patient/<id>`: this hub's address
 * (`https://<hub>/fhir/Patient/<id>`, a version of it), or her NHS number — alone (a logical reference, as GP Connect
 * and booking systems send an appointment's participants) or beside a reference. The record is kept by resident
 * (`compartmentsOf` reads `Patient/<id>`), so the hub places each such item when it is written: a form that names
 * exactly one resident it holds is written with her `Patient/<id>` as its reference (the identifier and display kept
 * as sent), and is then in her record exactly as one sent so.
 *
 * A form it cannot place is never guessed at: an NHS number no resident here holds or that two hold, one that fails
 * its check digit, another server's resident, or a reference and an NHS number naming different residents. The item's
 * subject (`subject`, `patient`) so named refuses the write (422, saying which element and why, never the number). An
 * Appointment is in every participant's record: a participant the hub does not hold (unknown, held twice, another
 * server's) is kept as sent and puts it in no one's record, while the residents it does place have it; one that fails
 * its check digit or whose two names disagree is bad input and refuses it, as does an Appointment placing none.
 */
import { FhirHttpError } from '../fhir/outcome.js';
import { pick, type FhirJson } from '../store/search-parameters.js';
import type { HubStore, StoredResource } from '../store/store.js';
import { addressKey, hubEntry } from './mental-health.js';

export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

/** Ten digits whose last is the Modulus 11 check digit of the nine before it (10 is no digit: never valid). */
export function isValidNhsNumber(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  let sum = 0;
  for (let index = 0; index < 9; index += 1) sum += Number(value[index]) * (10 - index);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === Number(value[9]);
}

/**
 * Whether a system is the NHS number's. DOMAIN.md gives it one URI, and no other system differs from it by case
 * alone, so a sender's `…/id/nhs-number` or `FHIR.NHS.UK` is read as it: else a reference beside another resident's
 * number so spelt would escape the check that they name one resident.
 */
const isNhsNumberSystem = (system: unknown): boolean =>
  typeof system === 'string' && system.trim().toLowerCase() === NHS_NUMBER_SYSTEM.toLowerCase();

/** An NHS number as written, its spaces and dashes (`943 476 5919`, `943-476-5919`) left out. */
const nhsDigits = (value: string) => value.replace(/[\s-]/g, '');

/** Why a form names no one resident here; each is said in the refusal. */
const UNPLACED = {
  unknown: 'an NHS number no resident on this record holds',
  ambiguous: 'an NHS number more than one resident on this record holds',
  elsewhere: 'a resident on another server (send this hub’s reference or her NHS number alone)',
  'no-such-resident': 'a resident this hub does not hold',
  invalid: 'an NHS number that fails its check digit',
  mismatch: 'a reference and an NHS number of different residents',
  unreadable: 'a resident by a form this hub does not read (send Patient/<id> or her NHS number)',
  'merged-in-a-loop': 'an NHS number whose merged records lead to no current one',
} as const;
type Unplaced = keyof typeof UNPLACED;
/** Bad input: refused wherever it is, a participant's too. */
const ALWAYS_REFUSED: ReadonlySet<Unplaced> = new Set(['invalid', 'mismatch']);

type Placement = { placed: string; rewrite: boolean } | { unplaced: Unplaced };

const isObject = (value: unknown): value is FhirJson => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The elements that name the resident an item is about, with their paths, as `compartmentsOf` reads them. */
function residentElements(resource: FhirJson): { path: string; reference: FhirJson; subject: boolean }[] {
  if (resource['resourceType'] === 'Appointment')
    return pick(resource, 'participant').flatMap((participant, index) => {
      const actor = isObject(participant) ? participant['actor'] : undefined;
      return isObject(actor) ? [{ path: `Appointment.participant[${index}].actor`, reference: actor, subject: false }] : [];
    });
  return ['subject', 'patient'].flatMap((key) => {
    const value = resource[key];
    return isObject(value) ? [{ path: `${String(resource['resourceType'])}.${key}`, reference: value, subject: true }] : [];
  });
}

/**
 * Whether a reference element is about a resident: not one naming another kind of entry (`Group/x`, `Location/y`).
 * An item's subject is a resident's unless it so names another kind: given by a display alone, `urn:uuid:…` or a
 * contained `#pt` (a copy of her details, not her record), it names no one the hub holds and is refused, never kept
 * under no one. An appointment's participant may be a clinician or a room named by display alone.
 */
function namesResident(reference: FhirJson, addresses: readonly string[], subject: boolean): boolean {
  const target = typeof reference['reference'] === 'string' ? reference['reference'] : undefined;
  if (target !== undefined) {
    const entry = hubEntry(target, addresses);
    return entry === undefined ? subject || /^patient\b/i.test(target.trim()) : entry.type.toLowerCase() === 'patient';
  }
  return subject || reference['type'] === 'Patient' || nhsNumberOf(reference) !== undefined || isObject(reference['identifier']);
}

function nhsNumberOf(reference: FhirJson): string | undefined {
  const identifier = reference['identifier'];
  if (!isObject(identifier) || !isNhsNumberSystem(identifier['system'])) return undefined;
  return typeof identifier['value'] === 'string' ? nhsDigits(identifier['value']) : '';
}

/** A Patient's identifiers carrying an NHS number, each with its `use`. */
const nhsNumbersOf = (patient: FhirJson) =>
  pick(patient, 'identifier').flatMap((identifier) =>
    isObject(identifier) && isNhsNumberSystem(identifier['system']) && typeof identifier['value'] === 'string'
      ? [{ value: nhsDigits(identifier['value']), use: identifier['use'] }]
      : [],
  );

const holdsNhsNumber = (patient: StoredResource, nhsNumber: string) =>
  nhsNumbersOf(patient.resource).some((held) => held.value === nhsNumber);

/** How many Patients sharing a number are read to find its holder; more is refused as ambiguous, never guessed at. */
const HOLDER_CANDIDATES = 20;
/** How many `replaced-by` links are followed to a survivor; a longer chain is read as a loop. */
const MERGE_LINKS_FOLLOWED = 10;

/** The record that replaced a Patient (its one `replaced-by` link to `Patient/<id>`), if it says one did. */
function replacedBy(patient: FhirJson): string | undefined {
  const targets = pick(patient, 'link').flatMap((link) => {
    const other = isObject(link) && link['type'] === 'replaced-by' && isObject(link['other']) ? link['other']['reference'] : undefined;
    const id = typeof other === 'string' ? /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(other.trim())?.[1] : undefined;
    return id === undefined ? [] : [id];
  });
  return targets.length === 1 ? targets[0] : undefined;
}

/**
 * The active record a Patient is now (herself, or the survivor her `replaced-by` links lead to); `none` for an
 * inactive record no one replaced, `loop` where the links come back on themselves or lead nowhere held.
 */
async function survivorOf(store: HubStore, patient: FhirJson): Promise<string | 'none' | 'loop'> {
  const seen = new Set<string>();
  let current: FhirJson | undefined = patient;
  while (current !== undefined) {
    const id = String(current['id']);
    if (seen.has(id) || seen.size >= MERGE_LINKS_FOLLOWED) return 'loop';
    seen.add(id);
    if (current['active'] !== false) return id;
    const next = replacedBy(current);
    if (next === undefined) return seen.size === 1 ? 'none' : 'loop';
    current = (await store.read('Patient', next))?.resource;
  }
  return 'loop';
}

/**
 * The resident an NHS number now names: among the Patients holding it as a current identifier (any `use` but `old`),
 * each taken to the active record it is now (`survivorOf`). One is placed; two active records are ambiguous; a merge
 * that never ends is refused; a number only an old or retired record holds is no one's here.
 */
async function currentHolderOf(store: HubStore, nhsNumber: string): Promise<Placement> {
  const found = await store.search({
    type: 'Patient',
    criteria: [{ kind: 'token', name: 'identifier', values: [{ system: NHS_NUMBER_SYSTEM, code: nhsNumber }], anySystem: [false] }],
    sort: { by: 'lastUpdated', descending: false },
    count: HOLDER_CANDIDATES,
    visibility: { hiddenLabels: [] },
  });
  if (found.resources.length >= HOLDER_CANDIDATES) return { unplaced: 'ambiguous' };
  const survivors = new Set<string>();
  for (const patient of found.resources) {
    if (!nhsNumbersOf(patient).some((held) => held.value === nhsNumber && held.use !== 'old')) continue;
    const survivor = await survivorOf(store, patient);
    if (survivor === 'loop') return { unplaced: 'merged-in-a-loop' };
    if (survivor !== 'none') survivors.add(survivor);
  }
  if (survivors.size > 1) return { unplaced: 'ambiguous' };
  const [holder] = survivors;
  return holder === undefined ? { unplaced: 'unknown' } : { placed: holder, rewrite: true };
}

async function placementOf(store: HubStore, reference: FhirJson, addresses: readonly string[]): Promise<Placement> {
  const target = typeof reference['reference'] === 'string' ? reference['reference'] : undefined;
  const nhsNumber = nhsNumberOf(reference);
  if (nhsNumber !== undefined && !isValidNhsNumber(nhsNumber)) return { unplaced: 'invalid' };
  const literal = target !== undefined && /^Patient\/[A-Za-z0-9\-.]{1,64}$/.test(target);
  // The form every item has always been kept by: placed as it was, with no look-up, unless an NHS number beside it is to check.
  if (literal && nhsNumber === undefined) return { placed: target.slice('Patient/'.length), rewrite: false };
  if (target !== undefined) {
    const entry = hubEntry(target, addresses);
    if (entry === undefined || entry.type.toLowerCase() !== 'patient') return { unplaced: 'unreadable' };
    if (entry.elsewhere) return { unplaced: 'elsewhere' };
    const patient = await store.read('Patient', entry.id);
    if (patient === undefined) return { unplaced: 'no-such-resident' };
    // Beside a reference, the number must be hers: held by her, or now hers as the record that replaced its holder.
    if (nhsNumber !== undefined && !holdsNhsNumber(patient, nhsNumber)) {
      const holder = await currentHolderOf(store, nhsNumber);
      if (!('placed' in holder) || holder.placed !== entry.id) return { unplaced: 'mismatch' };
    }
    return { placed: entry.id, rewrite: !literal };
  }
  if (nhsNumber === undefined) return { unplaced: 'unreadable' };
  return currentHolderOf(store, nhsNumber);
}

const refusal = (path: string, why: Unplaced) =>
  new FhirHttpError(422, 'processing', 'INVALID_RESOURCE', `${path} names ${UNPLACED[why]}: the item is not kept`, {}, [path]);

const plain = (reference: FhirJson) =>
  reference['identifier'] === undefined &&
  typeof reference['reference'] === 'string' &&
  /^Patient\/[A-Za-z0-9\-.]{1,64}$/.test(reference['reference']);

/** Whether an item names a resident by any form but `Patient/<id>` alone (worked out without a look-up). */
function needsPlacing(resource: FhirJson, hubAddresses: readonly string[]): boolean {
  const type = resource['resourceType'];
  if (type === 'Patient' || type === 'AuditEvent') return false;
  return residentElements(resource).some(({ reference, subject }) => namesResident(reference, hubAddresses, subject) && !plain(reference));
}

/**
 * The item as the hub keeps it: each form naming a resident it holds written as her `Patient/<id>`; refused (a
 * `FhirHttpError` of 422) where it names its subject by a form that places no one. Unchanged (the same object) when
 * every resident is already named `Patient/<id>`, with no look-up.
 */
export async function placeResidents(store: HubStore, resource: FhirJson, hubAddresses: readonly string[]): Promise<FhirJson> {
  const type = resource['resourceType'];
  if (!needsPlacing(resource, hubAddresses)) return resource;
  const copy = structuredClone(resource);
  const copied = residentElements(copy).filter(({ reference, subject }) => namesResident(reference, hubAddresses, subject));
  let placedAny = false;
  let firstUnplaced: { path: string; why: Unplaced } | undefined;
  for (const { path, reference } of copied) {
    const placement = await placementOf(store, reference, hubAddresses);
    if ('placed' in placement) {
      placedAny = true;
      if (placement.rewrite) reference['reference'] = `Patient/${placement.placed}`;
      continue;
    }
    // An item's subject, or bad input anywhere, is refused; an appointment's participant the hub does not hold is kept out.
    if (type !== 'Appointment' || ALWAYS_REFUSED.has(placement.unplaced)) throw refusal(path, placement.unplaced);
    firstUnplaced ??= { path, why: placement.unplaced };
  }
  if (!placedAny && firstUnplaced) throw refusal(firstUnplaced.path, firstUnplaced.why);
  return copy;
}

/** This hub's FHIR bases as `hubEntry` compares them. */
export function residentAddresses(fhirBaseUrls: readonly string[]): string[] {
  return fhirBaseUrls.flatMap((url) => addressKey(url) ?? []);
}

/**
 * The store as the hub writes to it: every item placed (`placeResidents`) before it is kept, by `put`, `putMany`,
 * `putInPlace` and inside a transaction alike.
 */
export function placingResidents(store: HubStore, fhirBaseUrls: readonly string[]): HubStore {
  const addresses = residentAddresses(fhirBaseUrls);
  const wrap = (inner: HubStore): HubStore =>
    new Proxy(inner, {
      get(target, property) {
        if (property === 'put')
          return async (resource: FhirJson, lastUpdated?: number) =>
            target.put(await placeResidents(target, resource, addresses), lastUpdated);
        if (property === 'putInPlace')
          return async (resource: FhirJson) => target.putInPlace(await placeResidents(target, resource, addresses));
        if (property === 'putMany')
          return async (resources: readonly FhirJson[], lastUpdated: number) => {
            if (!resources.some((resource) => needsPlacing(resource, addresses))) return target.putMany(resources, lastUpdated);
            // Placed in order, in one transaction: a resident written earlier in the same load places what names her.
            await target.transaction(async (inTransaction) => {
              for (const resource of resources)
                await inTransaction.put(await placeResidents(inTransaction, resource, addresses), lastUpdated);
            });
          };
        if (property === 'transaction')
          return <T>(work: (store: HubStore) => Promise<T>) => target.transaction((inTransaction) => work(wrap(inTransaction)));
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  return wrap(store);
}

/**
 * The store's meta key saying every item written before placement has been placed, and the rules it was placed by:
 * version 2 places by an NHS number's current holder, and runs again where version 1 marked a store done while leaving
 * items unplaced.
 */
export const RESIDENTS_PLACED_META = 'residents-placed';
const RESIDENTS_PLACED_VERSION = '2';

/** Whether every resident an item names is already named `Patient/<id>` (placed, or sent so): nothing to look up. */
const alreadyPlaced = (resource: FhirJson) =>
  residentElements(resource).every(({ reference }) => {
    const target = reference['reference'];
    return typeof target === 'string' && /^Patient\/[A-Za-z0-9\-.]{1,64}$/.test(target);
  });

/**
 * Places what an older hub kept naming a resident otherwise than `Patient/<id>` (under no one, under a resident
 * "<id>/_history/n", or an appointment in the first participant's record only): each such item is written again as
 * `placeResidents` would have written it. The database finds the few rows that may name one by text, and an item
 * already naming each resident `Patient/<id>` is passed over, so no other row is looked up; an item that still names
 * no one resident is left as it was and counted. The store is marked done only when none is left: while one is, the
 * pass runs again on every opening (it reads only those candidate rows), so an item whose resident is registered
 * later is placed then rather than never.
 */
export async function placeWrittenBefore(
  store: HubStore,
  fhirBaseUrls: readonly string[],
  lastUpdated = Date.now(),
): Promise<{ placed: number; unplaced: number }> {
  if ((await store.meta(RESIDENTS_PLACED_META)) === RESIDENTS_PLACED_VERSION) return { placed: 0, unplaced: 0 };
  const addresses = residentAddresses(fhirBaseUrls);
  const rows = await store.query<{ type: string; id: string }>(
    `SELECT type, id FROM resource WHERE type NOT IN ('Patient', 'AuditEvent') AND (json LIKE ? OR json LIKE ? OR json LIKE ?)`,
    [`%${NHS_NUMBER_SYSTEM}%`, '%/Patient/%', '%/_history/%'],
  );
  let placed = 0;
  let unplaced = 0;
  for (const { type, id } of rows) {
    const stored = await store.read(type, id);
    if (!stored || !needsPlacing(stored.resource, addresses) || alreadyPlaced(stored.resource)) continue;
    const resource = stored.resource;
    try {
      const kept = await placeResidents(store, resource, addresses);
      if (JSON.stringify(kept) === JSON.stringify(resource)) continue;
      await store.put(kept, lastUpdated);
      placed += 1;
    } catch (error) {
      if (!(error instanceof FhirHttpError)) throw error;
      unplaced += 1;
    }
  }
  if (unplaced === 0) await store.setMeta(RESIDENTS_PLACED_META, RESIDENTS_PLACED_VERSION);
  return { placed, unplaced };
}

/**
 * A new or changed item as the gate reads whose record it is on, before any look-up: a resident named by a version
 * of her reference (`Patient/<id>/_history/1`) is named `Patient/<id>`, as the item will be kept. Unchanged (the same
 * object) where there is none.
 */
export function withVersionsDropped(resource: FhirJson): FhirJson {
  const versioned = /^(Patient\/[A-Za-z0-9\-.]{1,64})\/_history\/[A-Za-z0-9\-.]{1,64}$/;
  const named = (reference: FhirJson) => typeof reference['reference'] === 'string' && versioned.test(reference['reference']);
  if (!residentElements(resource).some(({ reference }) => named(reference))) return resource;
  const copy = structuredClone(resource);
  for (const { reference } of residentElements(copy))
    if (named(reference)) reference['reference'] = String(reference['reference']).replace(versioned, '$1');
  return copy;
}

/**
 * Whether a resident or carer's new item names its resident by NHS number alone. The gate asks for `Patient/<id>`
 * rather than look the number up for them, so that the answer never tells whether someone else holds a number.
 */
export function namedByNhsNumberAlone(resource: FhirJson): boolean {
  return residentElements(resource).some(({ reference }) => reference['reference'] === undefined && nhsNumberOf(reference) !== undefined);
}

/** The gate's answer to such an item: a `422` asking for her reference, the same whose number it is. */
export const nhsNumberNotPlacedForWriter = (resource: FhirJson) =>
  new FhirHttpError(
    422,
    'processing',
    'INVALID_RESOURCE',
    `Name the resident as Patient/<id>: an item added here is not placed by NHS number`,
    {},
    [`${String(resource['resourceType'])}`],
  );

/**
 * What a hub response says about what it could not include: items withheld from
 * this viewer, and source systems that did not answer. Read from the Bundle
 * `meta.security` label `REDACTED` and from OperationOutcome entries carrying
 * the hub codes `INFORMATION_WITHHELD` and `SOURCE_UNAVAILABLE`.
 */
import { NOT_KNOWN } from '../format/placeholders.js';

export interface RecordNotices {
  /** Some items are not shown to this viewer. Never says what, how many or where from. */
  withheld: boolean;
  /** Source organisations that did not answer, each once, in the order first reported. */
  unavailableSources: { odsCode: string; name: string }[];
}

/**
 * The shape of a Bundle this reads; every Bundle type of the contract fits it,
 * read-only arrays included.
 */
export type NoticeBundle = {
  meta?: { security?: readonly { code?: string | undefined }[] | undefined } | undefined;
  entry?: readonly { resource?: unknown; search?: { mode?: string | undefined } | undefined }[] | undefined;
};

const HUB_ERROR_SYSTEM = 'https://care-record.example/CodeSystem/hub-error';
const SOURCE_SYSTEM = 'https://care-record.example/source';

/** Sentence shown when some items are not shown to this viewer. */
export const WITHHELD_NOTICE = 'Some information is not shown';
/** Sentence shown in a section the viewer's role may not see. */
export const NOT_PERMITTED_NOTICE = 'Your role does not give access to this information';
/** Sentence naming a source that did not answer. */
export const unavailableNotice = (source: { name: string }): string =>
  source.name === NOT_KNOWN ? 'Information from one of the services is unavailable' : `Information from ${source.name} is unavailable`;

/** Stands in for the ODS code when an unavailable-source notice does not name its organisation. */
export const UNKNOWN_SOURCE_ODS = 'unknown';

interface CodingLike {
  system?: unknown;
  code?: unknown;
  display?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function issuesOf(resource: unknown): { codings: CodingLike[] }[] {
  if (!isObject(resource) || resource['resourceType'] !== 'OperationOutcome' || !Array.isArray(resource['issue'])) return [];
  return resource['issue'].filter(isObject).map((issue) => {
    const details = issue['details'];
    const codings = isObject(details) && Array.isArray(details['coding']) ? details['coding'].filter(isObject) : [];
    return { codings: codings as CodingLike[] };
  });
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * Collects the notices of one or more Bundles (a `$summary`, the searches of a
 * batch). `undefined` entries are skipped, so the results of failed reads can
 * be passed as they are. An OperationOutcome counts when its entry is a search
 * outcome or carries no search mode (collection Bundles have none).
 */
export function readNotices(bundles: Iterable<NoticeBundle | undefined>): RecordNotices {
  let withheld = false;
  const unavailable = new Map<string, string>();

  for (const bundle of bundles) {
    if (!bundle) continue;
    if (bundle.meta?.security?.some((label) => label.code === 'REDACTED')) withheld = true;
    for (const entry of bundle.entry ?? []) {
      const mode = entry.search?.mode;
      if (mode !== undefined && mode !== 'outcome') continue;
      for (const { codings } of issuesOf(entry.resource)) {
        const hubCodes = codings.filter((coding) => coding.system === HUB_ERROR_SYSTEM).map((coding) => coding.code);
        if (hubCodes.includes('INFORMATION_WITHHELD')) withheld = true;
        if (!hubCodes.includes('SOURCE_UNAVAILABLE')) continue;
        const source = codings.find((coding) => coding.system === SOURCE_SYSTEM);
        const odsCode = text(source?.code) || UNKNOWN_SOURCE_ODS;
        const name = text(source?.display) || unavailable.get(odsCode) || NOT_KNOWN;
        unavailable.set(odsCode, name);
      }
    }
  }

  return { withheld, unavailableSources: [...unavailable].map(([odsCode, name]) => ({ odsCode, name })) };
}

/** Services involved: current episodes of care, those started first; social care first, then newest. */
import type { EpisodeOfCare, Organization } from '../../fhir.js';
import { NOT_KNOWN } from '../../format/placeholders.js';
import { conceptText, firstConceptWords, tidyText as tidy } from '../concept-text.js';
import { sourceOf, type SourceLabel } from '../source.js';
import { date, endedBefore, newestFirst, startsAfter, statusCode, type SummaryContext } from './context.js';

export interface InvolvementItem {
  id: string;
  service: string;
  organisation: string;
  careManager: string;
  team?: string;
  /** When it began; for one not yet started, when it will. */
  since: string;
  /** Its period starts after now: listed, but never as a service already involved. */
  notYetStarted: boolean;
  /** Set when the episode's status is missing or no FHIR code: listed, as nothing says it has finished, but not called current. */
  statusNotKnown?: true;
  /** Adult or children's social care, as opposed to a health service. */
  socialCare: boolean;
  source: SourceLabel;
}

function isSocialCare(episode: EpisodeOfCare, organizationsById: ReadonlyMap<string, Organization>): boolean {
  const codes = (episode.type ?? []).flatMap((type) => (type.coding ?? []).map((coding) => coding.code ?? ''));
  if (codes.some((code) => code.startsWith('asc-') || code.startsWith('csc-'))) return true;
  const words = (episode.type ?? []).map((type) => conceptText(type) ?? '').join(' ');
  if (/social care|care act|child protection|child in need/i.test(words)) return true;
  const organizationId = /(?:^|\/)Organization\/([^/]+)$/.exec(tidy(episode.managingOrganization?.reference))?.[1];
  const organization = organizationId ? organizationsById.get(organizationId) : undefined;
  return (organization?.type ?? []).some((type) => /social care|local authority|council/i.test(conceptText(type) ?? ''));
}

const EPISODE_STATUSES: readonly EpisodeOfCare['status'][] = [
  'planned',
  'waitlist',
  'active',
  'onhold',
  'finished',
  'cancelled',
  'entered-in-error',
];
const episodeStatus = (episode: EpisodeOfCare): EpisodeOfCare['status'] | undefined => statusCode(episode.status, EPISODE_STATUSES);

function involvementItem(
  episode: EpisodeOfCare,
  context: SummaryContext,
  organizationsById: ReadonlyMap<string, Organization>,
): InvolvementItem {
  const team = (episode.team ?? []).map((reference) => context.directory.name(reference, '', episode)).find(Boolean);
  const source = sourceOf(episode, context.organizations);
  return {
    id: episode.id ?? NOT_KNOWN,
    service: firstConceptWords(episode.type) ?? NOT_KNOWN,
    organisation: context.directory.name(episode.managingOrganization, source.name, episode),
    careManager: context.directory.name(episode.careManager, NOT_KNOWN, episode),
    ...(team ? { team } : {}),
    since: date(episode.period?.start, context),
    notYetStarted: startsAfter(episode.period?.start, context.now),
    ...(episodeStatus(episode) === undefined ? { statusNotKnown: true as const } : {}),
    socialCare: isSocialCare(episode, organizationsById),
    source,
  };
}

export function involvementItems(
  episodes: readonly EpisodeOfCare[],
  context: SummaryContext,
  organizationsById: ReadonlyMap<string, Organization>,
): InvolvementItem[] {
  return episodes
    .filter((episode) => {
      // Current or on hold; or of a status missing or no FHIR code, as nothing says it has finished.
      const status = episodeStatus(episode);
      return (status === 'active' || status === 'onhold' || status === undefined) && !endedBefore(episode.period?.end, context.now);
    })
    .map((episode) => ({ episode, item: involvementItem(episode, context, organizationsById) }))
    .sort(
      (a, b) =>
        Number(a.item.notYetStarted) - Number(b.item.notYetStarted) ||
        Number(b.item.socialCare) - Number(a.item.socialCare) ||
        newestFirst(a.episode.period?.start, b.episode.period?.start),
    )
    .map(({ item }) => item);
}

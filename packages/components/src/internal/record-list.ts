import type { RecordAudience } from '@care-record/sdk';
import { html, type TemplateResult } from 'lit';
import { elementAudience } from './audience.js';
import { wordsFor } from './carer-words.js';
import type { ActingFor } from './record-context.js';
import type { RecordTask } from './record-task.js';
import { renderFrame, renderSkeleton, renderTask, wrongPatientModel } from './states.js';

/** The words a record list has for its states, whatever else it says. */
interface StateWords {
  region: string;
  loading: string;
  failed: string;
  noPatient: string;
}

/** A record list as the host sees it: its tag, the audience it was given, and any view model the host set. */
interface ListElement<M> {
  readonly localName: string;
  readonly audience: unknown;
  readonly model: M | undefined;
}

/** A record list: its section's name, its skeleton's lines, and its words. */
export interface RecordList<W> {
  /** The section's class and part, where "Try again" hands focus. */
  name: string;
  skeletonLines: number;
  words: Record<RecordAudience, W>;
  /** The words a carer sees, about the person they act for. */
  carer: (who: ActingFor) => Partial<W>;
}

/**
 * What a record list shows, in the audience's language: a view model the
 * host set (in its own audience's words, and never when it is about another
 * patient than the one in context), else the list's load in each state;
 * `ready` renders the list itself.
 */
export function renderRecordList<M extends { patientId: string; audience: RecordAudience }, W extends StateWords>(
  element: ListElement<M>,
  task: RecordTask<M>,
  view: RecordList<W>,
  ready: (model: M, words: W) => TemplateResult,
): TemplateResult {
  const context = task.context;
  const audience = elementAudience(element.localName, context?.audience, element.audience);
  const wordsIn = (audience: RecordAudience) => wordsFor(view.words, audience, task.context?.actingFor, view.carer);
  const words = wordsIn(audience);
  const given = element.model;
  const state = given
    ? (wrongPatientModel(task, given.patientId, words.failed, audience) ?? ready(given, wordsIn(given.audience)))
    : renderTask(task, {
        audience,
        idle: () => html`<p class="empty">${words.noPatient}</p>`,
        failed: words.failed,
        focus: `.${view.name}`,
        loading: () => renderFrame(view.name, words.region, renderSkeleton(words.loading, view.skeletonLines), true),
        ready: (model) => ready(model, words),
      });
  return html`<div class="root" lang=${context?.locale ?? 'en-GB'}>${state}</div>`;
}

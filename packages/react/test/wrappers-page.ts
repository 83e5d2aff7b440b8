/**
 * The page for `wrappers.test.ts`: the generated React components rendered by
 * React 19 with view models built from the synthetic borough. What happens is
 * left on `window.wrapperResults` for the test to read.
 */
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { CareSelectDetail } from '@care-record/components';
import { CareMedicationList, CareRecordSummary } from '../src/index.js';
import { medicationsFor, summaryFor } from '../../components/test/support/fixtures.js';

const chosen: CareSelectDetail[] = [];
const host = document.createElement('div');
document.body.append(host);
flushSync(() =>
  createRoot(host).render(
    createElement('main', null, [
      createElement(CareRecordSummary, {
        key: 'summary',
        model: summaryFor(0),
        headingLevel: 3,
        onCareSelect: (event) => chosen.push(event.detail),
      }),
      createElement(CareMedicationList, { key: 'medicines', model: medicationsFor(0, 'resident'), audience: 'resident' }),
    ]),
  ),
);
(window as unknown as { wrapperResults: { chosen: CareSelectDetail[] } }).wrapperResults = { chosen };

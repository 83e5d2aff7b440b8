import { CareRecordSummary } from './record-summary.js';

CareRecordSummary.define();

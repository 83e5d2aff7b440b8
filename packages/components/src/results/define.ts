import { CareResults } from './results.js';

CareResults.define();

import { CareTimeline } from './timeline.js';

CareTimeline.define();

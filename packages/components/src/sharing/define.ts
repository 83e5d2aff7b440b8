import { CareSharing } from './sharing.js';

CareSharing.define();

import { CarePatientBanner } from './patient-banner.js';

CarePatientBanner.define();

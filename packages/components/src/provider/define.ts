import { CareRecordProvider } from './record-provider.js';

CareRecordProvider.define();

import { CareAccessLog } from './access-log.js';

CareAccessLog.define();

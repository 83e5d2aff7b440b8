/** Registers every care-record element. */
import './provider/define.js';
import './patient-banner/define.js';
import './record-summary/define.js';
import './medication-list/define.js';
import './timeline/define.js';
import './results/define.js';
import './appointments/define.js';
import './reading-form/define.js';
import './access-log/define.js';
import './sharing/define.js';

import { CareReadingForm } from './reading-form.js';

CareReadingForm.define();

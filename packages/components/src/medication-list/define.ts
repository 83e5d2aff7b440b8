import { CareMedicationList } from './medication-list.js';

CareMedicationList.define();

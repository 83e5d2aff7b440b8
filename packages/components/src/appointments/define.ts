import { CareAppointments } from './appointments.js';

CareAppointments.define();

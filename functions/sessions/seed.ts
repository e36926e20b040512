// The four Periods of Sessions of 2020 (IACHR press releases; see shared/DESIGN.md).
// Facts: dates, place, format, the published request windows of the 176th-178th.
// Chosen (documented in the README): the 175th's request window (about 10 weeks before,
// like the others), hearing days, one-hour slots (20 + 20 minutes and questions),
// rooms, registration windows and capacities. Instants are Washington time, where the
// Executive Secretariat sits, except the 175th (Port-au-Prince).
import type { SessionInput } from './session';

const onlineRooms = ['Sala virtual 1', 'Sala virtual 2'];

export const seedSessions: SessionInput[] = [
  {
    number: 175,
    title: '175 Período de Sesiones',
    startDate: '2020-03-02',
    endDate: '2020-03-08',
    timeZone: 'America/Port-au-Prince',
    format: 'in_person',
    location: 'Port-au-Prince, Haïti',
    requestWindow: { opensAt: '2019-11-04T00:00:00-05:00', closesAt: '2019-12-20T23:59:59-05:00' },
    registration: { opensAt: '2020-02-17T00:00:00-05:00', closesAt: '2020-03-06T18:00:00-05:00', capacity: { in_person: 180, online: 0 } },
    hearingDays: ['2020-03-05', '2020-03-06'],
    slotMinutes: 60,
    rooms: ['Salle A', 'Salle B'],
    workingHours: { start: '09:00', end: '18:00' },
  },
  {
    number: 176,
    title: '176 Período de Sesiones',
    startDate: '2020-07-07',
    endDate: '2020-07-15',
    timeZone: 'America/New_York',
    format: 'online',
    // The first online Period: working meetings only, so no public attendance.
    requestWindow: { opensAt: '2020-02-20T00:00:00-05:00', closesAt: '2020-03-11T23:59:59-04:00' },
    registration: { opensAt: '2020-06-26T00:00:00-04:00', closesAt: '2020-07-15T18:00:00-04:00', capacity: { in_person: 0, online: 0 } },
    hearingDays: ['2020-07-07', '2020-07-08', '2020-07-09', '2020-07-10', '2020-07-13', '2020-07-14', '2020-07-15'],
    slotMinutes: 60,
    rooms: [...onlineRooms, 'Sala virtual 3'],
    workingHours: { start: '09:00', end: '17:00' },
  },
  {
    number: 177,
    title: '177 Período de Sesiones',
    startDate: '2020-09-25',
    endDate: '2020-10-09',
    timeZone: 'America/New_York',
    format: 'online',
    requestWindow: { opensAt: '2020-06-11T00:00:00-04:00', closesAt: '2020-07-08T23:59:59-04:00' },
    registration: { opensAt: '2020-09-14T00:00:00-04:00', closesAt: '2020-10-09T18:00:00-04:00', capacity: { in_person: 0, online: 1000 } },
    hearingDays: ['2020-09-28', '2020-09-29', '2020-09-30', '2020-10-01', '2020-10-02', '2020-10-05', '2020-10-06', '2020-10-07', '2020-10-08', '2020-10-09'],
    slotMinutes: 60,
    rooms: onlineRooms,
    workingHours: { start: '09:00', end: '17:00' },
  },
  {
    number: 178,
    title: '178 Período de Sesiones',
    startDate: '2020-12-03',
    endDate: '2020-12-15',
    timeZone: 'America/New_York',
    format: 'online',
    requestWindow: { opensAt: '2020-09-03T00:00:00-04:00', closesAt: '2020-09-23T23:59:59-04:00' },
    registration: { opensAt: '2020-11-23T00:00:00-05:00', closesAt: '2020-12-10T18:00:00-05:00', capacity: { in_person: 0, online: 1000 } },
    hearingDays: ['2020-12-03', '2020-12-04', '2020-12-07', '2020-12-08', '2020-12-09', '2020-12-10'],
    slotMinutes: 60,
    rooms: onlineRooms,
    workingHours: { start: '09:00', end: '17:00' },
  },
];

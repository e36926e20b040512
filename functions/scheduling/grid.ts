// The grid of a Period of Sessions: hearing days × slots of slotMinutes inside the
// working hours (local to the session's time zone) × rooms, and the conversions between
// a cell of the grid and the instants the API speaks. Pure: no clock, no I/O.

export interface Grid {
  days: string[];
  slotsPerDay: number;
  slotMinutes: number;
  rooms: string[];
  timeZone: string;
  /** 'HH:MM' local to timeZone: when the first slot of each day starts. */
  dayStart: string;
  /** Online and hybrid sessions try to keep hearings inside working hours in the capitals concerned. */
  online: boolean;
}

export interface SessionLike {
  hearingDays: string[];
  slotMinutes: number;
  rooms: string[];
  timeZone: string;
  format: 'in_person' | 'online' | 'hybrid';
  workingHours: { start: string; end: string };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function gridOf(session: SessionLike): Grid {
  const span = minutesOf(session.workingHours.end) - minutesOf(session.workingHours.start);
  return {
    days: [...new Set(session.hearingDays)].sort(),
    slotsPerDay: Math.max(0, Math.floor(span / session.slotMinutes)),
    slotMinutes: session.slotMinutes,
    rooms: [...session.rooms],
    timeZone: session.timeZone,
    dayStart: session.workingHours.start,
    online: session.format !== 'in_person',
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(timeZone: string, at: number) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour % 24, minute: +p.minute, second: +p.second };
}

/** Offset of timeZone from UTC at instant `at`, in milliseconds. */
function offsetAt(timeZone: string, at: number): number {
  const p = partsIn(timeZone, at);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

/** The instant of a wall-clock time on a date in a time zone. */
export function zonedInstant(date: string, hhmm: string, timeZone: string, plusMinutes = 0): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, 0, 0) + (minutesOf(hhmm) + plusMinutes) * 60_000;
  let guess = wall - offsetAt(timeZone, wall);
  guess = wall - offsetAt(timeZone, guess);
  return new Date(guess);
}

/** The local date (YYYY-MM-DD) and minutes after midnight of an instant in a time zone. */
export function localOf(at: Date, timeZone: string): { date: string; minutes: number } {
  const p = partsIn(timeZone, at.getTime());
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, minutes: p.hour * 60 + p.minute };
}

/** A hearing's place in the grid; `length` is 2 slots for a regional hearing. */
export interface Placement {
  id: string;
  day: number;
  slot: number;
  length: number;
  room: number;
}

export const slotsNeeded = (states: readonly string[]) => (states.length > 1 ? 2 : 1);

export function instantsOf(grid: Grid, p: Pick<Placement, 'day' | 'slot' | 'length'>): { start: Date; end: Date } {
  const date = grid.days[p.day];
  return {
    start: zonedInstant(date, grid.dayStart, grid.timeZone, p.slot * grid.slotMinutes),
    end: zonedInstant(date, grid.dayStart, grid.timeZone, (p.slot + p.length) * grid.slotMinutes),
  };
}

/** The cell a (start, room) names, or undefined when it is not the start of a slot of the grid. */
export function cellOf(grid: Grid, start: Date, room: string): { day: number; slot: number; room: number } | undefined {
  const local = localOf(start, grid.timeZone);
  const day = grid.days.indexOf(local.date);
  const roomIndex = grid.rooms.indexOf(room);
  const offset = local.minutes - minutesOf(grid.dayStart);
  if (day < 0 || roomIndex < 0 || offset < 0 || offset % grid.slotMinutes !== 0 || start.getUTCSeconds() !== 0 || start.getUTCMilliseconds() !== 0) return undefined;
  const slot = offset / grid.slotMinutes;
  if (slot >= grid.slotsPerDay) return undefined;
  return { day, slot, room: roomIndex };
}

export const insideGrid = (grid: Grid, p: Pick<Placement, 'day' | 'slot' | 'length' | 'room'>) =>
  Number.isInteger(p.day) &&
  Number.isInteger(p.slot) &&
  p.day >= 0 &&
  p.day < grid.days.length &&
  p.slot >= 0 &&
  p.slot + p.length <= grid.slotsPerDay &&
  p.room >= 0 &&
  p.room < grid.rooms.length;

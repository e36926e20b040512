// Fixtures for hearing-request tests: a throwaway Period of Sessions around a given
// clock, and a valid request body.
import type { TestRuntime } from './runtime';
import { throwawaySession } from './sessions';

export const APPLICANT = 'applicant1@example.org';
export const OTHER = 'applicant2@example.org';
export const SECRETARIAT = 'secretariat@example.org';

/** Creates a throwaway session (numbered `above` or higher when given) whose request window is [opensAt, closesAt). */
export const freshSession = (rt: TestRuntime, window: { opensAt: string; closesAt: string }, year = 2031, above?: number): Promise<number> =>
  throwawaySession(
    rt,
    {
      startDate: `${year}-12-01`,
      endDate: `${year}-12-10`,
      timeZone: 'America/New_York',
      format: 'online',
      requestWindow: window,
      registration: { opensAt: `${year}-11-01T00:00:00Z`, closesAt: `${year}-12-10T00:00:00Z`, capacity: { in_person: 0, online: 100 } },
      hearingDays: [`${year}-12-02`, `${year}-12-03`],
      slotMinutes: 60,
      rooms: ['Sala virtual 1'],
    },
    { above },
  );

export const validBody = (sessionNumber: number, overrides: Record<string, unknown> = {}) => ({
  sessionNumber,
  kind: 'case',
  states: ['co'],
  matter: { type: 'case', number: '13.752' },
  title: `Derecho a la consulta previa ${Math.random().toString(36).slice(2, 8)}`,
  objective: 'Informar a la Comisión sobre el estado de cumplimiento de las recomendaciones.',
  basis: 'Las comunidades no fueron consultadas antes de la concesión minera otorgada en su territorio ancestral.',
  participants: [
    { name: 'Ana Pérez', organization: 'Colectivo de Abogados', role: 'representative', confidential: false },
    { name: 'Testigo Reservado', role: 'witness', confidential: true },
  ],
  languages: ['es'],
  private: false,
  contact: { name: 'Ana Pérez', email: 'ana@example.org' },
  ...overrides,
});

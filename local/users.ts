// The seeded users of the development identity provider (shared/API.md, "Local runtime
// only"). Commissioners carry no personal names: "Commissioner (Mexico)" and so on.
import type { Role } from '../functions/shared/auth';
import { defineMessages } from '../functions/shared/messages';
import { STATE_CODES, stateName } from '../functions/shared/states';

export interface DevUser {
  sub: string;
  email: string;
  name: string;
  groups: Role[];
  nationality?: string;
  commissionerId?: string;
  /** A State delegation's State (ISO code), as Cognito's `custom:state`. */
  state?: string;
}

const commissioners: [string, string][] = [
  ['mx', 'Mexico'],
  ['cl', 'Chile'],
  ['br', 'Brazil'],
  ['jm', 'Jamaica'],
  ['pa', 'Panama'],
  ['pe', 'Peru'],
  ['gt', 'Guatemala'],
];

export const devUsers: DevUser[] = [
  { sub: 'u-applicant1', email: 'applicant1@example.org', name: 'Applicant 1', groups: ['applicant'] },
  { sub: 'u-applicant2', email: 'applicant2@example.org', name: 'Applicant 2', groups: ['applicant'] },
  { sub: 'u-secretariat', email: 'secretariat@example.org', name: 'Executive Secretariat', groups: ['secretariat'] },
  ...commissioners.map(([code, country]) => ({
    sub: `u-c-${code}`,
    email: `commissioner.${code}@example.org`,
    name: `Commissioner (${country})`,
    groups: ['commissioner'] as Role[],
    nationality: code.toUpperCase(),
    commissionerId: `c-${code}`,
  })),
  // One delegation per OAS member State (issue 16): state.co@example.org speaks for Colombia.
  ...STATE_CODES.map((code) => ({
    sub: `u-state-${code.toLowerCase()}`,
    email: `state.${code.toLowerCase()}@example.org`,
    name: `State (${stateName(code, 'en')})`,
    groups: ['state'] as Role[],
    state: code,
  })),
];

defineMessages({
  'dev.unknownUser': {
    es: 'No hay ningún usuario de desarrollo con ese correo.',
    en: 'There is no development user with that email.',
    pt: 'Não há nenhum usuário de desenvolvimento com esse e-mail.',
    fr: "Aucun utilisateur de développement n'a cette adresse.",
  },
});

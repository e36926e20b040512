// Demonstration hearing requests for the 178th Period of Sessions (requests 3-23 Sep
// 2020), left `submitted` so the review queue has work and the secretariat can accept
// some before building a schedule. Titles are illustrative themes, not the 178th's real
// agenda; no personal names. Ids are fixed, so seeding twice changes nothing.
import { encodeTime } from 'ulid';
import type { HearingRequest } from './request';

type Seed = Pick<HearingRequest, 'kind' | 'states' | 'title' | 'private'> & { at: string; matter?: HearingRequest['matter']; privateReason?: string };

const seeds: Seed[] = [
  { at: '2020-09-04T14:00:00Z', kind: 'thematic', states: ['CO', 'PE', 'EC', 'BO', 'BR'], title: 'Pueblos indígenas de la Amazonía y la pandemia de COVID-19', private: false },
  { at: '2020-09-07T15:30:00Z', kind: 'thematic', states: ['CL'], title: 'Protesta social y uso de la fuerza', private: false },
  { at: '2020-09-09T13:10:00Z', kind: 'case', states: ['GT'], title: 'Acceso a la justicia de víctimas del conflicto armado', private: false, matter: { type: 'case', number: '12.546' } },
  { at: '2020-09-11T16:45:00Z', kind: 'thematic', states: ['MX', 'GT', 'HN', 'SV', 'US'], title: 'Personas migrantes en tránsito por Centroamérica y México', private: false },
  { at: '2020-09-14T12:20:00Z', kind: 'precautionary_measure', states: ['NI'], title: 'Seguimiento de medidas cautelares a personas defensoras', private: true, privateReason: 'Riesgo para las personas beneficiarias', matter: { type: 'precautionary_measure', number: 'MC-1133-18' } },
  { at: '2020-09-16T18:05:00Z', kind: 'follow_up', states: ['BR'], title: 'Seguimiento de recomendaciones sobre el sistema penitenciario', private: false, matter: { type: 'case', number: '12.728' } },
  { at: '2020-09-18T14:40:00Z', kind: 'thematic', states: ['HT'], title: "Droits des femmes et des filles en Haïti", private: false },
  { at: '2020-09-21T17:15:00Z', kind: 'working_meeting', states: ['AR'], title: 'Reunión de trabajo sobre solución amistosa', private: true, matter: { type: 'petition', number: 'P-1205-10' } },
  { at: '2020-09-22T19:30:00Z', kind: 'thematic', states: ['JM', 'TT', 'BB', 'BS'], title: 'Rights of LGBTI persons in the English-speaking Caribbean', private: false },
  { at: '2020-09-23T20:00:00Z', kind: 'thematic', states: ['VE'], title: 'Derecho a la salud y a la alimentación', private: false },
];

export const seedRequests = (): HearingRequest[] =>
  seeds.map(({ at, ...seed }, i) => {
    const id = `${encodeTime(Date.parse(at), 10)}SEED${String(i).padStart(12, '0')}`;
    const english = seed.states.some((s) => ['JM', 'TT', 'BB', 'BS'].includes(s));
    const language = english ? 'en' : seed.states.includes('HT') ? 'fr' : 'es';
    return {
      ...seed,
      id,
      status: 'submitted',
      sessionNumber: 178,
      submittedAt: new Date(at).toISOString(),
      updatedAt: new Date(at).toISOString(),
      objective: 'Informar a la Comisión sobre la situación y solicitar recomendaciones concretas al Estado.',
      basis: 'La organización documentó la situación durante el último año y la expone con el fin de que la Comisión la considere en su agenda.',
      participants: [
        { name: 'Representación de la organización solicitante', role: 'representative', confidential: false },
        { name: 'Persona experta', role: 'expert', confidential: false },
      ],
      languages: [language],
      contact: { name: 'Organización solicitante', email: 'applicant1@example.org' },
      language,
      ownerSub: 'u-applicant1',
      history: [{ at: new Date(at).toISOString(), status: 'submitted', by: 'u-applicant1' }],
      version: 1,
    };
  });

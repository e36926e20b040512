// Two demonstration consultations for the 2020 timeline, so the E-Vote pages have
// something to show: a named ballot and a secret one about a State (its national
// commissioner is recused, Art. 17). Opened when the clock is before their closing;
// otherwise they stay drafts. Ids are fixed, so seeding twice changes nothing; they are
// valid ULIDs (Crockford base 32 has no I, L, O or U: "SEEDBALLOT" was refused).
import { encodeTime } from 'ulid';
import type { BallotInput } from './ballot';

const at = '2020-11-27T15:00:00Z';
const id = (i: number) => `${encodeTime(Date.parse(at), 10)}SEEDBA${String(i).padStart(10, '0')}`;

export const seedBallots: { id: string; createdAt: string; input: BallotInput }[] = [
  {
    id: id(1),
    createdAt: at,
    input: {
      title: 'Aprobación del Informe Anual 2020, capítulos I a III',
      question: '¿Aprueba la Comisión los capítulos I a III del proyecto de Informe Anual 2020?',
      kind: 'named',
      majority: 'majority_present',
      closesAt: '2020-12-18T22:00:00Z',
    },
  },
  {
    id: id(2),
    createdAt: at,
    input: {
      title: 'Solicitud de medidas provisionales a la Corte Interamericana',
      question: '¿Solicita la Comisión a la Corte Interamericana medidas provisionales a favor de las personas defensoras beneficiarias de medidas cautelares en Guatemala?',
      kind: 'secret',
      stateConcerned: 'GT',
      majority: 'absolute_members',
      closesAt: '2020-12-11T22:00:00Z',
    },
  },
];

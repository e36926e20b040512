// Texts of the sessions context in the four languages.
import { defineMessages } from '../shared/messages';

export const sessionMessages = defineMessages({
  'session.notFound': {
    es: 'No existe el Período de Sesiones {number}.',
    en: 'There is no Period of Sessions {number}.',
    pt: 'Não existe o Período de Sessões {number}.',
    fr: "La Période de sessions {number} n'existe pas.",
  },
  'session.exists': {
    es: 'El Período de Sesiones {number} ya existe.',
    en: 'Period of Sessions {number} already exists.',
    pt: 'O Período de Sessões {number} já existe.',
    fr: 'La Période de sessions {number} existe déjà.',
  },
  'rule.session.endBeforeStart': {
    es: 'La fecha de fin debe ser igual o posterior a la de inicio.',
    en: 'The end date must be on or after the start date.',
    pt: 'A data de término deve ser igual ou posterior à de início.',
    fr: 'La date de fin doit être égale ou postérieure à la date de début.',
  },
  'rule.session.windowOrder': {
    es: 'La apertura debe ser anterior al cierre.',
    en: 'The opening must come before the closing.',
    pt: 'A abertura deve ser anterior ao encerramento.',
    fr: "L'ouverture doit précéder la clôture.",
  },
  'rule.session.requestWindowAfterStart': {
    es: 'Las solicitudes deben cerrar antes del inicio del Período de Sesiones.',
    en: 'Requests must close before the Period of Sessions starts.',
    pt: 'Os pedidos devem encerrar antes do início do Período de Sessões.',
    fr: 'Les demandes doivent être closes avant le début de la Période de sessions.',
  },
  'rule.session.dayOutside': {
    es: 'Cada día de audiencias debe estar entre la fecha de inicio y la de fin.',
    en: 'Every hearing day must fall between the start and end dates.',
    pt: 'Cada dia de audiências deve estar entre as datas de início e de término.',
    fr: "Chaque jour d'audiences doit être compris entre les dates de début et de fin.",
  },
  'rule.session.hhmm': {
    es: 'Debe ser una hora HH:MM.',
    en: 'Must be a time HH:MM.',
    pt: 'Deve ser um horário HH:MM.',
    fr: 'Doit être une heure HH:MM.',
  },
  'rule.session.hoursOrder': {
    es: 'La hora de inicio de la jornada debe ser anterior a la de fin.',
    en: 'The working day must start before it ends.',
    pt: 'A jornada deve começar antes de terminar.',
    fr: 'La journée de travail doit commencer avant de finir.',
  },
});

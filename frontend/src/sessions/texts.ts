import { defineTexts } from '../i18n';

export const sessionTexts = defineTexts({
  'sessions.title': { es: 'Períodos de Sesiones', en: 'Periods of Sessions', pt: 'Períodos de Sessões', fr: 'Périodes de sessions' },
  'sessions.intro': {
    es: 'La Comisión celebra sus audiencias públicas durante los Períodos de Sesiones.',
    en: 'The Commission holds its public hearings during its Periods of Sessions.',
    pt: 'A Comissão realiza as suas audiências públicas durante os Períodos de Sessões.',
    fr: 'La Commission tient ses audiences publiques pendant ses Périodes de sessions.',
  },
  'sessions.name': {
    es: '{number, ordinal} Período de Sesiones',
    en: '{number, ordinal} Period of Sessions',
    pt: '{number, ordinal} Período de Sessões',
    fr: '{number, ordinal, feminine} Période de sessions',
  },
  'sessions.dates': { es: 'Fechas', en: 'Dates', pt: 'Datas', fr: 'Dates' },
  'sessions.place': { es: 'Lugar', en: 'Place', pt: 'Local', fr: 'Lieu' },
  'sessions.format': { es: 'Modalidad', en: 'Format', pt: 'Modalidade', fr: 'Format' },
  'sessions.window': { es: 'Solicitudes de audiencia', en: 'Hearing requests', pt: 'Pedidos de audiência', fr: "Demandes d'audience" },
  'sessions.hearingDays': { es: 'Días de audiencias', en: 'Hearing days', pt: 'Dias de audiências', fr: "Jours d'audiences" },
  'sessions.format.in_person': { es: 'Presencial', en: 'In person', pt: 'Presencial', fr: 'En présentiel' },
  'sessions.format.online': { es: 'En línea', en: 'Online', pt: 'Online', fr: 'En ligne' },
  'sessions.format.hybrid': { es: 'Híbrida', en: 'Hybrid', pt: 'Híbrida', fr: 'Hybride' },
  'sessions.online': { es: 'En línea', en: 'Online', pt: 'Online', fr: 'En ligne' },
  'sessions.window.open': {
    es: 'Abiertas hasta el {date}',
    en: 'Open until {date}',
    pt: 'Abertos até {date}',
    fr: "Ouvertes jusqu'au {date}",
  },
  'sessions.window.notYet': { es: 'Abren el {date}', en: 'Open on {date}', pt: 'Abrem em {date}', fr: 'Ouvrent le {date}' },
  'sessions.window.closed': { es: 'Cerradas el {date}', en: 'Closed on {date}', pt: 'Encerrados em {date}', fr: 'Closes le {date}' },
  'sessions.range': { es: 'Del {from} al {to}', en: '{from} to {to}', pt: 'De {from} a {to}', fr: 'Du {from} au {to}' },
  'sessions.none': { es: 'No hay Períodos de Sesiones.', en: 'There are no Periods of Sessions.', pt: 'Não há Períodos de Sessões.', fr: "Il n'y a aucune Période de sessions." },
});

// Texts of the scheduling context in the four languages: conflicts in words, reasons a
// hearing was left out, the notice to the parties, and the public "Private hearing".
import { defineMessages } from '../shared/messages';

export const schedulingMessages = defineMessages({
  'schedule.privateHearing': { es: 'Audiencia privada', en: 'Private hearing', pt: 'Audiência privada', fr: 'Audience privée' },
  'schedule.decisionsHeld': {
    es: '{count, plural, one {Una decisión} other {# decisiones}} de este Período aún no se {count, plural, one {comunicó} other {comunicaron}}: comuníquelas antes de publicar, para que nadie se entere de su audiencia por el calendario antes que por la decisión.',
    en: '{count, plural, one {One decision} other {# decisions}} of this Period {count, plural, one {has} other {have}} not been released yet: release them before publishing, so that nobody learns of their hearing from the timetable before the decision.',
    pt: '{count, plural, one {Uma decisão} other {# decisões}} deste Período ainda não {count, plural, one {foi comunicada} other {foram comunicadas}}: comunique-as antes de publicar, para que ninguém saiba da sua audiência pelo calendário antes da decisão.',
    fr: "{count, plural, one {Une décision} other {# décisions}} de cette Période n'{count, plural, one {a} other {ont}} pas encore été communiquée{count, plural, one {} other {s}} : communiquez-les avant de publier, pour que personne n'apprenne son audience par le calendrier avant la décision.",
  },
  'schedule.noDraft': {
    es: 'Todavía no hay una propuesta de calendario para el Período de Sesiones {number}: genere una primero.',
    en: 'There is no proposed timetable for Period of Sessions {number} yet: propose one first.',
    pt: 'Ainda não há proposta de calendário para o Período de Sessões {number}: gere uma primeiro.',
    fr: "Il n'y a pas encore de calendrier proposé pour la Période de sessions {number} : proposez-en un d'abord.",
  },
  'schedule.notPublished': {
    es: 'El calendario del Período de Sesiones {number} aún no se ha publicado.',
    en: 'The schedule of Period of Sessions {number} has not been published yet.',
    pt: 'O calendário do Período de Sessões {number} ainda não foi publicado.',
    fr: "Le calendrier de la Période de sessions {number} n'a pas encore été publié.",
  },
  'schedule.notAccepted': {
    es: 'La solicitud {id} no es una audiencia aceptada de este Período de Sesiones.',
    en: 'Request {id} is not an accepted hearing of this Period of Sessions.',
    pt: 'O pedido {id} não é uma audiência aceita deste Período de Sessões.',
    fr: "La demande {id} n'est pas une audience acceptée de cette Période de sessions.",
  },
  'schedule.changedMeanwhile': {
    es: 'El calendario cambió mientras tanto; recárguelo y vuelva a intentarlo.',
    en: 'The timetable changed in the meantime; reload it and try again.',
    pt: 'O calendário mudou entretanto; recarregue-o e tente de novo.',
    fr: "Le calendrier a changé entre-temps ; rechargez-le et réessayez.",
  },
  'schedule.publishedMeanwhile': {
    es: 'Otra persona publicó una versión al mismo tiempo; recargue y vuelva a publicar.',
    en: 'Someone else published a version at the same time; reload and publish again.',
    pt: 'Outra pessoa publicou uma versão ao mesmo tempo; recarregue e publique de novo.',
    fr: "Quelqu'un d'autre a publié une version au même moment ; rechargez et publiez de nouveau.",
  },
  'schedule.tooLarge': {
    es: 'Se pueden publicar a la vez como máximo {max} audiencias nuevas o movidas; hay {count}.',
    en: 'At most {max} new or moved hearings can be published at once; there are {count}.',
    pt: 'No máximo {max} audiências novas ou movidas podem ser publicadas de uma vez; há {count}.',
    fr: 'Au plus {max} audiences nouvelles ou déplacées peuvent être publiées à la fois ; il y en a {count}.',
  },
  'schedule.hasConflicts': {
    es: 'El calendario tiene conflictos; resuélvalos antes de publicar: vea errors.',
    en: 'The timetable has conflicts; resolve them before publishing: see errors.',
    pt: 'O calendário tem conflitos; resolva-os antes de publicar: veja errors.',
    fr: 'Le calendrier comporte des conflits ; résolvez-les avant de publier : voir errors.',
  },
  'schedule.conflict': {
    es: 'No se puede colocar la audiencia ahí: {first}',
    en: 'The hearing cannot go there: {first}',
    pt: 'A audiência não pode ficar aí: {first}',
    fr: "L'audience ne peut pas être placée là : {first}",
  },
  'rule.schedule.offGrid': {
    es: 'Debe ser el inicio de una franja de un día de audiencias ({from}–{to}, {timeZone}), en una sala del Período.',
    en: 'Must be the start of a slot on a hearing day ({from}–{to}, {timeZone}), in a room of the Period.',
    pt: 'Deve ser o início de um horário num dia de audiências ({from}–{to}, {timeZone}), numa sala do Período.',
    fr: "Doit être le début d'un créneau d'un jour d'audiences ({from}–{to}, {timeZone}), dans une salle de la Période.",
  },
  'clash.grid': {
    es: 'la audiencia regional necesita dos franjas seguidas y no caben antes del fin de la jornada.',
    en: 'a regional hearing needs two consecutive slots and they do not fit before the end of the day.',
    pt: 'uma audiência regional precisa de dois horários seguidos e não cabem antes do fim da jornada.',
    fr: 'une audience régionale exige deux créneaux consécutifs, qui ne tiennent pas avant la fin de la journée.',
  },
  'clash.room': {
    es: 'la sala {resource} ya está ocupada por «{with}» a esa hora.',
    en: 'room {resource} is already taken by “{with}” at that time.',
    pt: 'a sala {resource} já está ocupada por «{with}» nesse horário.',
    fr: 'la salle {resource} est déjà occupée par « {with} » à cette heure.',
  },
  'clash.state': {
    es: 'la delegación de {resource} ya está en la audiencia «{with}» a esa hora.',
    en: 'the delegation of {resource} is already in the hearing “{with}” at that time.',
    pt: 'a delegação de {resource} já está na audiência «{with}» nesse horário.',
    fr: 'la délégation de {resource} participe déjà à l’audience « {with} » à cette heure.',
  },
  'clash.commissioner': {
    es: 'la relatoría de {resource} está en la audiencia «{with}» a esa hora.',
    en: 'the rapporteur, {resource}, is in the hearing “{with}” at that time.',
    pt: 'a relatoria, {resource}, está na audiência «{with}» nesse horário.',
    fr: 'le rapporteur, {resource}, siège à l’audience « {with} » à cette heure.',
  },
  'clash.unavailable': {
    es: 'los participantes no están disponibles el {resource}.',
    en: 'the participants are not available on {resource}.',
    pt: 'os participantes não estão disponíveis em {resource}.',
    fr: 'les participants ne sont pas disponibles le {resource}.',
  },
  'unscheduled.grid': {
    es: 'No cabe en la cuadrícula: la jornada es más corta que la audiencia.',
    en: 'It does not fit the grid: the working day is shorter than the hearing.',
    pt: 'Não cabe na grade: a jornada é mais curta que a audiência.',
    fr: 'Elle ne tient pas dans la grille : la journée est plus courte que l’audience.',
  },
  'unscheduled.unavailable': {
    es: 'Los participantes no están disponibles en ningún día libre: {resources}.',
    en: 'The participants are unavailable on every day left: {resources}.',
    pt: 'Os participantes estão indisponíveis em todos os dias livres: {resources}.',
    fr: 'Les participants sont indisponibles tous les jours restants : {resources}.',
  },
  'unscheduled.room': {
    es: 'No quedan salas libres ({resources}) en las franjas posibles.',
    en: 'No room is free ({resources}) in the slots it could take.',
    pt: 'Não há salas livres ({resources}) nos horários possíveis.',
    fr: 'Aucune salle libre ({resources}) dans les créneaux possibles.',
  },
  'unscheduled.state': {
    es: 'Las delegaciones de {resources} ya están ocupadas en todas las franjas posibles.',
    en: 'The delegations of {resources} are busy in every slot it could take.',
    pt: 'As delegações de {resources} estão ocupadas em todos os horários possíveis.',
    fr: 'Les délégations de {resources} sont occupées sur tous les créneaux possibles.',
  },
  'unscheduled.commissioner': {
    es: 'La relatoría ({resources}) está en otras audiencias en todas las franjas posibles.',
    en: 'The rapporteur ({resources}) is in other hearings in every slot it could take.',
    pt: 'A relatoria ({resources}) está em outras audiências em todos os horários possíveis.',
    fr: 'Le rapporteur ({resources}) siège à d’autres audiences sur tous les créneaux possibles.',
  },
  'notice.scheduled.subject': {
    es: 'Audiencia programada: {title}',
    en: 'Hearing scheduled: {title}',
    pt: 'Audiência agendada: {title}',
    fr: 'Audience programmée : {title}',
  },
  'notice.scheduled.text': {
    es: 'La audiencia «{title}» del {session, ordinal} Período de Sesiones se celebrará el {when} ({timeZone}), en {room}.\nCalendario público (versión {version}): {url}',
    en: 'The hearing “{title}” of the {session, ordinal} Period of Sessions will be held on {when} ({timeZone}), in {room}.\nPublic schedule (version {version}): {url}',
    pt: 'A audiência «{title}» do {session, ordinal} Período de Sessões será realizada em {when} ({timeZone}), em {room}.\nCalendário público (versão {version}): {url}',
    fr: 'L’audience « {title} » de la {session, ordinal, feminine} Période de sessions aura lieu le {when} ({timeZone}), en {room}.\nCalendrier public (version {version}) : {url}',
  },
  'rule.rapporteur.unknownCommissioner': {
    es: 'No es un puesto de la Comisión (c-mx … c-gt).',
    en: 'Not a seat of the Commission (c-mx … c-gt).',
    pt: 'Não é um assento da Comissão (c-mx … c-gt).',
    fr: "Ce n'est pas un siège de la Commission (c-mx … c-gt).",
  },
  'rule.rapporteur.unknownState': {
    es: 'Solo Estados miembros de la OEA.',
    en: 'OAS member States only.',
    pt: 'Apenas Estados membros da OEA.',
    fr: "Uniquement des États membres de l'OEA.",
  },
  'rule.rapporteur.everyState': {
    es: 'Cada uno de los 35 Estados miembros necesita al menos un relator.',
    en: 'Each of the 35 member States needs at least one rapporteur.',
    pt: 'Cada um dos 35 Estados membros precisa de ao menos um relator.',
    fr: 'Chacun des 35 États membres doit avoir au moins un rapporteur.',
  },
  'rule.rapporteur.national': {
    es: 'Un comisionado no puede ser relator del Estado de su nacionalidad.',
    en: 'A commissioner cannot be rapporteur for the State of their nationality.',
    pt: 'Um comissário não pode ser relator do Estado da sua nacionalidade.',
    fr: "Un commissaire ne peut être rapporteur pour l'État dont il a la nationalité.",
  },
});

export const calendarMessages = defineMessages({
  'schedule.calendarName': {
    es: 'CIDH – Audiencias del {number, ordinal} Período de Sesiones',
    en: 'IACHR – Hearings of the {number, ordinal} Period of Sessions',
    pt: 'CIDH – Audiências do {number, ordinal} Período de Sessões',
    fr: 'CIDH – Audiences de la {number, ordinal, feminine} Période de sessions',
  },
});

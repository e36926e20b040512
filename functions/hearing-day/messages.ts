// Texts of the hearing day in the four languages: its rules and refusals, and the
// notices to the parties (joining details, the State's notice, the day-before reminder).
import { defineMessages } from '../shared/messages';

export const hearingDayMessages = defineMessages({
  'day.notHearing': {
    es: 'La solicitud {id} no es una audiencia aceptada o programada.',
    en: 'Request {id} is not an accepted or scheduled hearing.',
    pt: 'O pedido {id} não é uma audiência aceita ou programada.',
    fr: "La demande {id} n'est pas une audience acceptée ou programmée.",
  },
  'day.notParty': {
    es: 'Solo las partes de la audiencia (la organización solicitante, el Estado concernido, la Secretaría Ejecutiva y los comisionados) pueden ver esto.',
    en: "Only the hearing's parties (the requesting organisation, the State concerned, the Executive Secretariat and the commissioners) may see this.",
    pt: 'Somente as partes da audiência (a organização solicitante, o Estado interessado, a Secretaria Executiva e os comissários) podem ver isto.',
    fr: "Seules les parties à l'audience (l'organisation requérante, l'État concerné, le Secrétariat exécutif et les commissaires) peuvent voir ceci.",
  },
  'day.notYourState': {
    es: 'Esta audiencia no concierne a su Estado.',
    en: 'This hearing does not concern your State.',
    pt: 'Esta audiência não diz respeito ao seu Estado.',
    fr: 'Cette audience ne concerne pas votre État.',
  },
  'day.noState': {
    es: 'Su cuenta no indica qué Estado representa (atributo custom:state).',
    en: 'Your account does not say which State it represents (attribute custom:state).',
    pt: 'Sua conta não indica qual Estado representa (atributo custom:state).',
    fr: "Votre compte n'indique pas quel État il représente (attribut custom:state).",
  },
  'day.noJoining': {
    es: 'La Secretaría Ejecutiva aún no ha indicado cómo unirse a esta audiencia.',
    en: 'The Executive Secretariat has not yet said how to join this hearing.',
    pt: 'A Secretaria Executiva ainda não indicou como participar desta audiência.',
    fr: "Le Secrétariat exécutif n'a pas encore indiqué comment rejoindre cette audience.",
  },
  'day.delegationClosed': {
    es: 'El plazo para registrar la delegación terminó el {deadline}.',
    en: 'The deadline to register the delegation passed on {deadline}.',
    pt: 'O prazo para registrar a delegação terminou em {deadline}.',
    fr: "Le délai d'inscription de la délégation a expiré le {deadline}.",
  },
  'day.planChanged': {
    es: 'El plan de intervenciones cambió mientras tanto; recárguelo y vuelva a intentarlo.',
    en: 'The speaking plan changed in the meantime; reload it and try again.',
    pt: 'O plano de intervenções mudou entretanto; recarregue-o e tente de novo.',
    fr: "Le plan des interventions a changé entre-temps ; rechargez-le et réessayez.",
  },
  'day.notHeld': {
    es: 'La audiencia aún no se ha celebrado: su registro se guarda después.',
    en: 'The hearing has not been held yet: its record is kept afterwards.',
    pt: 'A audiência ainda não foi realizada: seu registro é guardado depois.',
    fr: "L'audience n'a pas encore eu lieu : son compte rendu est conservé ensuite.",
  },
  'rule.day.https': { es: 'Debe ser un enlace https://.', en: 'Must be an https:// link.', pt: 'Deve ser um link https://.', fr: 'Doit être un lien https://.' },
  'rule.day.languageTwice': {
    es: 'Un idioma solo puede tener un canal de interpretación.',
    en: 'A language may have one interpretation channel only.',
    pt: 'Um idioma só pode ter um canal de interpretação.',
    fr: "Une langue ne peut avoir qu'un seul canal d'interprétation.",
  },
  'rule.day.delegationCount': {
    es: 'La delegación tiene de 1 a {max} personas.',
    en: 'The delegation has 1 to {max} people.',
    pt: 'A delegação tem de 1 a {max} pessoas.',
    fr: 'La délégation compte de 1 à {max} personnes.',
  },
  'rule.day.bothParties': {
    es: 'El plan debe dar la palabra a la parte peticionaria y al Estado.',
    en: 'The plan must give the floor to the petitioners and to the State.',
    pt: 'O plano deve dar a palavra à parte peticionária e ao Estado.',
    fr: "Le plan doit donner la parole aux pétitionnaires et à l'État.",
  },
  'rule.day.equalTime': {
    es: 'Las dos partes tienen el mismo tiempo: la parte peticionaria tiene {petitioners} minutos y el Estado {state}.',
    en: 'Both parties get the same time: the petitioners have {petitioners} minutes and the State {state}.',
    pt: 'As duas partes têm o mesmo tempo: a parte peticionária tem {petitioners} minutos e o Estado {state}.',
    fr: "Les deux parties disposent du même temps : les pétitionnaires ont {petitioners} minutes et l'État {state}.",
  },
  'rule.day.tooLong': {
    es: 'El plan dura {total} minutos, más que la audiencia ({slot} minutos).',
    en: 'The plan lasts {total} minutes, longer than the hearing ({slot} minutes).',
    pt: 'O plano dura {total} minutos, mais que a audiência ({slot} minutos).',
    fr: "Le plan dure {total} minutes, plus que l'audience ({slot} minutes).",
  },
  'rule.day.oneTitle': {
    es: 'Indique el título en al menos un idioma.',
    en: 'Give the title in at least one language.',
    pt: 'Indique o título em pelo menos um idioma.',
    fr: 'Indiquez le titre dans au moins une langue.',
  },
  'rule.day.privateRecording': {
    es: 'Una audiencia privada no se graba ni se transmite.',
    en: 'A private hearing is neither recorded nor webcast.',
    pt: 'Uma audiência privada não é gravada nem transmitida.',
    fr: "Une audience privée n'est ni enregistrée ni retransmise.",
  },
  'day.joining.block': {
    es: 'Cómo unirse a la audiencia:\n- Enlace de video: {videoLink}\n- Código de acceso: {passcode}\n- Interpretación: {channels}\n- Pautas de seguridad: {securityGuidelines}',
    en: 'How to join the hearing:\n- Video link: {videoLink}\n- Passcode: {passcode}\n- Interpretation: {channels}\n- Security guidelines: {securityGuidelines}',
    pt: 'Como participar da audiência:\n- Link de vídeo: {videoLink}\n- Código de acesso: {passcode}\n- Interpretação: {channels}\n- Diretrizes de segurança: {securityGuidelines}',
    fr: "Comment rejoindre l'audience :\n- Lien vidéo : {videoLink}\n- Code d'accès : {passcode}\n- Interprétation : {channels}\n- Consignes de sécurité : {securityGuidelines}",
  },
  'day.joining.none': {
    es: 'La Secretaría Ejecutiva enviará el enlace para unirse antes de la audiencia.',
    en: 'The Executive Secretariat will send the link to join before the hearing.',
    pt: 'A Secretaria Executiva enviará o link para participar antes da audiência.',
    fr: "Le Secrétariat exécutif enverra le lien pour rejoindre l'audience avant celle-ci.",
  },
  'day.joining.noPasscode': { es: 'ninguno', en: 'none', pt: 'nenhum', fr: 'aucun' },
  'day.joining.noChannels': { es: 'sin interpretación', en: 'no interpretation', pt: 'sem interpretação', fr: 'sans interprétation' },
  'day.mail.state.subject': {
    es: 'Audiencia programada sobre su Estado: {title}',
    en: 'Hearing scheduled concerning your State: {title}',
    pt: 'Audiência programada sobre o seu Estado: {title}',
    fr: 'Audience programmée concernant votre État : {title}',
  },
  'day.mail.state.text': {
    es: 'La CIDH programó la audiencia «{title}» ({states}) del {session, ordinal} Período de Sesiones: {when} ({timeZone}), {room} (calendario, versión {version}).\n\nRegistre la delegación del Estado (hasta {max} personas) antes del {deadline}: {url}\n\n{joining}',
    en: 'The IACHR has scheduled the hearing "{title}" ({states}) of the {session, ordinal} Period of Sessions: {when} ({timeZone}), {room} (schedule version {version}).\n\nRegister the State\'s delegation (up to {max} people) before {deadline}: {url}\n\n{joining}',
    pt: 'A CIDH programou a audiência «{title}» ({states}) do {session, ordinal} Período de Sessões: {when} ({timeZone}), {room} (calendário, versão {version}).\n\nRegistre a delegação do Estado (até {max} pessoas) antes de {deadline}: {url}\n\n{joining}',
    fr: "La CIDH a programmé l'audience « {title} » ({states}) de la {session, ordinal, feminine} Période de sessions : {when} ({timeZone}), {room} (calendrier, version {version}).\n\nInscrivez la délégation de l'État (jusqu'à {max} personnes) avant le {deadline} : {url}\n\n{joining}",
  },
  'day.mail.viewing.subject': {
    es: 'Mañana empieza el {session, ordinal} Período de Sesiones: síganlo en línea',
    en: 'The {session, ordinal} Period of Sessions starts tomorrow: follow it online',
    pt: 'Amanhã começa o {session, ordinal} Período de Sessões: acompanhe on-line',
    fr: 'La {session, ordinal, feminine} Période de sessions commence demain : suivez-la en ligne',
  },
  'day.mail.viewing.text': {
    es: 'Hola, {name}:\n\nMañana empiezan las audiencias públicas del {session, ordinal} Período de Sesiones, al que se inscribió para asistir en línea.\nSígalas aquí: {webcast}\n\nEl calendario, en su zona horaria: {schedule}',
    en: 'Hello {name},\n\nThe public hearings of the {session, ordinal} Period of Sessions, which you registered to follow online, start tomorrow.\nWatch them here: {webcast}\n\nThe schedule, in your time zone: {schedule}',
    pt: 'Olá, {name}:\n\nAmanhã começam as audiências públicas do {session, ordinal} Período de Sessões, no qual se inscreveu para assistir on-line.\nAcompanhe aqui: {webcast}\n\nO calendário, no seu fuso horário: {schedule}',
    fr: 'Bonjour {name},\n\nLes audiences publiques de la {session, ordinal, feminine} Période de sessions, que vous vous êtes inscrit·e à suivre en ligne, commencent demain.\nSuivez-les ici : {webcast}\n\nLe calendrier, dans votre fuseau horaire : {schedule}',
  },
  'day.mail.reminder.subject': {
    es: 'Mañana: audiencia «{title}»',
    en: 'Tomorrow: hearing "{title}"',
    pt: 'Amanhã: audiência «{title}»',
    fr: 'Demain : audience « {title} »',
  },
  'day.mail.reminder.text': {
    es: 'Le recordamos la audiencia «{title}» del {session, ordinal} Período de Sesiones: {when} ({timeZone}), {room}.\n\n{joining}\n\nOrden de intervenciones: {url}',
    en: 'A reminder of the hearing "{title}" of the {session, ordinal} Period of Sessions: {when} ({timeZone}), {room}.\n\n{joining}\n\nSpeaking order: {url}',
    pt: 'Lembramos a audiência «{title}» do {session, ordinal} Período de Sessões: {when} ({timeZone}), {room}.\n\n{joining}\n\nOrdem das intervenções: {url}',
    fr: "Rappel de l'audience « {title} » de la {session, ordinal, feminine} Période de sessions : {when} ({timeZone}), {room}.\n\n{joining}\n\nOrdre des interventions : {url}",
  },
  'day.archive.feedTitle': {
    es: 'CIDH — Audiencias del {session, ordinal} Período de Sesiones',
    en: 'IACHR — Hearings of the {session, ordinal} Period of Sessions',
    pt: 'CIDH — Audiências do {session, ordinal} Período de Sessões',
    fr: 'CIDH — Audiences de la {session, ordinal, feminine} Période de sessions',
  },
  'day.language.es': { es: 'español', en: 'Spanish', pt: 'espanhol', fr: 'espagnol' },
  'day.language.en': { es: 'inglés', en: 'English', pt: 'inglês', fr: 'anglais' },
  'day.language.pt': { es: 'portugués', en: 'Portuguese', pt: 'português', fr: 'portugais' },
  'day.language.fr': { es: 'francés', en: 'French', pt: 'francês', fr: 'français' },
  // The registration mails of online registrants (issue 16): the public viewing link instead of
  // "show the QR at the entrance" (functions/registrations/notices.ts picks them).
  'day.mail.online.confirmed.text': {
    es: 'Hola, {name}:\n\nSu inscripción para asistir {mode} al {session, ordinal} Período de Sesiones está confirmada.\nCódigo de confirmación: {code}.\nSiga las audiencias públicas en línea aquí: {webcast}\n\nAbra este enlace en los próximos {minutes} minutos para confirmar su correo; si no, la plaza se libera para la siguiente persona: {link}\nEl mismo enlace sirve para ver o cancelar su inscripción. Es personal: no lo comparta.\n\nSus datos se eliminarán {days} días después del fin del Período de Sesiones.',
    en: 'Hello {name},\n\nYour registration to attend the {session, ordinal} Period of Sessions {mode} is confirmed.\nConfirmation code: {code}.\nWatch the public hearings online here: {webcast}\n\nOpen this link within {minutes} minutes to confirm your email address; otherwise the place is released to the next person: {link}\nThe same link lets you view or cancel your registration. It is personal: do not share it.\n\nYour data will be deleted {days} days after the Period of Sessions ends.',
    pt: 'Olá, {name}:\n\nSua inscrição para assistir {mode} ao {session, ordinal} Período de Sessões está confirmada.\nCódigo de confirmação: {code}.\nAcompanhe as audiências públicas on-line aqui: {webcast}\n\nAbra este link nos próximos {minutes} minutos para confirmar seu e-mail; caso contrário, a vaga é liberada para a próxima pessoa: {link}\nO mesmo link permite ver ou cancelar sua inscrição. É pessoal: não o compartilhe.\n\nSeus dados serão apagados {days} dias após o fim do Período de Sessões.',
    fr: "Bonjour {name},\n\nVotre inscription pour assister {mode} à la {session, ordinal, feminine} Période de sessions est confirmée.\nCode de confirmation : {code}.\nSuivez les audiences publiques en ligne ici : {webcast}\n\nOuvrez ce lien dans les {minutes} minutes pour confirmer votre adresse ; sinon la place est libérée pour la personne suivante : {link}\nLe même lien permet de consulter ou d’annuler votre inscription. Il est personnel : ne le partagez pas.\n\nVos données seront supprimées {days} jours après la fin de la Période de sessions.",
  },
  'day.mail.online.promoted.text': {
    es: 'Hola, {name}:\n\nSe liberó una plaza {mode} en el {session, ordinal} Período de Sesiones y su inscripción pasó de la lista de espera a confirmada.\nCódigo de confirmación: {code}.\nSiga las audiencias públicas en línea aquí: {webcast}\n\nPara ver o cancelar su inscripción, use el enlace del primer correo que recibió.',
    en: 'Hello {name},\n\nA {mode} place freed up for the {session, ordinal} Period of Sessions and your registration moved from the waiting list to confirmed.\nConfirmation code: {code}.\nWatch the public hearings online here: {webcast}\n\nTo view or cancel your registration, use the link in the first email you received.',
    pt: 'Olá, {name}:\n\nUma vaga {mode} foi liberada no {session, ordinal} Período de Sessões e sua inscrição passou da lista de espera para confirmada.\nCódigo de confirmação: {code}.\nAcompanhe as audiências públicas on-line aqui: {webcast}\n\nPara ver ou cancelar sua inscrição, use o link do primeiro e-mail que recebeu.',
    fr: "Bonjour {name},\n\nUne place {mode} s'est libérée pour la {session, ordinal, feminine} Période de sessions et votre inscription est passée de la liste d'attente à confirmée.\nCode de confirmation : {code}.\nSuivez les audiences publiques en ligne ici : {webcast}\n\nPour consulter ou annuler votre inscription, utilisez le lien du premier message reçu.",
  },
  'day.archive.recording': { es: 'Grabación', en: 'Recording', pt: 'Gravação', fr: 'Enregistrement' },
});

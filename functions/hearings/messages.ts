// Texts of the hearings context in the four languages: rule messages, conflicts, and
// the notifications sent to applicants (rendered here, in the applicant's language).
import { defineMessages } from '../shared/messages';

export const hearingMessages = defineMessages({
  'hearing.notFound': {
    es: 'No existe la solicitud de audiencia {id}.',
    en: 'There is no hearing request {id}.',
    pt: 'Não existe o pedido de audiência {id}.',
    fr: "La demande d'audience {id} n'existe pas.",
  },
  'hearing.notOwner': {
    es: 'Solo quien presentó la solicitud puede hacer esto.',
    en: 'Only the applicant who submitted the request may do this.',
    pt: 'Só quem apresentou o pedido pode fazer isto.',
    fr: "Seul l'auteur de la demande peut faire cela.",
  },
  'hearing.windowClosed': {
    es: 'El plazo de solicitudes del {session, ordinal} Período de Sesiones cerró el {closesAt}.',
    en: 'Requests for the {session, ordinal} Period of Sessions closed on {closesAt}.',
    pt: 'O prazo de pedidos do {session, ordinal} Período de Sessões encerrou em {closesAt}.',
    fr: 'Les demandes pour la {session, ordinal, feminine} Période de sessions ont été closes le {closesAt}.',
  },
  'hearing.windowNotOpen': {
    es: 'El plazo de solicitudes del {session, ordinal} Período de Sesiones abre el {opensAt} y cierra el {closesAt}.',
    en: 'Requests for the {session, ordinal} Period of Sessions open on {opensAt} and close on {closesAt}.',
    pt: 'O prazo de pedidos do {session, ordinal} Período de Sessões abre em {opensAt} e encerra em {closesAt}.',
    fr: 'Les demandes pour la {session, ordinal, feminine} Période de sessions ouvrent le {opensAt} et ferment le {closesAt}.',
  },
  'hearing.sessionUnknown': {
    es: 'No existe el Período de Sesiones {session}.',
    en: 'There is no Period of Sessions {session}.',
    pt: 'Não existe o Período de Sessões {session}.',
    fr: "La Période de sessions {session} n'existe pas.",
  },
  'hearing.notEditable': {
    es: 'La solicitud está en estado «{status}»: solo se puede modificar mientras está presentada.',
    en: 'The request is "{status}": it can be changed only while submitted.',
    pt: 'O pedido está no estado «{status}»: só pode ser alterado enquanto apresentado.',
    fr: "La demande est « {status} » : elle ne peut être modifiée que tant qu'elle est déposée.",
  },
  'hearing.notWithdrawable': {
    es: 'La solicitud está en estado «{status}» y ya no se puede retirar.',
    en: 'The request is "{status}" and can no longer be withdrawn.',
    pt: 'O pedido está no estado «{status}» e já não pode ser retirado.',
    fr: 'La demande est « {status} » et ne peut plus être retirée.',
  },
  'hearing.notDecidable': {
    es: 'La solicitud está en estado «{status}»: ya se decidió o cambió; recargue.',
    en: 'The request is "{status}": it was already decided or changed; reload.',
    pt: 'O pedido está no estado «{status}»: já foi decidido ou alterado; recarregue.',
    fr: 'La demande est « {status} » : elle a déjà été décidée ou modifiée ; rechargez.',
  },
  'hearing.changed': {
    es: 'La solicitud cambió mientras tanto; recargue y vuelva a intentarlo.',
    en: 'The request changed in the meantime; reload and try again.',
    pt: 'O pedido mudou entretanto; recarregue e tente de novo.',
    fr: 'La demande a changé entre-temps ; rechargez et réessayez.',
  },
  'hearing.idempotencyReused': {
    es: 'La clave Idempotency-Key ya se usó para otra solicitud distinta.',
    en: 'This Idempotency-Key was already used for a different request.',
    pt: 'A chave Idempotency-Key já foi usada para outro pedido diferente.',
    fr: 'Cette clé Idempotency-Key a déjà servi pour une autre demande.',
  },
  'rule.hearing.idempotencyKey': {
    es: 'Debe tener entre 8 y 100 caracteres: letras, cifras, «-» o «_».',
    en: 'Must be 8 to 100 characters: letters, digits, "-" or "_".',
    pt: 'Deve ter entre 8 e 100 caracteres: letras, dígitos, «-» ou «_».',
    fr: 'Doit compter 8 à 100 caractères : lettres, chiffres, « - » ou « _ ».',
  },
  'rule.hearing.required': {
    es: 'Este campo es obligatorio.',
    en: 'This field is required.',
    pt: 'Este campo é obrigatório.',
    fr: 'Ce champ est obligatoire.',
  },
  'rule.hearing.words': {
    es: 'Máximo {max} palabras; tiene {count}.',
    en: 'At most {max} words; it has {count}.',
    pt: 'No máximo {max} palavras; tem {count}.',
    fr: '{max} mots au plus ; il y en a {count}.',
  },
  'rule.hearing.matterRequired': {
    es: 'Indique la petición, el caso o la medida cautelar (tipo y número).',
    en: 'Name the petition, case or precautionary measure (type and number).',
    pt: 'Indique a petição, o caso ou a medida cautelar (tipo e número).',
    fr: 'Indiquez la pétition, l’affaire ou la mesure conservatoire (type et numéro).',
  },
  'rule.hearing.state': {
    es: '«{code}» no es un Estado miembro de la OEA.',
    en: '"{code}" is not an OAS member State.',
    pt: '«{code}» não é um Estado membro da OEA.',
    fr: '« {code} » n’est pas un État membre de l’OEA.',
  },
  'rule.hearing.statesCount': {
    es: 'Indique entre 1 y {max} Estados.',
    en: 'Name between 1 and {max} States.',
    pt: 'Indique entre 1 e {max} Estados.',
    fr: 'Indiquez entre 1 et {max} États.',
  },
  'rule.hearing.participantsCount': {
    es: 'Indique entre {min} y {max} participantes.',
    en: 'Name between {min} and {max} participants.',
    pt: 'Indique entre {min} e {max} participantes.',
    fr: 'Indiquez entre {min} et {max} participants.',
  },
  'rule.hearing.privateReason': {
    es: 'Explique por qué la audiencia debe ser privada.',
    en: 'Explain why the hearing should be private.',
    pt: 'Explique por que a audiência deve ser privada.',
    fr: "Expliquez pourquoi l'audience doit être privée.",
  },
  'rule.hearing.deferToRequired': {
    es: 'Indique el Período de Sesiones al que se aplaza.',
    en: 'Name the Period of Sessions it is deferred to.',
    pt: 'Indique o Período de Sessões para o qual é adiado.',
    fr: 'Indiquez la Période de sessions à laquelle elle est reportée.',
  },
  'rule.hearing.deferToLater': {
    es: 'Debe ser un Período de Sesiones posterior al {session, ordinal}.',
    en: 'Must be a Period of Sessions after the {session, ordinal}.',
    pt: 'Deve ser um Período de Sessões posterior ao {session, ordinal}.',
    fr: 'Doit être une Période de sessions postérieure à la {session, ordinal, feminine}.',
  },
  'rule.hearing.deferToUnknown': {
    es: 'No existe el Período de Sesiones {session}.',
    en: 'There is no Period of Sessions {session}.',
    pt: 'Não existe o Período de Sessões {session}.',
    fr: "La Période de sessions {session} n'existe pas.",
  },
  'rule.hearing.cursor': {
    es: 'El cursor no es válido para esta consulta; vuelva a la primera página.',
    en: 'The cursor is not valid for this query; start again from the first page.',
    pt: 'O cursor não é válido para esta consulta; volte à primeira página.',
    fr: "Le curseur n'est pas valide pour cette requête ; recommencez à la première page.",
  },
  'hearing.status.submitted': { es: 'presentada', en: 'submitted', pt: 'apresentado', fr: 'déposée' },
  'hearing.status.accepted': { es: 'aceptada', en: 'accepted', pt: 'aceito', fr: 'acceptée' },
  'hearing.status.rejected': { es: 'rechazada', en: 'rejected', pt: 'rejeitado', fr: 'rejetée' },
  'hearing.status.deferred': { es: 'aplazada', en: 'deferred', pt: 'adiado', fr: 'reportée' },
  'hearing.status.withdrawn': { es: 'retirada', en: 'withdrawn', pt: 'retirado', fr: 'retirée' },
  'hearing.status.scheduled': { es: 'programada', en: 'scheduled', pt: 'agendado', fr: 'programmée' },
  'hearing.mail.submitted.subject': {
    es: 'Solicitud de audiencia recibida — {id}',
    en: 'Hearing request received — {id}',
    pt: 'Pedido de audiência recebido — {id}',
    fr: "Demande d'audience reçue — {id}",
  },
  'hearing.mail.submitted.text': {
    es: 'La Secretaría Ejecutiva de la CIDH recibió su solicitud de audiencia «{title}» para el {session, ordinal} Período de Sesiones.\n\nNúmero de solicitud: {id}\n\nPuede seguir su estado en Docket, en «Mis solicitudes».',
    en: 'The IACHR Executive Secretariat received your hearing request "{title}" for the {session, ordinal} Period of Sessions.\n\nRequest number: {id}\n\nYou can follow its status in Docket, under "My requests".',
    pt: 'A Secretaria Executiva da CIDH recebeu o seu pedido de audiência «{title}» para o {session, ordinal} Período de Sessões.\n\nNúmero do pedido: {id}\n\nPode acompanhar o estado no Docket, em «Meus pedidos».',
    fr: "Le Secrétariat exécutif de la CIDH a reçu votre demande d'audience « {title} » pour la {session, ordinal, feminine} Période de sessions.\n\nNuméro de la demande : {id}\n\nVous pouvez en suivre l'état dans Docket, sous « Mes demandes ».",
  },
  'hearing.mail.decision.subject': {
    es: 'Su solicitud de audiencia fue {status} — {id}',
    en: 'Your hearing request was {status} — {id}',
    pt: 'O seu pedido de audiência foi {status} — {id}',
    fr: "Votre demande d'audience a été {status} — {id}",
  },
  'hearing.mail.decision.text': {
    es: 'Solicitud «{title}» ({id}), {session, ordinal} Período de Sesiones.\n\nDecisión: {status}.\nMotivo: {reason}',
    en: 'Request "{title}" ({id}), {session, ordinal} Period of Sessions.\n\nDecision: {status}.\nReason: {reason}',
    pt: 'Pedido «{title}» ({id}), {session, ordinal} Período de Sessões.\n\nDecisão: {status}.\nMotivo: {reason}',
    fr: 'Demande « {title} » ({id}), {session, ordinal, feminine} Période de sessions.\n\nDécision : {status}.\nMotif : {reason}',
  },
  'hearing.mail.deferred.text': {
    es: 'Solicitud «{title}» ({id}).\n\nDecisión: aplazada del {from, ordinal} al {session, ordinal} Período de Sesiones, donde queda presentada.\nMotivo: {reason}',
    en: 'Request "{title}" ({id}).\n\nDecision: deferred from the {from, ordinal} to the {session, ordinal} Period of Sessions, where it stands as submitted.\nReason: {reason}',
    pt: 'Pedido «{title}» ({id}).\n\nDecisão: adiado do {from, ordinal} para o {session, ordinal} Período de Sessões, onde fica apresentado.\nMotivo: {reason}',
    fr: 'Demande « {title} » ({id}).\n\nDécision : reportée de la {from, ordinal, feminine} à la {session, ordinal, feminine} Période de sessions, où elle reste déposée.\nMotif : {reason}',
  },
});

defineMessages({
  'rule.hearing.id': {
    es: 'No es un identificador de solicitud válido.',
    en: 'Not a valid request id.',
    pt: 'Não é um identificador de pedido válido.',
    fr: "Ce n'est pas un identifiant de demande valide.",
  },
});

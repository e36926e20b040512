// Texts of the E-Vote context in the four languages.
import { defineMessages } from '../shared/messages';

export const evoteMessages = defineMessages({
  'evote.notFound': {
    es: 'No existe la votación {id}.',
    en: 'There is no ballot {id}.',
    pt: 'Não existe a votação {id}.',
    fr: "Le scrutin {id} n'existe pas.",
  },
  'evote.notDraft': {
    es: 'Solo se puede abrir una votación en borrador (estado actual: {status}).',
    en: 'Only a draft ballot can be opened (current status: {status}).',
    pt: 'Só se pode abrir uma votação em rascunho (estado atual: {status}).',
    fr: "Seul un scrutin en brouillon peut être ouvert (état actuel : {status}).",
  },
  'evote.notOpen': {
    es: 'La votación no está abierta (estado: {status}).',
    en: 'The ballot is not open (status: {status}).',
    pt: 'A votação não está aberta (estado: {status}).',
    fr: "Le scrutin n'est pas ouvert (état : {status}).",
  },
  'evote.deadlinePassed': {
    es: 'La votación cerró el {closesAt}; ya no se aceptan votos.',
    en: 'The ballot closed at {closesAt}; votes are no longer accepted.',
    pt: 'A votação encerrou em {closesAt}; não se aceitam mais votos.',
    fr: "Le scrutin a été clos le {closesAt} ; les votes ne sont plus acceptés.",
  },
  'evote.closed': {
    es: 'La votación ya está cerrada.',
    en: 'The ballot is already closed.',
    pt: 'A votação já está encerrada.',
    fr: 'Le scrutin est déjà clos.',
  },
  'evote.alreadyVoted': {
    es: 'Ya votó en esta votación; el voto es definitivo.',
    en: 'You have already voted on this ballot; a vote is final.',
    pt: 'Você já votou nesta votação; o voto é definitivo.',
    fr: 'Vous avez déjà voté à ce scrutin ; le vote est définitif.',
  },
  'evote.alreadyRecused': {
    es: 'La inhibición de {commissionerId} ya está registrada.',
    en: 'The recusal of {commissionerId} is already recorded.',
    pt: 'O impedimento de {commissionerId} já está registrado.',
    fr: 'La récusation de {commissionerId} est déjà enregistrée.',
  },
  'evote.recusedVoted': {
    es: '{commissionerId} ya votó; su voto no puede retirarse.',
    en: '{commissionerId} has already voted; the vote cannot be withdrawn.',
    pt: '{commissionerId} já votou; o voto não pode ser retirado.',
    fr: '{commissionerId} a déjà voté ; le vote ne peut être retiré.',
  },
  'evote.recused': {
    es: 'Está inhibido/a en esta votación: {reason}',
    en: 'You are recused from this ballot: {reason}',
    pt: 'Você está impedido/a nesta votação: {reason}',
    fr: 'Vous êtes récusé(e) pour ce scrutin : {reason}',
  },
  'evote.recusedArt17': {
    es: 'Está inhibido/a: es nacional del Estado concernido ({state}) (Reglamento, art. 17).',
    en: 'You are recused: you are a national of the State concerned ({state}) (Rules, Art. 17).',
    pt: 'Você está impedido/a: é nacional do Estado em questão ({state}) (Regulamento, art. 17).',
    fr: "Vous êtes récusé(e) : vous êtes ressortissant(e) de l'État concerné ({state}) (Règlement, art. 17).",
  },
  'evote.notCommissioner': {
    es: 'Solo los siete miembros de la Comisión votan.',
    en: 'Only the seven members of the Commission vote.',
    pt: 'Só os sete membros da Comissão votam.',
    fr: 'Seuls les sept membres de la Commission votent.',
  },
  'evote.sealed': {
    es: 'El registro de auditoría está sellado mientras la votación está abierta.',
    en: 'The audit record is sealed while the ballot is open.',
    pt: 'O registro de auditoria está selado enquanto a votação está aberta.',
    fr: "Le registre d'audit est scellé tant que le scrutin est ouvert.",
  },
  'evote.closesInPast': {
    es: 'El cierre ({closesAt}) ya pasó; fije una fecha futura.',
    en: 'The closing time ({closesAt}) has passed; set a future one.',
    pt: 'O encerramento ({closesAt}) já passou; defina uma data futura.',
    fr: 'La clôture ({closesAt}) est passée ; fixez une date future.',
  },
  'evote.busy': {
    es: 'Demasiadas operaciones simultáneas en esta votación; reintente.',
    en: 'Too many simultaneous operations on this ballot; retry.',
    pt: 'Operações simultâneas demais nesta votação; tente de novo.',
    fr: 'Trop d’opérations simultanées sur ce scrutin ; réessayez.',
  },
  'rule.evote.closesInPast': {
    es: 'El cierre debe ser posterior al momento actual.',
    en: 'The closing time must be in the future.',
    pt: 'O encerramento deve ser posterior ao momento atual.',
    fr: 'La clôture doit être dans le futur.',
  },
  'rule.evote.state': {
    es: 'Debe ser el código de un Estado miembro de la OEA (p. ej. MX).',
    en: 'Must be the code of an OAS member State (e.g. MX).',
    pt: 'Deve ser o código de um Estado membro da OEA (ex. MX).',
    fr: "Doit être le code d'un État membre de l'OEA (ex. MX).",
  },
  'rule.evote.commissioner': {
    es: 'Debe ser uno de los siete miembros (c-mx … c-gt).',
    en: 'Must be one of the seven members (c-mx … c-gt).',
    pt: 'Deve ser um dos sete membros (c-mx … c-gt).',
    fr: "Doit être l'un des sept membres (c-mx … c-gt).",
  },
  'rule.evote.id': {
    es: 'Identificador de votación no válido.',
    en: 'Not a valid ballot identifier.',
    pt: 'Identificador de votação inválido.',
    fr: 'Identifiant de scrutin invalide.',
  },
});

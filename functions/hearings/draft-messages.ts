// Texts of hearing request drafts (issue 15) in the four languages.
import { defineMessages } from '../shared/messages';

export const draftMessages = defineMessages({
  'hearing.draftNotFound': {
    es: 'No existe el borrador {id}.',
    en: 'There is no draft {id}.',
    pt: 'Não existe o rascunho {id}.',
    fr: "Le brouillon {id} n'existe pas.",
  },
  'hearing.draftNotOwner': {
    es: 'Solo quien creó el borrador puede verlo o cambiarlo.',
    en: 'Only the applicant who started the draft may see or change it.',
    pt: 'Só quem criou o rascunho pode vê-lo ou alterá-lo.',
    fr: "Seul l'auteur du brouillon peut le voir ou le modifier.",
  },
  'hearing.draftsTooMany': {
    es: 'Puede guardar como máximo {max} borradores: envíe o descarte alguno antes de empezar otro.',
    en: 'You may keep at most {max} drafts: submit or discard one before starting another.',
    pt: 'Você pode guardar no máximo {max} rascunhos: envie ou descarte algum antes de começar outro.',
    fr: 'Vous pouvez garder au plus {max} brouillons : envoyez-en ou supprimez-en un avant d\'en commencer un autre.',
  },
  'hearing.draftChanged': {
    es: 'El borrador cambió en otro dispositivo: vuelva a abrirlo para ver la última versión.',
    en: 'The draft was changed on another device: open it again to see the latest version.',
    pt: 'O rascunho foi alterado em outro dispositivo: abra-o de novo para ver a última versão.',
    fr: 'Le brouillon a été modifié sur un autre appareil : rouvrez-le pour voir la dernière version.',
  },
  'hearing.draftSubmitted': {
    es: 'Este borrador ya se envió como la solicitud {requestId}.',
    en: 'This draft was already submitted as request {requestId}.',
    pt: 'Este rascunho já foi enviado como o pedido {requestId}.',
    fr: 'Ce brouillon a déjà été envoyé comme la demande {requestId}.',
  },
  'rule.hearing.email': {
    es: 'Escriba una dirección de correo electrónico completa, como nombre@organizacion.org.',
    en: 'Enter a full email address, such as name@organisation.org.',
    pt: 'Escreva um endereço de e-mail completo, como nome@organizacao.org.',
    fr: 'Saisissez une adresse électronique complète, par exemple nom@organisation.org.',
  },
});

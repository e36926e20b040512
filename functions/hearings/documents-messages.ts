// Texts of supporting documents in the four languages.
import { defineMessages } from '../shared/messages';

defineMessages({
  'rule.document.fileName': {
    es: 'El nombre del archivo no puede contener barras ni caracteres de control.',
    en: 'The file name may not contain slashes or control characters.',
    pt: 'O nome do arquivo não pode conter barras nem caracteres de controle.',
    fr: 'Le nom du fichier ne peut contenir ni barre oblique ni caractère de contrôle.',
  },
  'rule.document.type': {
    es: 'Solo se aceptan archivos PDF, DOCX, ODT, JPEG o PNG.',
    en: 'Only PDF, DOCX, ODT, JPEG or PNG files are accepted.',
    pt: 'Só são aceitos arquivos PDF, DOCX, ODT, JPEG ou PNG.',
    fr: 'Seuls les fichiers PDF, DOCX, ODT, JPEG ou PNG sont acceptés.',
  },
  'rule.document.size': {
    es: 'Cada archivo puede tener como máximo {max}.',
    en: 'Each file may be at most {max}.',
    pt: 'Cada arquivo pode ter no máximo {max}.',
    fr: 'Chaque fichier peut faire au plus {max}.',
  },
  'rule.document.id': {
    es: 'No es un identificador de documento válido.',
    en: 'Not a valid document id.',
    pt: 'Não é um identificador de documento válido.',
    fr: "Ce n'est pas un identifiant de document valide.",
  },
  'document.tooMany': {
    es: 'Una solicitud admite como máximo {max} documentos de apoyo.',
    en: 'A request takes at most {max} supporting documents.',
    pt: 'Um pedido admite no máximo {max} documentos de apoio.',
    fr: 'Une demande accepte au plus {max} documents justificatifs.',
  },
  'document.notAttachable': {
    es: 'Ya no se pueden adjuntar documentos a esta solicitud.',
    en: 'Documents can no longer be attached to this request.',
    pt: 'Já não é possível anexar documentos a este pedido.',
    fr: "Il n'est plus possible de joindre des documents à cette demande.",
  },
  'document.notRemovable': {
    es: 'Ya no se pueden retirar documentos de esta solicitud.',
    en: 'Documents can no longer be removed from this request.',
    pt: 'Já não é possível retirar documentos deste pedido.',
    fr: "Il n'est plus possible de retirer des documents de cette demande.",
  },
  'document.notFound': {
    es: 'La solicitud no tiene el documento {id}.',
    en: 'The request has no document {id}.',
    pt: 'O pedido não tem o documento {id}.',
    fr: "La demande n'a pas de document {id}.",
  },
  'document.notAvailable': {
    es: 'El documento aún no está disponible: se está verificando o fue rechazado.',
    en: 'The document is not available: it is being checked or was rejected.',
    pt: 'O documento ainda não está disponível: está sendo verificado ou foi rejeitado.',
    fr: "Le document n'est pas disponible : il est en cours de vérification ou a été rejeté.",
  },
});

// Texts of the supporting documents page (issue 15).
import { defineTexts } from '../i18n';

export const documentTexts = defineTexts({
  'documents.title': { es: 'Documentos de apoyo', en: 'Supporting documents', pt: 'Documentos de apoio', fr: 'Documents justificatifs' },
  'documents.intro': {
    es: 'Hasta dos archivos PDF, DOCX, ODT, JPEG o PNG, de 10 MB como máximo cada uno.',
    en: 'Up to two PDF, DOCX, ODT, JPEG or PNG files, at most 10 MB each.',
    pt: 'Até dois arquivos PDF, DOCX, ODT, JPEG ou PNG, de no máximo 10 MB cada.',
    fr: "Jusqu'à deux fichiers PDF, DOCX, ODT, JPEG ou PNG, de 10 Mo au plus chacun.",
  },
  'documents.file': { es: 'Archivo', en: 'File', pt: 'Arquivo', fr: 'Fichier' },
  'documents.attach': { es: 'Adjuntar', en: 'Attach', pt: 'Anexar', fr: 'Joindre' },
  'documents.none': { es: 'Sin documentos.', en: 'No documents.', pt: 'Sem documentos.', fr: 'Aucun document.' },
  'documents.download': { es: 'Descargar', en: 'Download', pt: 'Baixar', fr: 'Télécharger' },
  'documents.uploadFailed': { es: 'No se pudo cargar el archivo.', en: 'The file could not be uploaded.', pt: 'Não foi possível enviar o arquivo.', fr: "Le fichier n'a pas pu être envoyé." },
  'documents.status.pending': { es: 'En verificación', en: 'Being checked', pt: 'Em verificação', fr: 'En vérification' },
  'documents.status.available': { es: 'Disponible', en: 'Available', pt: 'Disponível', fr: 'Disponible' },
  'documents.status.rejected': { es: 'Rechazado', en: 'Rejected', pt: 'Rejeitado', fr: 'Rejeté' },
  'documents.reason.type': {
    es: 'el contenido no es del tipo declarado',
    en: 'the content is not of the declared type',
    pt: 'o conteúdo não é do tipo declarado',
    fr: "le contenu n'est pas du type déclaré",
  },
  'documents.reason.size': { es: 'el tamaño no coincide', en: 'the size does not match', pt: 'o tamanho não confere', fr: 'la taille ne correspond pas' },
  'documents.reason.malware': { es: 'se detectó software malicioso', en: 'malware was found', pt: 'foi detectado software malicioso', fr: 'un logiciel malveillant a été détecté' },
  'documents.reason.scan': { es: 'no se pudo analizar', en: 'it could not be scanned', pt: 'não foi possível analisá-lo', fr: "il n'a pas pu être analysé" },
  'documents.remove': { es: 'Retirar', en: 'Remove', pt: 'Retirar', fr: 'Retirer' },
  'documents.removeTitle': { es: '¿Retirar este documento?', en: 'Remove this document?', pt: 'Retirar este documento?', fr: 'Retirer ce document ?' },
  'documents.removed': { es: 'Documento retirado.', en: 'Document removed.', pt: 'Documento retirado.', fr: 'Document retiré.' },
  'documents.link': { es: 'Documentos', en: 'Documents', pt: 'Documentos', fr: 'Documents' },
});

// Server-side texts in the four OAS official languages. Each key carries all four
// translations side by side, so the type system refuses a missing one. Contexts add
// their own keys with defineMessages() from their messages.ts.
import type { MessageParams } from './errors';
import { formatMessage } from './plural';

export const LANGS = ['es', 'en', 'pt', 'fr'] as const;
export type Lang = (typeof LANGS)[number];
export type Translations = Record<Lang, string>;

const catalog = new Map<string, Translations>();

export function defineMessages<K extends string>(entries: Record<K, Translations>): Record<K, Translations> {
  for (const [key, value] of Object.entries(entries) as [K, Translations][]) catalog.set(key, value);
  return entries;
}

export function translate(lang: Lang, key: string, params: MessageParams = {}): string {
  const entry = catalog.get(key);
  const text = entry ? entry[lang] : key;
  return formatMessage(text, lang, params as Record<string, string | number | undefined>);
}

/** Picks the first supported language of an Accept-Language header (q-values honoured). */
export function negotiate(acceptLanguage: string | undefined, fallback: Lang = 'en'): Lang {
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { base } of ranked) if ((LANGS as readonly string[]).includes(base)) return base as Lang;
  return fallback;
}

export const sharedMessages = defineMessages({
  'title.400': { es: 'Solicitud mal formada', en: 'Malformed request', pt: 'Pedido malformado', fr: 'Requête mal formée' },
  'title.401': { es: 'Autenticación requerida', en: 'Authentication required', pt: 'Autenticação necessária', fr: 'Authentification requise' },
  'title.403': { es: 'Acceso denegado', en: 'Access denied', pt: 'Acesso negado', fr: 'Accès refusé' },
  'title.404': { es: 'No encontrado', en: 'Not found', pt: 'Não encontrado', fr: 'Introuvable' },
  'title.405': { es: 'Método no permitido', en: 'Method not allowed', pt: 'Método não permitido', fr: 'Méthode non autorisée' },
  'title.409': { es: 'Conflicto con el estado actual', en: 'Conflict with the current state', pt: 'Conflito com o estado atual', fr: "Conflit avec l'état actuel" },
  'title.413': { es: 'Contenido demasiado grande', en: 'Content too large', pt: 'Conteúdo grande demais', fr: 'Contenu trop volumineux' },
  'title.415': { es: 'Tipo de contenido no admitido', en: 'Unsupported content type', pt: 'Tipo de conteúdo não suportado', fr: 'Type de contenu non pris en charge' },
  'title.422': { es: 'La solicitud incumple una regla', en: 'The request breaks a rule', pt: 'O pedido viola uma regra', fr: 'La requête enfreint une règle' },
  'title.500': { es: 'Error interno', en: 'Internal error', pt: 'Erro interno', fr: 'Erreur interne' },
  'title.503': { es: 'Servicio no disponible', en: 'Service unavailable', pt: 'Serviço indisponível', fr: 'Service indisponible' },
  'error.malformedJson': {
    es: 'El cuerpo no es JSON válido.',
    en: 'The body is not valid JSON.',
    pt: 'O corpo não é JSON válido.',
    fr: "Le corps n'est pas du JSON valide.",
  },
  'error.unsupportedMediaType': {
    es: 'Envíe el cuerpo como application/json.',
    en: 'Send the body as application/json.',
    pt: 'Envie o corpo como application/json.',
    fr: 'Envoyez le corps en application/json.',
  },
  'error.malformedPath': {
    es: 'La ruta tiene una codificación porcentual mal formada.',
    en: 'The path has a malformed percent-encoding.',
    pt: 'O caminho tem uma codificação percentual malformada.',
    fr: 'Le chemin contient un encodage en pourcentage mal formé.',
  },
  'error.tooLarge': {
    es: 'El cuerpo supera el límite de {limit} bytes.',
    en: 'The body exceeds the limit of {limit} bytes.',
    pt: 'O corpo excede o limite de {limit} bytes.',
    fr: 'Le corps dépasse la limite de {limit} octets.',
  },
  'error.validation': {
    es: 'Algunos campos no son válidos: vea errors.',
    en: 'Some fields are not valid: see errors.',
    pt: 'Alguns campos não são válidos: veja errors.',
    fr: 'Certains champs ne sont pas valides : voir errors.',
  },
  'error.unauthenticated': {
    es: 'Inicie sesión: falta el token o no es válido.',
    en: 'Sign in: the token is missing or not valid.',
    pt: 'Inicie sessão: o token falta ou não é válido.',
    fr: 'Connectez-vous : le jeton est absent ou invalide.',
  },
  'error.role': {
    es: 'Esta acción requiere el rol {roles}.',
    en: 'This action needs the role {roles}.',
    pt: 'Esta ação requer o papel {roles}.',
    fr: 'Cette action exige le rôle {roles}.',
  },
  'error.viaSite': {
    es: 'La API solo responde a través del sitio; use su dirección.',
    en: 'The API answers only through the site; use its address.',
    pt: 'A API só responde através do site; use o endereço dele.',
    fr: "L'API ne répond qu'à travers le site ; utilisez son adresse.",
  },
  'error.routeNotFound': {
    es: 'No existe la ruta {method} {path}.',
    en: 'There is no route {method} {path}.',
    pt: 'Não existe a rota {method} {path}.',
    fr: "La route {method} {path} n'existe pas.",
  },
  'error.unavailable': {
    es: 'El almacenamiento no responde; nada se guardó a medias. Reintente en unos segundos.',
    en: 'Storage is not responding; nothing was half-written. Retry in a few seconds.',
    pt: 'O armazenamento não responde; nada foi gravado pela metade. Tente de novo em alguns segundos.',
    fr: "Le stockage ne répond pas ; rien n'a été écrit à moitié. Réessayez dans quelques secondes.",
  },
  'error.internal': {
    es: 'Error interno. Indique el identificador {correlationId} al soporte.',
    en: 'Internal error. Quote the identifier {correlationId} to support.',
    pt: 'Erro interno. Informe o identificador {correlationId} ao suporte.',
    fr: "Erreur interne. Communiquez l'identifiant {correlationId} au support.",
  },
  'error.conflict': {
    es: 'La operación choca con el estado actual; recargue y vuelva a intentarlo.',
    en: 'The operation conflicts with the current state; reload and try again.',
    pt: 'A operação conflita com o estado atual; recarregue e tente de novo.',
    fr: "L'opération est en conflit avec l'état actuel ; rechargez et réessayez.",
  },
  'rule.integer': {
    es: 'Debe ser un número entero.',
    en: 'Must be a whole number.',
    pt: 'Deve ser um número inteiro.',
    fr: 'Doit être un nombre entier.',
  },
  'rule.date': {
    es: 'Debe ser una fecha AAAA-MM-DD válida.',
    en: 'Must be a valid YYYY-MM-DD date.',
    pt: 'Deve ser uma data AAAA-MM-DD válida.',
    fr: 'Doit être une date AAAA-MM-JJ valide.',
  },
  'rule.instant': {
    es: 'Debe ser un instante ISO 8601 con zona (p. ej. 2020-09-03T00:00:00Z).',
    en: 'Must be an ISO 8601 instant with a zone (e.g. 2020-09-03T00:00:00Z).',
    pt: 'Deve ser um instante ISO 8601 com fuso (ex. 2020-09-03T00:00:00Z).',
    fr: 'Doit être un instant ISO 8601 avec fuseau (ex. 2020-09-03T00:00:00Z).',
  },
  'rule.timeZone': {
    es: 'Debe ser una zona horaria IANA (p. ej. America/New_York).',
    en: 'Must be an IANA time zone (e.g. America/New_York).',
    pt: 'Deve ser um fuso horário IANA (ex. America/New_York).',
    fr: 'Doit être un fuseau horaire IANA (ex. America/New_York).',
  },
});

import { defineTexts } from '../i18n';

export const shellTexts = defineTexts({
  'shell.brand': { es: 'Docket — CIDH', en: 'Docket — IACHR', pt: 'Docket — CIDH', fr: 'Docket — CIDH' },
  'shell.tagline': {
    es: 'Audiencias y Períodos de Sesiones de la Comisión Interamericana de Derechos Humanos',
    en: 'Hearings and Periods of Sessions of the Inter-American Commission on Human Rights',
    pt: 'Audiências e Períodos de Sessões da Comissão Interamericana de Direitos Humanos',
    fr: "Audiences et Périodes de sessions de la Commission interaméricaine des droits de l'homme",
  },
  'shell.skip': { es: 'Saltar al contenido', en: 'Skip to content', pt: 'Pular para o conteúdo', fr: 'Aller au contenu' },
  'shell.language': { es: 'Idioma', en: 'Language', pt: 'Idioma', fr: 'Langue' },
  'shell.nav': { es: 'Navegación principal', en: 'Main navigation', pt: 'Navegação principal', fr: 'Navigation principale' },
  'shell.signIn': { es: 'Iniciar sesión', en: 'Sign in', pt: 'Entrar', fr: 'Se connecter' },
  'shell.signOut': { es: 'Cerrar sesión', en: 'Sign out', pt: 'Sair', fr: 'Se déconnecter' },
  'shell.signedInAs': { es: 'Sesión de {name}', en: 'Signed in as {name}', pt: 'Sessão de {name}', fr: 'Connecté : {name}' },
  'shell.simulated': {
    es: 'Fecha simulada: {date}. Este es un entorno de demostración.',
    en: 'Simulated date: {date}. This is a demonstration environment.',
    pt: 'Data simulada: {date}. Este é um ambiente de demonstração.',
    fr: 'Date simulée : {date}. Ceci est un environnement de démonstration.',
  },
  'shell.notFound': { es: 'Página no encontrada.', en: 'Page not found.', pt: 'Página não encontrada.', fr: 'Page introuvable.' },
  'shell.loading': { es: 'Cargando…', en: 'Loading…', pt: 'Carregando…', fr: 'Chargement…' },
  'shell.error': {
    es: 'No se pudo completar: {detail}',
    en: 'Could not complete: {detail}',
    pt: 'Não foi possível concluir: {detail}',
    fr: "Impossible d'aboutir : {detail}",
  },
  'shell.footer': {
    es: 'Comisión Interamericana de Derechos Humanos — Organización de los Estados Americanos',
    en: 'Inter-American Commission on Human Rights — Organization of American States',
    pt: 'Comissão Interamericana de Direitos Humanos — Organização dos Estados Americanos',
    fr: "Commission interaméricaine des droits de l'homme — Organisation des États américains",
  },
  'signin.title': { es: 'Iniciar sesión (desarrollo)', en: 'Sign in (development)', pt: 'Entrar (desenvolvimento)', fr: 'Connexion (développement)' },
  'signin.intro': {
    es: 'Entorno local: elija uno de los usuarios de prueba. En producción se inicia sesión con Amazon Cognito.',
    en: 'Local environment: choose one of the test users. In production you sign in with Amazon Cognito.',
    pt: 'Ambiente local: escolha um dos usuários de teste. Em produção, entra-se com o Amazon Cognito.',
    fr: "Environnement local : choisissez l'un des utilisateurs de test. En production, la connexion passe par Amazon Cognito.",
  },
  'signin.as': { es: 'Entrar como {email}', en: 'Sign in as {email}', pt: 'Entrar como {email}', fr: 'Se connecter en tant que {email}' },
  'signin.unavailable': {
    es: 'El inicio de sesión de desarrollo solo existe en el entorno local.',
    en: 'Development sign-in exists only in the local environment.',
    pt: 'O login de desenvolvimento só existe no ambiente local.',
    fr: "La connexion de développement n'existe que dans l'environnement local.",
  },
  'role.applicant': { es: 'Organización solicitante', en: 'Applicant organisation', pt: 'Organização solicitante', fr: 'Organisation requérante' },
  'role.secretariat': { es: 'Secretaría Ejecutiva', en: 'Executive Secretariat', pt: 'Secretaria Executiva', fr: 'Secrétariat exécutif' },
  'role.commissioner': { es: 'Comisionado/a', en: 'Commissioner', pt: 'Comissário/a', fr: 'Commissaire' },
});

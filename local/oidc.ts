// The local OpenID Connect provider: oidc-provider (a certified implementation) mounted
// under /oidc on the runtime's own port, so the browser takes the very redirect path it
// takes against Cognito's managed login in AWS: discovery, authorization (code + PKCE
// S256, required), token, JWKS, end_session. Development only: its login page lists the
// seeded users and signs in by email, without a password, and consent is implied (the
// one client is Docket itself, as Cognito's app client is).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { siteHeaders } from '../lib/site-headers';
import { type DevIdentityProvider, LOCAL_ISSUER_PATH, userClaims } from './identity';
import type { SiteConfig } from '../frontend/src/auth';
import { type DevUser, devUsers } from './users';

/** The site's /config.json, in the shape the pages read (frontend/src/auth.ts). */
export type { SiteConfig };

export const SCOPE = 'openid email profile';

/** What GET /config.json answers locally (the stack writes the same shape from its outputs). */
export const localSiteConfig = (origin: string, idp: DevIdentityProvider): SiteConfig => ({
  oidc: { authority: idp.issuer, clientId: idp.clientId, redirectUri: `${origin}/`, postLogoutRedirectUri: `${origin}/`, scope: SCOPE },
});

type Lang = 'es' | 'en' | 'pt' | 'fr';
const texts: Record<string, Record<Lang, string>> = {
  title: { es: 'Iniciar sesión (desarrollo)', en: 'Sign in (development)', pt: 'Entrar (desenvolvimento)', fr: 'Connexion (développement)' },
  intro: {
    es: 'Proveedor de identidad local: elija uno de los usuarios de prueba. En AWS se inicia sesión con Amazon Cognito.',
    en: 'Local identity provider: choose one of the test users. In AWS you sign in with Amazon Cognito.',
    pt: 'Provedor de identidade local: escolha um dos usuários de teste. Na AWS, entra-se com o Amazon Cognito.',
    fr: "Fournisseur d'identité local : choisissez l'un des utilisateurs de test. Sur AWS, la connexion passe par Amazon Cognito.",
  },
  as: { es: 'Entrar como {email}', en: 'Sign in as {email}', pt: 'Entrar como {email}', fr: 'Se connecter en tant que {email}' },
  cancel: { es: 'Cancelar', en: 'Cancel', pt: 'Cancelar', fr: 'Annuler' },
  signingOut: { es: 'Cerrando sesión…', en: 'Signing out…', pt: 'Saindo…', fr: 'Déconnexion…' },
  signOut: { es: 'Cerrar sesión', en: 'Sign out', pt: 'Sair', fr: 'Se déconnecter' },
  error: { es: 'No se pudo iniciar sesión', en: 'Could not sign in', pt: 'Não foi possível entrar', fr: 'Connexion impossible' },
};
const role: Record<string, Record<Lang, string>> = {
  applicant: { es: 'Organización solicitante', en: 'Applicant organisation', pt: 'Organização solicitante', fr: 'Organisation requérante' },
  secretariat: { es: 'Secretaría Ejecutiva', en: 'Executive Secretariat', pt: 'Secretaria Executiva', fr: 'Secrétariat exécutif' },
  commissioner: { es: 'Comisionado/a', en: 'Commissioner', pt: 'Comissário/a', fr: 'Commissaire' },
  state: { es: 'Delegación del Estado', en: 'State delegation', pt: 'Delegação do Estado', fr: "Délégation de l'État" },
};
const pickLang = (uiLocales: unknown): Lang =>
  (String(uiLocales ?? '').split(/\s+/).map((l) => l.slice(0, 2)).find((l) => ['es', 'en', 'pt', 'fr'].includes(l)) as Lang | undefined) ?? 'es';

const escape = (value: unknown) =>
  String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const page = (lang: Lang, title: string, body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} — Docket</title></head><body><main>${body}</main></body></html>`;

export interface LocalOidc {
  issuer: string;
  /** Serves /oidc/*: the login page of an interaction, else the provider itself. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export function createLocalOidc(origin: string, idp: DevIdentityProvider): LocalOidc {
  const config = localSiteConfig(origin, idp);
  const findUser = (sub: string): DevUser | undefined => devUsers.find((u) => u.sub === sub);
  const provider = new Provider(idp.issuer, {
    clients: [
      {
        client_id: idp.clientId,
        client_name: 'Docket',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [config.oidc.redirectUri],
        post_logout_redirect_uris: [config.oidc.postLogoutRedirectUri],
      },
    ],
    // The same key that signs /api/dev/login's tokens and that the local authorizer trusts.
    jwks: { keys: idp.signingKeys() },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // Only the site itself calls the token endpoint from a browser (same origin here).
    clientBasedCORS: (_ctx: unknown, requestOrigin: string) => requestOrigin === origin,
    // Public client: PKCE required (oidc-provider 9 accepts only S256).
    pkce: { required: () => true },
    // Cognito's claim names, in the ID token itself (the API reads the ID token).
    claims: {
      openid: ['sub', 'cognito:groups', 'custom:nationality', 'custom:commissionerId', 'custom:state', 'token_use'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    conformIdTokenClaims: false,
    async findAccount(_ctx: unknown, sub: string) {
      const user = findUser(sub);
      if (!user) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...userClaims(user) }) };
    },
    // Cognito gives a refresh token with every code grant and does not rotate it by
    // default: the same here, so tabs sharing one stored session can all renew it.
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(g: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: () => false,
    ttl: { AccessToken: 3600, IdToken: 3600, AuthorizationCode: 60, RefreshToken: 30 * 24 * 3600, Session: 14 * 24 * 3600, Grant: 30 * 24 * 3600, Interaction: 3600 },
    // Docket is the only client and first-party: consent is implied, as with Cognito.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session, params, result } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(String(params?.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
    interactions: { url: async (_ctx: unknown, interaction: { uid: string }) => `${LOCAL_ISSUER_PATH}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // Cognito's /logout signs out without asking: submit the provider's form at once.
        async logoutSource(ctx: KoaContextWithOIDC, form: string) {
          const nonce = randomBytes(16).toString('base64');
          const lang = pickLang(ctx.oidc.params?.ui_locales);
          ctx.set('content-security-policy', `default-src 'none'; script-src 'nonce-${nonce}'; form-action 'self' ${origin}; base-uri 'none'; frame-ancestors 'none'`);
          ctx.body = page(
            lang,
            texts.signOut[lang],
            `<h1>${texts.signingOut[lang]}</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">${texts.signOut[lang]}</button>` +
              `<script nonce="${nonce}">const f=document.getElementById('op.logoutForm');const i=document.createElement('input');i.type='hidden';i.name='logout';i.value='yes';f.append(i);f.submit();</script>`,
          );
        },
      },
    },
    async renderError(ctx: KoaContextWithOIDC, out: Record<string, string>) {
      ctx.type = 'html';
      ctx.body = page('en', texts.error.en, `<h1>${texts.error.en}</h1>${Object.entries(out).map(([k, v]) => `<p><strong>${escape(k)}</strong>: ${escape(v)}</p>`).join('')}`);
    },
  });
  const callback = provider.callback();

  async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 16_384) break;
      chunks.push(chunk as Buffer);
    }
    return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  }

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) {
    let details: Awaited<ReturnType<Provider['interactionDetails']>>;
    try {
      details = await provider.interactionDetails(req, res);
      if (details.uid !== uid) throw new Error('interaction mismatch');
    } catch {
      // An expired or foreign interaction (its cookie is gone): start again from the site.
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(page('en', texts.error.en, `<h1>${texts.error.en}</h1><p><a href="${escape(origin)}/">Docket</a></p>`));
      return;
    }
    const lang = pickLang(details.params.ui_locales);
    if (req.method === 'POST' && action === 'login') {
      const email = (await readForm(req)).get('email')?.toLowerCase();
      const user = devUsers.find((u) => u.email === email);
      if (user) return provider.interactionFinished(req, res, { login: { accountId: user.sub, remember: true } }, { mergeWithLastSubmission: false });
    }
    if (req.method === 'POST' && action === 'abort') {
      return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'sign-in cancelled' }, { mergeWithLastSubmission: false });
    }
    const base = `${LOCAL_ISSUER_PATH}/interaction/${escape(uid)}`;
    const items = devUsers
      .map((u) => `<li><button type="submit" name="email" value="${escape(u.email)}">${escape(texts.as[lang].replace('{email}', u.email))}</button> <span>${u.groups.map((g) => escape(role[g]?.[lang] ?? g)).join(', ')}</span></li>`)
      .join('');
    const html = page(
      lang,
      texts.title[lang],
      `<h1>${texts.title[lang]}</h1><p>${texts.intro[lang]}</p><form method="post" action="${base}/login"><ul>${items}</ul></form>` +
        `<form method="post" action="${base}/abort"><button type="submit">${texts.cancel[lang]}</button></form>`,
    );
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  }

  return {
    issuer: idp.issuer,
    async handle(req, res) {
      // The site's security headers on every provider page; pages that need more set their own.
      for (const [name, value] of Object.entries(siteHeaders)) res.setHeader(name, value);
      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = /^\/oidc\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(url.pathname);
      if (match) return interaction(req, res, match[1], match[2]);
      // Mounted under a prefix: oidc-provider works out its mount path from originalUrl.
      const incoming = req as IncomingMessage & { originalUrl?: string };
      incoming.originalUrl = req.url;
      req.url = (req.url ?? '/').slice(LOCAL_ISSUER_PATH.length) || '/';
      callback(req, res);
    },
  };
}

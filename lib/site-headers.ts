// Security headers for the site's pages, one definition for CloudFront's response
// headers policy and the local runtime. No 'unsafe-inline' anywhere: the frontend has
// no inline script or style.
//
// connect-src: the pages fetch the sign-in provider's discovery document and exchange
// the code at its token endpoint. Locally the provider is on the site's own origin; in
// AWS it is Cognito: exactly the pool's issuer origin (cognito-idp.<region>) and the
// managed-login domain, nothing wider. Sign-in itself is a top-level navigation, which
// connect-src and form-action do not govern.
export const contentSecurityPolicy = (connectSrc: string[] = []) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...connectSrc].join(' '),
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** The camera for this site only: the check-in page scans QR codes with it (issue 14). */
export const PERMISSIONS_POLICY = 'camera=(self), microphone=(), geolocation=()';

export const siteHeaders: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': PERMISSIONS_POLICY,
};

export const HSTS_SECONDS = 63_072_000; // two years, as the HSTS preload list asks

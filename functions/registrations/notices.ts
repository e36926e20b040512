// The notification emails of registration, rendered here in the attendee's language
// (the outbox sender has no templates). Confirmation and promotion carry the QR.
// The only free text a mail carries is the registrant's name, escaped (issue 13): an
// anonymous form must not become a way to mail chosen text, links included, to anyone.
import { publicViewingLink } from '../hearing-day/webcast';
import type { OutgoingMessage } from '../notifications/message';
import { translate } from '../shared/messages';
import { qrSvg } from './qr';
import type { Registration } from './registration';
import './messages';

export type Notice = Omit<OutgoingMessage, 'id'>;
export type NoticeKind = 'confirmed' | 'waitlisted' | 'promoted' | 'cancelled' | 'expired';

/** The manage link: id and token in the fragment, which browsers never send to a server. */
export const manageLink = (origin: string, id: string, token: string) => `${origin}/#/registration?id=${encodeURIComponent(id)}&token=${encodeURIComponent(token)}`;

/**
 * The name as given, made inert for a plain-text mail: control and invisible formatting
 * characters (line breaks, bidi overrides) become spaces, and what a mail reader would
 * turn into a link (a scheme, an address, a domain) is defanged with brackets, the
 * convention for quoting links that must not be followed. Letters, accents and
 * punctuation of real names pass unchanged.
 */
export function escapeName(name: string): string {
  return name
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/:\/\//g, '[:]//')
    .replace(/@/g, '[@]')
    .replace(/([\p{L}\p{N}-])\.(?=[\p{L}\p{N}-]{2,})/gu, '$1[.]');
}

export async function notice(kind: NoticeKind, reg: Registration, extra: { link?: string; days?: number; position?: number; minutes?: number } = {}): Promise<Notice> {
  const lang = reg.language;
  const params = {
    name: escapeName(reg.name),
    session: reg.sessionNumber,
    code: reg.confirmationCode,
    mode: translate(lang, `mode.${reg.attendance}`),
    link: extra.link ?? '',
    days: extra.days ?? 0,
    minutes: extra.minutes ?? 0,
    position: extra.position ?? reg.waitlistPosition ?? 0,
  };
  const withQr = kind === 'confirmed' || kind === 'promoted';
  // Online registrants get the Period's public viewing link, not "show the QR at the entrance" (issue 16).
  const online = withQr && reg.attendance === 'online';
  const text = online
    ? translate(lang, `day.mail.online.${kind}.text`, { ...params, webcast: await publicViewingLink(reg.sessionNumber) })
    : translate(lang, `mail.${kind}.text`, params);
  return {
    to: reg.email,
    language: lang,
    subject: translate(lang, `mail.${kind}.subject`, params),
    text,
    kind: `registration.${kind}`,
    ref: reg.id,
    ...(withQr
      ? { attachments: [{ filename: `${reg.confirmationCode}.svg`, contentType: 'image/svg+xml', content: Buffer.from(await qrSvg(reg.confirmationCode), 'utf8').toString('base64') }] }
      : {}),
  };
}

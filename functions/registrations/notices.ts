// The notification emails of registration, rendered here in the attendee's language
// (the outbox sender has no templates). Confirmation and promotion carry the QR.
import type { OutgoingMessage } from '../notifications/message';
import { translate } from '../shared/messages';
import { qrSvg } from './qr';
import type { Registration } from './registration';
import './messages';

export type Notice = Omit<OutgoingMessage, 'id'>;
export type NoticeKind = 'confirmed' | 'waitlisted' | 'promoted' | 'cancelled';

/** The manage link: id and token in the fragment, which browsers never send to a server. */
export const manageLink = (origin: string, id: string, token: string) => `${origin}/#/registration?id=${encodeURIComponent(id)}&token=${encodeURIComponent(token)}`;

export async function notice(kind: NoticeKind, reg: Registration, extra: { link?: string; days?: number; position?: number } = {}): Promise<Notice> {
  const lang = reg.language;
  const params = {
    name: reg.name,
    session: reg.sessionNumber,
    code: reg.confirmationCode,
    mode: translate(lang, `mode.${reg.attendance}`),
    link: extra.link ?? '',
    days: extra.days ?? 0,
    position: extra.position ?? reg.waitlistPosition ?? 0,
  };
  const withQr = kind === 'confirmed' || kind === 'promoted';
  return {
    to: reg.email,
    language: lang,
    subject: translate(lang, `mail.${kind}.subject`, params),
    text: translate(lang, `mail.${kind}.text`, params),
    kind: `registration.${kind}`,
    ref: reg.id,
    ...(withQr
      ? { attachments: [{ filename: `${reg.confirmationCode}.svg`, contentType: 'image/svg+xml', content: Buffer.from(await qrSvg(reg.confirmationCode), 'utf8').toString('base64') }] }
      : {}),
  };
}

// Times as people read them: in the viewer's own zone, with the session's zone named in
// words ("Eastern Time"), never an IANA name or an ISO timestamp.
import { locale } from '../i18n';

export { sameOffset, viewerZone, zoneInWords } from '../i18n';

/** A date and time in the viewer's zone, e.g. "10 de septiembre de 2020, 14:05". */
export const formatWhen = (iso: string, timeZone?: string) =>
  new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso));

/**
 * A short human reference for a long identifier (a 26-character ULID): its last six
 * characters in groups of three, which is what people read out on the phone.
 */
export const shortRef = (id: string) => {
  const tail = id.replace(/[^0-9A-Za-z]/g, '').slice(-6).toUpperCase();
  return `${tail.slice(0, 3)}-${tail.slice(3)}`;
};

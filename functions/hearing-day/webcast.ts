// The Period's public viewing link for online registrants (issue 16): the webcast the
// secretariat set, else the archive page, which shows it once it is set. Registration
// reads it here (its mails), never through this context's keys.
import { shared } from '../shared/config';
import './messages';
import { getWebcast } from './store';

export async function publicViewingLink(sessionNumber: number): Promise<string> {
  return (await getWebcast(sessionNumber))?.url ?? `${shared.SITE_ORIGIN}/#/archive?session=${sessionNumber}`;
}

// The pages of the site. Each area adds its pages here; the shell builds the navigation
// from the `nav` entries the signed-in user may see.
import { evotePage } from './evote/commissioner';
import { archivePage } from './hearing-day/archive';
import { runOfShowPage } from './hearing-day/run-of-show';
import { hearingAdminPage } from './hearing-day/secretariat';
import { statePage } from './hearing-day/state';
import { evoteAdminPage } from './evote/secretariat';
import { documentsPage } from './hearings/documents';
import { requestFormPage } from './hearings/form';
import { myRequestsPage } from './hearings/mine';
import { reviewPage } from './hearings/review';
import { decisionsPage } from './hearings/decisions';
import { inspectPage } from './hearings/inspect';
import { templatesPage } from './hearings/templates-page';
import { confirmationPage, managePage } from './registrations/manage';
import { registerPage } from './registrations/register';
import { checkInPage } from './registrations/checkin';
import { attendeesPage } from './registrations/secretariat';
import { publicSchedulePage } from './schedule/public';
import { timetablePage } from './schedule/timetable';
import { sessionsPage } from './sessions/page';
import { homePage } from './shell/home';
import { signInPage } from './shell/signin';

export interface Page {
  /** Hash path without '#/', e.g. 'sessions'. */
  path: string;
  titleKey: string;
  /** Shown in the navigation for these roles ('public' = everyone). */
  nav?: 'public' | string[];
  render(main: HTMLElement, params: URLSearchParams): Promise<void> | void;
}

export const pages: Page[] = [homePage, sessionsPage, signInPage, evotePage, evoteAdminPage, requestFormPage, myRequestsPage, reviewPage, inspectPage, decisionsPage, templatesPage, documentsPage, registerPage, confirmationPage, managePage, checkInPage, attendeesPage, publicSchedulePage, timetablePage, statePage, runOfShowPage, archivePage, hearingAdminPage];
export const HOME = 'home';

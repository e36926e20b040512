// The pages of the site. Each area adds its pages here; the shell builds the navigation
// from the `nav` entries the signed-in user may see.
import { evotePage } from './evote/commissioner';
import { evoteAdminPage } from './evote/secretariat';
import { requestFormPage } from './hearings/form';
import { myRequestsPage } from './hearings/mine';
import { reviewPage } from './hearings/review';
import { confirmationPage, managePage } from './registrations/manage';
import { registerPage } from './registrations/register';
import { attendeesPage, checkInPage } from './registrations/secretariat';
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

export const pages: Page[] = [homePage, sessionsPage, signInPage, evotePage, evoteAdminPage, requestFormPage, myRequestsPage, reviewPage, registerPage, confirmationPage, managePage, checkInPage, attendeesPage, publicSchedulePage, timetablePage];
export const HOME = 'home';

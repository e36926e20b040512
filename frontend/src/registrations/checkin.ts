// The door (issue 14): check people in by scanning their QR with the device camera (or a
// photo of it), by typed code, or by searching their name; live counts per mode; and it
// keeps working through a lost connection. The attendee roster is loaded page by page
// into this tab (sessionStorage: gone with the tab, never left on a shared device), so
// names and codes are checked locally; a check-in made offline waits in a queue
// (localStorage, so a reload keeps it) and is sent when the connection returns. The
// server refuses a second check-in of a code (409), so two devices at two doors cannot
// check one person in twice: the second sees who was first.
import { ApiError, api } from '../api';
import { clear, h } from '../dom';
import { formatInstant, t } from '../i18n';
import type { Page } from '../routes';
import { listSessions, sessionName } from '../sessions/page';
import type { RegistrationView } from './manage';
import { decodePhoto, scanCamera, type CameraScan } from './scanner';
import './texts';

type Mode = 'in_person' | 'online';
interface Person {
  code: string;
  name: string;
  attendance: Mode;
  ok: boolean;
  checkedInAt?: string;
}
interface Pending {
  code: string;
  at: string;
}
type ListPage = { items: RegistrationView[]; counts: Record<string, Record<string, number>>; nextCursor?: string };

const normalise = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();
const codeOf = (text: string) => text.trim().toUpperCase();

class Roster {
  people = new Map<string, Person>();
  counts: Record<string, Record<string, number>> = {};
  constructor(readonly session: number) {}

  private get key() {
    return `docket.roster.${this.session}`;
  }

  restore(): boolean {
    const saved = sessionStorage.getItem(this.key);
    if (!saved) return false;
    const { people, counts } = JSON.parse(saved) as { people: Person[]; counts: Roster['counts'] };
    this.people = new Map(people.map((p) => [p.code, p]));
    this.counts = counts;
    return true;
  }

  save() {
    sessionStorage.setItem(this.key, JSON.stringify({ people: [...this.people.values()], counts: this.counts }));
  }

  /** Every page of the list (at most 2,000 a page), so a session of any size loads. */
  async load(onProgress: (n: number) => void) {
    const people = new Map<string, Person>();
    let cursor: string | undefined;
    do {
      const page: ListPage = await api(`/api/sessions/${this.session}/registrations?limit=2000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      for (const r of page.items) {
        people.set(r.confirmationCode, { code: r.confirmationCode, name: r.name, attendance: r.attendance, ok: r.status === 'confirmed' && !!r.verifiedAt, checkedInAt: r.checkedInAt });
      }
      this.counts = page.counts;
      cursor = page.nextCursor;
      onProgress(people.size);
    } while (cursor);
    this.people = people;
    this.save();
  }

  search(text: string): Person[] {
    const q = normalise(text);
    if (q.length < 2) return [];
    return [...this.people.values()].filter((p) => p.ok && normalise(p.name).includes(q)).slice(0, 20);
  }
}

class Queue {
  constructor(readonly session: number) {}
  private get key() {
    return `docket.checkins.${this.session}`;
  }
  all(): Pending[] {
    return JSON.parse(localStorage.getItem(this.key) ?? '[]') as Pending[];
  }
  add(p: Pending) {
    localStorage.setItem(this.key, JSON.stringify([...this.all().filter((x) => x.code !== p.code), p]));
  }
  remove(code: string) {
    localStorage.setItem(this.key, JSON.stringify(this.all().filter((x) => x.code !== code)));
  }
}

const offline = (error: unknown) => error instanceof ApiError && error.problem.status === 0;

export const checkInPage: Page = {
  path: 'checkin',
  titleKey: 'reg.checkinTitle',
  nav: ['secretariat'],
  async render(main, params) {
    main.append(h('h1', {}, t('reg.checkinTitle')));
    const sessions = await listSessions();
    const fallback = sessions.filter((s) => s.registration.capacity.in_person + s.registration.capacity.online > 0).at(-1)?.number ?? sessions.at(-1)?.number ?? 0;
    const session = Number(params.get('session')) || fallback;
    const select = h('select', { id: 'session', onchange: (e: Event) => (location.hash = `#/checkin?session=${(e.target as HTMLSelectElement).value}`) },
      sessions.map((s) => h('option', { value: s.number, selected: s.number === session }, sessionName(s.number))));
    const roster = new Roster(session);
    const queue = new Queue(session);

    const result = h('div', { role: 'status', id: 'checkin-result', 'aria-live': 'polite' });
    const counts = h('p', { id: 'live-counts', class: 'counts', 'aria-live': 'polite' });
    const connection = h('p', { id: 'connection', class: 'muted', 'aria-live': 'polite' });
    const tell = (kind: 'ok' | 'error' | 'queued', text: string) => {
      result.className = kind;
      result.textContent = text;
    };
    const drawCounts = () => {
      const pending = queue.all().length;
      const parts = (['in_person', 'online'] as const)
        .filter((m) => (roster.counts[m]?.confirmed ?? 0) > 0)
        .map((m) => t('reg.live.mode', { mode: t(`reg.mode.${m}`), checkedIn: roster.counts[m]?.checkedIn ?? 0, confirmed: roster.counts[m]?.confirmed ?? 0 }));
      counts.textContent = [...parts, pending ? t('reg.live.pending', { n: pending }) : ''].filter(Boolean).join(' · ');
      connection.textContent = navigator.onLine ? '' : t('reg.offline');
    };
    const markIn = (person: Person, at: string) => {
      person.checkedInAt = at;
      const mode = roster.counts[person.attendance];
      if (mode) mode.checkedIn = (mode.checkedIn ?? 0) + 1;
      roster.save();
    };

    /** Sends one check-in; false when the connection is down (it stays queued). */
    const send = async (code: string): Promise<boolean> => {
      try {
        const done = await api<{ checkedInAt: string; registration: RegistrationView }>(`/api/sessions/${session}/check-ins`, { method: 'POST', json: { confirmationCode: code } });
        queue.remove(code);
        const person = roster.people.get(code);
        if (person && !person.checkedInAt) markIn(person, done.checkedInAt);
        else if (person) person.checkedInAt = done.checkedInAt;
        tell('ok', t('reg.checkedIn', { name: done.registration.name, code, at: formatInstant(done.checkedInAt) }));
        return true;
      } catch (error) {
        if (offline(error)) return false;
        if (!(error instanceof ApiError)) throw error;
        // Refused for good (already in at another door, unknown, unverified): said, and off the queue.
        queue.remove(code);
        tell('error', error.problem.detail);
        return true;
      } finally {
        drawCounts();
      }
    };

    const checkIn = async (raw: string) => {
      const code = codeOf(raw);
      if (!code) return;
      const person = roster.people.get(code);
      if (person?.checkedInAt) {
        tell('error', t('reg.alreadyIn', { name: person.name, at: formatInstant(person.checkedInAt) }));
        return;
      }
      if (roster.people.size > 0 && person && !person.ok) {
        tell('error', t('reg.notAdmissible', { name: person.name }));
        return;
      }
      if (!navigator.onLine || !(await send(code))) {
        // Offline: admitted on the roster's word, sent when the connection returns.
        const at = new Date().toISOString();
        queue.add({ code, at });
        if (person) markIn(person, at);
        tell('queued', person ? t('reg.queued', { name: person.name }) : t('reg.queuedUnknown', { code }));
        drawCounts();
      }
    };

    const sync = async () => {
      for (const p of queue.all()) if (!(await send(p.code))) break;
      drawCounts();
    };

    // Typed code.
    const code = h('input', { type: 'text', id: 'code', name: 'confirmationCode', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', maxlength: 40, 'aria-describedby': 'code-hint' }) as HTMLInputElement;
    const form = h('form', { novalidate: true, class: 'checkin-code' },
      h('div', { class: 'field' }, h('label', { for: 'code' }, t('reg.codeLabel')), h('span', { id: 'code-hint', class: 'muted' }, t('reg.codeHint')), code),
      h('button', { type: 'submit' }, t('reg.checkinSubmit')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void checkIn(code.value).then(() => {
        code.value = '';
        code.focus();
      });
    });

    // Camera and photo.
    const video = h('video', { id: 'camera', 'aria-label': t('reg.cameraLabel'), hidden: true }) as HTMLVideoElement;
    const cameraButton = h('button', { type: 'button', class: 'secondary', id: 'scan' }, t('reg.scanStart')) as HTMLButtonElement;
    let camera: CameraScan | undefined;
    cameraButton.addEventListener('click', async () => {
      if (camera) {
        camera.stop();
        camera = undefined;
        video.hidden = true;
        cameraButton.textContent = t('reg.scanStart');
        return;
      }
      try {
        video.hidden = false;
        camera = await scanCamera(video, (read) => void checkIn(read));
        cameraButton.textContent = t('reg.scanStop');
      } catch {
        video.hidden = true;
        tell('error', t('reg.noCamera'));
      }
    });
    const photo = h('input', { type: 'file', id: 'photo', accept: 'image/*', capture: 'environment' }) as HTMLInputElement;
    photo.addEventListener('change', async () => {
      const file = photo.files?.[0];
      if (!file) return;
      const read = await decodePhoto(file).catch(() => undefined);
      photo.value = '';
      if (read) await checkIn(read);
      else tell('error', t('reg.noQr'));
    });

    // Name search.
    const search = h('input', { type: 'search', id: 'search', autocomplete: 'off', 'aria-describedby': 'search-hint', 'aria-controls': 'matches' }) as HTMLInputElement;
    const matches = h('ul', { id: 'matches', class: 'matches' });
    search.addEventListener('input', () => {
      clear(matches);
      for (const p of roster.search(search.value)) {
        matches.append(h('li', {}, `${p.name} — ${t(`reg.mode.${p.attendance}`)} `,
          p.checkedInAt
            ? h('span', { class: 'muted' }, t('reg.inAt', { at: formatInstant(p.checkedInAt) }))
            : h('button', { type: 'button', 'aria-label': t('reg.checkInPerson', { name: p.name }), onclick: () => void checkIn(p.code).then(() => search.dispatchEvent(new Event('input'))) }, t('reg.checkinSubmit'))));
      }
    });

    const loading = h('p', { class: 'muted', id: 'roster-status', 'aria-live': 'polite' });
    main.append(
      h('div', { class: 'field' }, h('label', { for: 'session' }, t('reg.session')), select),
      counts, connection, result,
      h('section', { 'aria-labelledby': 'scan-title' }, h('h2', { id: 'scan-title' }, t('reg.scanTitle')), cameraButton, ' ',
        h('label', { for: 'photo', class: 'button secondary' }, t('reg.scanPhoto')), photo, video),
      form,
      h('section', { 'aria-labelledby': 'search-title' }, h('h2', { id: 'search-title' }, t('reg.searchTitle')),
        h('div', { class: 'field' }, h('label', { for: 'search' }, t('reg.searchLabel')), h('span', { id: 'search-hint', class: 'muted' }, t('reg.searchHint')), search), matches),
      loading,
    );

    addEventListener('online', () => void sync());
    addEventListener('offline', drawCounts);
    if (roster.restore()) drawCounts();
    if (navigator.onLine) {
      try {
        await roster.load((n) => (loading.textContent = t('reg.rosterLoading', { n })));
        loading.textContent = t('reg.rosterLoaded', { n: roster.people.size });
      } catch (error) {
        if (!offline(error)) throw error;
      }
      await sync();
    }
    drawCounts();
    // Counts from other doors: refreshed while the page is open and online.
    const timer = setInterval(async () => {
      if (!main.isConnected) return clearInterval(timer);
      if (!navigator.onLine) return;
      try {
        const page = await api<ListPage>(`/api/sessions/${session}/registrations?limit=1`);
        roster.counts = page.counts;
        drawCounts();
      } catch {
        // The next tick tries again.
      }
    }, 20_000);
  },
};

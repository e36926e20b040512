// The public archive of a Period (issue 16): the hearings held, with their recordings and
// summaries in the reader's language, and the Atom feed to follow it.
import { api } from '../api';
import { h } from '../dom';
import { LANGUAGE_NAMES, formatInstant, t } from '../i18n';
import type { Page } from '../routes';
import { listSessions } from '../sessions/page';
import { pickSession, sessionChooser, stateLabel } from '../schedule/shared';
import type { ArchiveView } from '../../../functions/hearing-day/view';
import '../schedule/texts';
import './texts';

export const archivePage: Page = {
  path: 'archive',
  titleKey: 'archive.title',
  nav: 'public',
  async render(main, params) {
    main.append(h('h1', {}, t('archive.title')));
    const sessions = await listSessions();
    const session = pickSession(sessions, params);
    if (!session) return;
    const archive = await api<ArchiveView>(`/api/sessions/${session.number}/archive`);
    main.append(
      sessionChooser('archive', sessions, session.number),
      h('p', {},
        h('a', { class: 'button', id: 'archive-feed', type: 'application/atom+xml', href: `/api/sessions/${session.number}/archive.atom` }, t('archive.feed')),
        archive.webcastUrl ? [' ', h('a', { href: archive.webcastUrl, rel: 'noopener' }, t('archive.webcast'))] : null),
    );
    if (archive.hearings.length === 0) {
      main.append(h('p', { id: 'archive-none' }, t('archive.none')));
      return;
    }
    for (const x of archive.hearings) {
      const others = x.titles.filter((tt) => tt.title !== x.title);
      main.append(
        h('article', { class: 'card archived', 'data-request': x.requestId, 'aria-labelledby': `archived-${x.requestId}` },
          h('h2', { id: `archived-${x.requestId}` }, x.title),
          others.length ? h('p', { class: 'muted' }, t('archive.otherTitles', { titles: others.map((o) => `${LANGUAGE_NAMES[o.language]}: ${o.title}`).join(' · ') })) : null,
          h('p', { class: 'muted' }, [x.start ? formatInstant(x.start) : '', t(`schedule.kind.${x.kind}`), x.states.map(stateLabel).join(', ')].filter(Boolean).join(' · ')),
          h('p', { class: 'summary' }, x.summary),
          x.participants.length ? h('p', {}, `${t('archive.participants')}: `, x.participants.map((p) => (p.organization ? `${p.name} (${p.organization})` : p.name)).join(', ')) : null,
          x.recordingUrl ? h('p', {}, h('a', { href: x.recordingUrl, rel: 'noopener', 'aria-label': t('archive.recordingOf', { title: x.title }) }, t('archive.recording'))) : null),
      );
    }
  },
};

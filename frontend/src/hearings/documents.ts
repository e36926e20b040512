// Supporting documents of one request (issue 15): the list with each document's status,
// a download link for available ones, and for the owner a file input that uploads
// straight to the documents bucket with the pre-signed request the API answers. The
// server checks the type again from the content; this page only waits for the verdict.
// The owner may remove a document while the request still takes documents (a wrong file,
// or an upload that never finished), which frees its place.
import { ApiError, api, hasRole } from '../api';
import { confirmDialog, toast } from '../ui';
import { clear, h } from '../dom';
import { t } from '../i18n';
import './documents-texts';
import type { Page } from '../routes';

interface DocumentView {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  status: 'pending' | 'available' | 'rejected';
  reason?: 'type' | 'size' | 'malware' | 'scan';
}
interface Attached {
  document: DocumentView;
  upload: { url: string; method: string; headers: Record<string, string> };
}


/** The browser's type for a file, or the one its extension names (some systems give DOCX/ODT none). */
const BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};
const typeOf = (file: File) => file.type || BY_EXTENSION[file.name.split('.').pop()?.toLowerCase() ?? ''] || 'application/octet-stream';
const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

export const documentsPage: Page = {
  path: 'hearings/documents',
  titleKey: 'documents.title',
  async render(main, params) {
    const id = params.get('id') ?? '';
    main.append(h('h1', {}, t('documents.title')), h('p', {}, t('documents.intro')));
    const list = h('ul', { class: 'documents', 'aria-live': 'polite' });
    const status = h('p', { role: 'status' });
    const base = `/api/hearing-requests/${encodeURIComponent(id)}/documents`;
    const owner = hasRole('applicant');
    const warn = (text: string) => {
      status.textContent = text;
      status.setAttribute('role', 'alert');
    };

    const draw = (items: DocumentView[]) => {
      clear(list);
      if (!items.length) list.append(h('li', {}, t('documents.none')));
      for (const d of items) {
        const state = t(`documents.status.${d.status}`) + (d.reason ? ` (${t(`documents.reason.${d.reason}`)})` : '');
        const download =
          d.status === 'available'
            ? (h('button', { type: 'button', class: 'secondary', 'aria-label': `${t('documents.download')} — ${d.fileName}` }, t('documents.download')) as HTMLButtonElement)
            : null;
        // A short-lived link, asked for at the moment of the click; the browser saves the file.
        download?.addEventListener('click', async () => window.location.assign((await api<{ url: string }>(`${base}/${d.id}`)).url));
        const remove = owner ? (h('button', { type: 'button', class: 'secondary', 'aria-label': `${t('documents.remove')} — ${d.fileName}` }, t('documents.remove')) as HTMLButtonElement) : null;
        remove?.addEventListener('click', async () => {
          const sure = await confirmDialog({ title: t('documents.removeTitle'), body: d.fileName, confirm: t('documents.remove'), danger: true });
          if (!sure) return;
          try {
            await api(`${base}/${d.id}`, { method: 'DELETE' });
            toast(t('documents.removed'));
            await refresh();
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            warn(error.problem.detail);
          }
        });
        list.append(h('li', { 'data-id': d.id, 'data-status': d.status }, `${d.fileName} — ${sizeText(d.size)} — `, h('strong', {}, state), download ? ' ' : '', download, remove ? ' ' : '', remove));
      }
    };
    const refresh = async () => {
      const { items } = await api<{ items: DocumentView[] }>(base);
      draw(items);
      return items;
    };
    /** The check runs after the upload: look again until nothing is pending (a minute at most). */
    const settle = async () => {
      for (let i = 0; i < 60; i++) {
        if (!(await refresh()).some((d) => d.status === 'pending')) return;
        await new Promise((r) => setTimeout(r, 1000));
      }
    };

    main.append(list);
    try {
      await refresh();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      main.append(h('p', { role: 'alert' }, error.problem.detail));
      return;
    }
    if (owner) {
      const input = h('input', { type: 'file', id: 'document-file', accept: '.pdf,.docx,.odt,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png' }) as HTMLInputElement;
      const button = h('button', { type: 'submit' }, t('documents.attach')) as HTMLButtonElement;
      const form = h('form', { class: 'document-upload' }, h('label', { for: 'document-file' }, t('documents.file')), ' ', input, ' ', button);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const file = input.files?.[0];
        if (!file) return;
        button.disabled = true;
        status.textContent = '';
        try {
          const attached = await api<Attached>(base, { method: 'POST', json: { fileName: file.name, contentType: typeOf(file), size: file.size } });
          const put = await fetch(attached.upload.url, { method: attached.upload.method, headers: attached.upload.headers, body: file }).catch(() => undefined);
          if (!put?.ok) {
            // The bytes never arrived: the place is given back rather than held by a document that cannot come.
            await api(`${base}/${attached.document.id}`, { method: 'DELETE' }).catch(() => undefined);
            await refresh();
            throw new ApiError({ type: 'about:blank', title: t('documents.uploadFailed'), status: put?.status ?? 0, detail: t('documents.uploadFailed') });
          }
          form.reset();
          await settle();
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          warn([error.problem.detail, ...(error.problem.errors ?? []).map((e) => e.message)].join(' '));
        } finally {
          button.disabled = false;
        }
      });
      main.append(form);
    }
    main.append(status);
  },
};

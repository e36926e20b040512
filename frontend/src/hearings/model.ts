// What the hearing pages share: the request as the API returns it, status labels, and
// showing the server's field errors next to each field (errors[].path → #err-<path>).
import type { HearingRequestView } from '../../../functions/hearings/view';
import type { Problem } from '../api';
import { h } from '../dom';
import { lang, t } from '../i18n';

export const STATUSES = ['submitted', 'info_requested', 'accepted', 'rejected', 'deferred', 'withdrawn', 'scheduled'] as const;
export type Status = (typeof STATUSES)[number];

// The request as the API answers it: the type of the same zod schema the server answers
// with (a type-only import: esbuild drops it, no zod in the bundle).
export type HearingRequest = HearingRequestView;
export type HistoryEntry = HearingRequestView['history'][number];

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export const statusBadge = (status: Status) => h('span', { class: `status status-${status}`, 'data-status': status }, t(`hearings.status.${status}`));

/** The 35 OAS member States, named in the page's language. */
export const OAS = 'AG AR BS BB BZ BO BR CA CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR TT US UY VE'.split(' ');
export const stateName = (code: string) => new Intl.DisplayNames([lang()], { type: 'region' }).of(code) ?? code;
export const sortedStates = () => [...OAS].sort((a, b) => stateName(a).localeCompare(stateName(b), lang()));

export const countWords = (text: string) => text.trim().split(/\s+/u).filter(Boolean).length;

/** A field wrapper: label, control, optional hint, and the slot for its server error. */
export function field(path: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  const describedBy = [hint ? `hint-${path}` : '', `err-${path}`].filter(Boolean).join(' ');
  control.id = `f-${path}`;
  control.setAttribute('aria-describedby', describedBy);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: `f-${path}` }, label),
    hint ? h('p', { id: `hint-${path}`, class: 'muted hint' }, hint) : null,
    control,
    h('p', { id: `err-${path}`, class: 'field-error', hidden: true }),
  );
}

export function clearErrors(root: HTMLElement) {
  for (const p of root.querySelectorAll<HTMLElement>('.field-error')) {
    p.textContent = '';
    p.hidden = true;
  }
  for (const c of root.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
}

/**
 * Puts each server error next to its field: the exact path, else the nearest parent
 * (`participants.2.name` → `participants`). Returns the errors that found no field.
 */
export function showErrors(root: HTMLElement, problem: Problem): string[] {
  const orphans: string[] = [];
  let first: HTMLElement | undefined;
  for (const error of problem.errors ?? []) {
    const parts = error.path.split('.');
    let slot: HTMLElement | null = null;
    let path = '';
    while (parts.length && !slot) {
      path = parts.join('.');
      slot = root.querySelector<HTMLElement>(`[id="err-${CSS.escape(path)}"]`);
      parts.pop();
    }
    if (!slot) {
      orphans.push(error.message);
      continue;
    }
    slot.textContent = slot.textContent ? `${slot.textContent} ${error.message}` : error.message;
    slot.hidden = false;
    const control = root.querySelector<HTMLElement>(`[id="f-${CSS.escape(path)}"]`);
    control?.setAttribute('aria-invalid', 'true');
    first ??= control ?? slot;
  }
  first?.focus();
  return orphans;
}

// Two inputs of the request form (issue 14): a searchable picker of States (an ARIA 1.2
// combobox with a listbox, the chosen ones as removable chips; no Ctrl multi-select)
// and a picker of dates (the browser's own date input plus a list of chosen dates; no
// comma-separated ISO dates to type).
import { h } from '../dom';
import { t } from '../i18n';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export interface Picker<T> {
  element: HTMLElement;
  set(values: T[]): void;
  value(): T[] | undefined;
}

export function statePicker(path: string, labelText: string, states: { code: string; name: string }[], onChange: () => void): Picker<string> {
  let chosen: string[] = [];
  let active = -1;
  let matches: { code: string; name: string }[] = [];
  const listId = `${path}-list`;
  const input = h('input', {
    type: 'text',
    id: `f-${path}`,
    role: 'combobox',
    autocomplete: 'off',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'aria-describedby': `hint-${path} ${path}-chosen-label err-${path}`,
  }) as HTMLInputElement;
  const list = h('ul', { id: listId, role: 'listbox', class: 'picker-list', 'aria-label': labelText, hidden: true });
  const live = h('p', { class: 'picker-live', 'aria-live': 'polite' });
  const chips = h('ul', { class: 'chips', 'aria-labelledby': `${path}-chosen-label` });
  const nameOf = (code: string) => states.find((s) => s.code === code)?.name ?? code;

  const drawChips = () => {
    chips.replaceChildren(
      ...(chosen.length
        ? chosen.map((code) =>
            h('li', { 'data-code': code }, nameOf(code), ' ',
              h('button', { type: 'button', class: 'chip-remove', 'aria-label': t('hearings.states.remove', { name: nameOf(code) }), onclick: () => remove(code) }, '×')),
          )
        : [h('li', { class: 'muted' }, t('hearings.states.none'))]),
    );
  };
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const drawList = () => {
    const query = fold(input.value.trim());
    matches = states.filter((s) => !chosen.includes(s.code) && (!query || fold(s.name).includes(query) || s.code.toLowerCase() === query));
    active = matches.length ? Math.min(Math.max(active, 0), matches.length - 1) : -1;
    list.replaceChildren(
      ...matches.map((s, i) =>
        h('li', {
          role: 'option',
          id: `${path}-opt-${s.code}`,
          'data-code': s.code,
          'aria-selected': i === active ? 'true' : 'false',
          class: i === active ? 'active' : undefined,
          // Keep the focus in the input: a click chooses without blurring it.
          onmousedown: (e: Event) => e.preventDefault(),
          onclick: () => choose(s.code),
        }, s.name),
      ),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', `${path}-opt-${matches[active].code}`);
      list.children[active]?.scrollIntoView?.({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
    live.textContent = t('hearings.states.matches', { count: matches.length });
  };
  const choose = (code: string) => {
    if (!chosen.includes(code)) chosen = [...chosen, code];
    input.value = '';
    drawChips();
    close();
    live.textContent = t('hearings.states.added', { name: nameOf(code) });
    input.focus();
    onChange();
  };
  const remove = (code: string) => {
    chosen = chosen.filter((c) => c !== code);
    drawChips();
    input.focus();
    onChange();
  };
  input.addEventListener('input', () => {
    active = 0;
    drawList();
  });
  input.addEventListener('focus', () => undefined);
  input.addEventListener('blur', () => close());
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (list.hidden) active = 0;
      else active = Math.min(Math.max(active + (e.key === 'ArrowDown' ? 1 : -1), 0), matches.length - 1);
      drawList();
    } else if (e.key === 'Enter') {
      // Enter chooses; it never submits the form from here.
      e.preventDefault();
      if (!list.hidden && active >= 0 && matches[active]) choose(matches[active].code);
    } else if (e.key === 'Escape') {
      if (!list.hidden) {
        e.preventDefault();
        close();
      }
    } else if (e.key === 'Backspace' && !input.value && chosen.length) {
      remove(chosen[chosen.length - 1]);
    }
  });
  drawChips();
  const element = h(
    'div',
    { class: 'field picker' },
    h('label', { for: `f-${path}` }, labelText),
    h('p', { id: `hint-${path}`, class: 'muted hint' }, t('hearings.states.hint')),
    h('div', { class: 'combo' }, input, list),
    live,
    h('p', { id: `${path}-chosen-label`, class: 'chips-label' }, t('hearings.states.chosen')),
    chips,
    h('p', { id: `err-${path}`, class: 'field-error', hidden: true }),
  );
  return {
    element,
    set(values) {
      chosen = values.map((v) => v.toUpperCase()).filter((v, i, all) => all.indexOf(v) === i);
      drawChips();
    },
    value: () => [...chosen],
  };
}

export function datePicker(path: string, labelText: string, range: { min?: string; max?: string }, format: (iso: string) => string, onChange: () => void): Picker<string> {
  let chosen: string[] = [];
  const input = h('input', { type: 'date', id: `f-${path}`, min: range.min, max: range.max, 'aria-describedby': `${path}-chosen-label err-${path}` }) as HTMLInputElement;
  const chips = h('ul', { class: 'chips', 'aria-labelledby': `${path}-chosen-label` });
  const live = h('p', { class: 'picker-live', 'aria-live': 'polite' });
  const draw = () => {
    chips.replaceChildren(
      ...(chosen.length
        ? chosen.map((iso) =>
            h('li', { 'data-date': iso }, format(iso), ' ',
              h('button', { type: 'button', class: 'chip-remove', 'aria-label': t('hearings.dates.remove', { date: format(iso) }), onclick: () => remove(iso) }, '×')),
          )
        : [h('li', { class: 'muted' }, t('hearings.dates.none'))]),
    );
  };
  const add = () => {
    const iso = input.value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return;
    if (!chosen.includes(iso)) chosen = [...chosen, iso].sort();
    input.value = '';
    draw();
    live.textContent = format(iso);
    onChange();
  };
  const remove = (iso: string) => {
    chosen = chosen.filter((d) => d !== iso);
    draw();
    input.focus();
    onChange();
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  });
  draw();
  const element = h(
    'div',
    { class: 'field picker' },
    h('label', { for: `f-${path}` }, labelText),
    h('div', { class: 'date-add' }, input, ' ', h('button', { type: 'button', class: 'secondary', id: `${path}-add`, onclick: add }, t('hearings.dates.add'))),
    live,
    h('p', { id: `${path}-chosen-label`, class: 'chips-label' }, labelText),
    chips,
    h('p', { id: `err-${path}`, class: 'field-error', hidden: true }),
  );
  return {
    element,
    set(values) {
      chosen = [...new Set(values)].sort();
      draw();
    },
    value: () => (chosen.length ? [...chosen] : undefined),
  };
}

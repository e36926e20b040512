import { h } from '../dom';

/** A tag: a word with a tone; colour is never the only carrier of meaning. */
export const tag = (text: string, tone: 'ok' | 'bad' | 'warn' | 'info' = 'info', attrs: Record<string, string> = {}) =>
  h('span', { class: `tag tag-${tone}`, ...attrs }, text);

// CSV for spreadsheets (csv-stringify: RFC 4180 quoting; a UTF-8 BOM so spreadsheets read
// accents; every cell a spreadsheet would run as a formula defused).
import { stringify } from 'csv-stringify/sync';

/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is defused with a quote. */
export const defuse = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
};

export const BOM = '\uFEFF';

/** CSV text of `rows` (already defused), the header first when `first`; '' for nothing. */
export function csvText(header: readonly string[], rows: string[][], first = true): string {
  // Any line break is quoted, not only the record delimiter (CRLF): a bare LF in a note
  // would otherwise split the row in some readers.
  const records = first ? [[...header], ...rows] : rows;
  if (records.length === 0) return '';
  return (first ? BOM : '') + stringify(records, { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}

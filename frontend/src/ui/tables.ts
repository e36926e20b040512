// Tables that become cards at phone width: each cell gets its column's heading as
// data-label, which app.css shows before the value when the table is stacked. Done by
// the shell for every table a page draws (a MutationObserver), so pages need no change;
// a table marked `grid` (the timetable) keeps its shape and scrolls inside its card.
export function labelTable(table: HTMLTableElement) {
  if (table.classList.contains('grid')) return;
  const head = table.tHead?.rows[0];
  if (!head) return;
  table.classList.add('cards');
  const labels = [...head.cells].map((c) => (c.textContent ?? '').trim());
  for (const body of table.tBodies) {
    for (const row of body.rows) {
      let column = 0;
      for (const cell of row.cells) {
        if (!cell.hasAttribute('data-label')) cell.setAttribute('data-label', labels[column] ?? '');
        column += cell.colSpan || 1;
      }
    }
  }
}

/** Labels the tables under `root` now and whenever a page adds rows or tables later. */
export function watchTables(root: HTMLElement) {
  const all = () => root.querySelectorAll('table').forEach((t) => labelTable(t));
  all();
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      all();
    });
  }).observe(root, { childList: true, subtree: true });
}

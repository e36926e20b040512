// Docket's small component kit: plain functions over the DOM, styled by app.css.
export { confirmDialog, type ConfirmOptions } from './dialog';
export { errorSummary, fieldError, type FieldIssue } from './errors';
export { labelTable, watchTables } from './tables';
export { formatWhen, sameOffset, shortRef, viewerZone, zoneInWords } from './time';
export { toast } from './toast';
export { busy } from './busy';
export { tag } from './tag';

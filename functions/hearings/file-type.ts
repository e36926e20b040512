// The one file-type function document-check.ts uses, in a module of its own so that it
// can be loaded on first use (a dynamic import keeps every export of the module it loads).
export { fileTypeFromBuffer } from 'file-type';

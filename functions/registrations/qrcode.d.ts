// Types for the two internal modules of `qrcode` that qr.ts uses (the package ships
// types only for its main entry).
declare module 'qrcode/lib/core/qrcode.js' {
  export function create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): unknown;
}
declare module 'qrcode/lib/renderer/svg-tag.js' {
  export function render(qrData: unknown, options?: { margin?: number }, cb?: unknown): string;
}

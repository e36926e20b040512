// The QR code of a confirmation code, as SVG (the `qrcode` package): what the door
// scans or the secretariat types. Medium error correction survives a cracked screen.
// The package's core and its SVG renderer are imported directly: its main entry also
// loads the PNG renderer (pngjs), 29 KB more in the bundle for nothing used here.
// Loaded on the first code drawn (issue 17): most invocations of the functions that
// carry it (lists, holds, reminders) never draw one, and its 22 KB were evaluated at start.
let qrcode: Promise<[typeof import('qrcode/lib/core/qrcode.js'), typeof import('qrcode/lib/renderer/svg-tag.js')]> | undefined;
const load = () =>
  (qrcode ??= Promise.all([import('qrcode/lib/core/qrcode.js'), import('qrcode/lib/renderer/svg-tag.js')]).catch((error: unknown) => {
    qrcode = undefined;
    throw error;
  }));

export const qrSvg = async (code: string): Promise<string> => {
  const [{ create }, { render }] = await load();
  return render(create(code, { errorCorrectionLevel: 'M' }), { margin: 2 });
};

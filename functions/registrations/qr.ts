// The QR code of a confirmation code, as SVG (the `qrcode` package): what the door
// scans or the secretariat types. Medium error correction survives a cracked screen.
// The package's core and its SVG renderer are imported directly: its main entry also
// loads the PNG renderer (pngjs), 29 KB more in the bundle for nothing used here.
import { create } from 'qrcode/lib/core/qrcode.js';
import { render } from 'qrcode/lib/renderer/svg-tag.js';

export const qrSvg = async (code: string): Promise<string> => render(create(code, { errorCorrectionLevel: 'M' }), { margin: 2 });

// The QR code of a confirmation code, as SVG (the `qrcode` package): what the door
// scans or the secretariat types. Medium error correction survives a cracked screen.
import QRCode from 'qrcode';

export const qrSvg = (code: string): Promise<string> => QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });

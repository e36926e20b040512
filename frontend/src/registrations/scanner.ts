// Reading a registration's QR code at the door (issue 14): from the device camera, frame
// by frame, or from a photo. The browser's BarcodeDetector where it exists (Android,
// ChromeOS, macOS); elsewhere jsQR, loaded only when a scan starts (it is 46 KB
// compressed, more than the rest of the check-in page).

interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
declare global {
  interface Window {
    BarcodeDetector?: { new (options: { formats: string[] }): Detector; getSupportedFormats(): Promise<string[]> };
  }
}

type Decode = (canvas: HTMLCanvasElement) => Promise<string | undefined>;
let decoder: Promise<Decode> | undefined;

async function nativeDecoder(): Promise<Decode | undefined> {
  if (!window.BarcodeDetector) return undefined;
  try {
    if (!(await window.BarcodeDetector.getSupportedFormats()).includes('qr_code')) return undefined;
  } catch {
    return undefined;
  }
  const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
  return async (canvas) => (await detector.detect(canvas))[0]?.rawValue;
}

/** The decoder of this browser: BarcodeDetector when it reads QR codes, jsQR otherwise. */
export function qrDecoder(): Promise<Decode> {
  decoder ??= (async () => {
    const native = await nativeDecoder();
    if (native) return native;
    const { default: jsQR } = await import('jsqr');
    return async (canvas) => {
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data;
    };
  })();
  return decoder;
}

const draw = (canvas: HTMLCanvasElement, source: CanvasImageSource, width: number, height: number) => {
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d', { willReadFrequently: true })!.drawImage(source, 0, 0, width, height);
};

/** The code in a photo (a file input), if one can be read. */
export async function decodePhoto(file: File): Promise<string | undefined> {
  const bitmap = await createImageBitmap(file);
  const canvas = document.createElement('canvas');
  // Large photos are scaled down: a QR needs far fewer pixels than a phone camera takes.
  const scale = Math.min(1, 1024 / Math.max(bitmap.width, bitmap.height));
  draw(canvas, bitmap, Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
  bitmap.close();
  return (await qrDecoder())(canvas);
}

export interface CameraScan {
  stop(): void;
}

/**
 * Shows the camera in `video` and calls `onCode` with each code read (the same code is
 * reported once until another one is seen), until stopped. Rejects when there is no
 * camera or permission is refused.
 */
export async function scanCamera(video: HTMLVideoElement, onCode: (code: string) => void): Promise<CameraScan> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  const decode = await qrDecoder();
  video.srcObject = stream;
  video.muted = true;
  video.setAttribute('playsinline', '');
  await video.play();
  const canvas = document.createElement('canvas');
  let running = true;
  let last = '';
  const tick = async () => {
    if (!running) return;
    if (video.readyState >= 2 && video.videoWidth > 0) {
      draw(canvas, video, video.videoWidth, video.videoHeight);
      const code = await decode(canvas).catch(() => undefined);
      if (code && code !== last) {
        last = code;
        onCode(code);
      }
    }
    // A few reads a second: enough at a door, and light on a phone's battery.
    if (running) setTimeout(() => void tick(), 250);
  };
  void tick();
  return {
    stop() {
      running = false;
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
    },
  };
}

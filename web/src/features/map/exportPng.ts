import { toCanvas } from 'html-to-image';

/** A China date `YYYY-MM-DD` `days` before now (the density view's period start). */
export function chinaDateDaysAgo(days: number, now = new Date()): string {
  const then = new Date(now.getTime() - days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(then);
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the map image could not be decoded'));
    image.src = url;
  });
}

/**
 * The map (a PNG data URL read from its canvas) and the dossier panel side by side in one PNG, for
 * a report. The panel is drawn at its full height, not just the part scrolled into view.
 */
export async function composeReportPng(mapUrl: string, panel: HTMLElement, title: string): Promise<Blob> {
  const ratio = globalThis.devicePixelRatio || 1;
  const [map, dossier] = await Promise.all([
    loadImage(mapUrl),
    toCanvas(panel, {
      pixelRatio: ratio,
      backgroundColor: '#ffffff',
      height: panel.scrollHeight,
      style: { height: `${panel.scrollHeight}px`, maxHeight: 'none', overflow: 'visible' },
    }),
  ]);
  const header = Math.round(44 * ratio);
  const canvas = document.createElement('canvas');
  canvas.width = map.width + dossier.width;
  canvas.height = header + Math.max(map.height, dossier.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  // A title band: which grid, as of when (a report outlives the screen it was taken from).
  context.fillStyle = '#8e1f14';
  context.fillRect(0, 0, canvas.width, header);
  context.fillStyle = '#ffffff';
  context.font = `${Math.round(20 * ratio)}px 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif`;
  context.textBaseline = 'middle';
  context.fillText(title, Math.round(14 * ratio), header / 2);
  context.drawImage(map, 0, header);
  context.drawImage(dossier, map.width, header);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

/** Hands a file to the browser's download (the e2e test catches it as a download). */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The canvas's colours per colour scheme, the highlighted node's label box drawn in them, and the PNG blob →
 * base64 step of the export.
 */
import type { NodeHoverDrawingFunction } from 'sigma/rendering';

export interface CanvasTheme {
  background: string;
  label: string;
  dimNode: string;
  dimEdge: string;
  shadow: string;
}

export function canvasTheme(scheme: 'light' | 'dark'): CanvasTheme {
  return scheme === 'dark'
    ? { background: '#25262b', label: '#e9ecef', dimNode: '#3a3d44', dimEdge: '#2c2e33', shadow: '#000000' }
    : {
        background: '#ffffff',
        label: '#212529',
        dimNode: '#dee2e6',
        dimEdge: '#eceef1',
        shadow: '#00000055',
      };
}

const PADDING = 3;

/**
 * Sigma's own hover box is always white, which hides light labels on a dark canvas: the same shape (a halo
 * around the node and a box behind its label) in the theme's colours.
 */
export function drawNodeHover(theme: CanvasTheme): NodeHoverDrawingFunction {
  return (context, data, settings) => {
    const size = settings.labelSize;
    context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
    const label = typeof data.label === 'string' ? data.label : '';
    const textX = data.x + data.size + 3;
    context.fillStyle = theme.background;
    context.shadowColor = theme.shadow;
    context.shadowBlur = 8;
    context.beginPath();
    context.arc(data.x, data.y, data.size + PADDING, 0, Math.PI * 2);
    if (label) {
      const width = context.measureText(label).width;
      context.roundRect(
        textX - PADDING,
        data.y - size / 2 - PADDING,
        width + 2 * PADDING,
        size + 2 * PADDING,
        4,
      );
    }
    context.fill();
    context.shadowBlur = 0;
    if (label) {
      context.fillStyle = theme.label;
      context.fillText(label, textX, data.y + size / 3);
    }
  };
}

export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode(...all) overflows the stack on a large image.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The canvas's colours per colour scheme, and the PNG blob → base64 step of the export. */
export interface CanvasTheme {
  background: string;
  label: string;
  dimNode: string;
  dimEdge: string;
}

export function canvasTheme(scheme: 'light' | 'dark'): CanvasTheme {
  return scheme === 'dark'
    ? { background: '#1a1b1e', label: '#e9ecef', dimNode: '#3a3d44', dimEdge: '#2c2e33' }
    : { background: '#ffffff', label: '#212529', dimNode: '#dee2e6', dimEdge: '#eceef1' };
}

export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode(...all) overflows the stack on a large image.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

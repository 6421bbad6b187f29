/**
 * Runs layouts in the layout web worker, one at a time. A run is cancellable: cancelling terminates the
 * worker (ForceAtlas2 is synchronous inside it, so there is no gentler way) and the next run starts a new one.
 */
import type { LayoutInput, LayoutOptions, LayoutResult } from './layout.ts';
import type { LayoutRequest, LayoutResponse } from './layout.worker.ts';

export interface LayoutRun {
  result: Promise<LayoutResult>;
  cancel(): void;
}

export interface LayoutClient {
  run(
    input: LayoutInput,
    options?: Omit<LayoutOptions, 'onChunk'>,
    onProgress?: (progress: { iterations: number; displacement: number }) => void,
  ): LayoutRun;
  dispose(): void;
}

export class LayoutCancelledError extends Error {
  constructor() {
    super('The layout was cancelled');
    this.name = 'LayoutCancelledError';
  }
}

export function createLayoutWorker(): Worker {
  return new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'kith-layout' });
}

export function createLayoutClient(createWorker: () => Worker = createLayoutWorker): LayoutClient {
  let worker: Worker | null = null;
  let nextId = 1;
  let current: { id: number; reject: (error: Error) => void } | null = null;

  const stopWorker = () => {
    worker?.terminate();
    worker = null;
  };

  return {
    run(input, options = {}, onProgress) {
      if (current) {
        current.reject(new LayoutCancelledError());
        current = null;
        stopWorker();
      }
      const id = nextId++;
      const active = (worker ??= createWorker());
      const result = new Promise<LayoutResult>((resolve, reject) => {
        current = { id, reject };
        active.onmessage = ({ data }: MessageEvent<LayoutResponse>) => {
          if (data.id !== id) return;
          if (data.type === 'progress') onProgress?.(data);
          else {
            current = null;
            if (data.type === 'done') resolve(data.result);
            else reject(new Error(data.message));
          }
        };
        active.onerror = (event) => {
          current = null;
          stopWorker();
          reject(new Error(event.message || 'The layout worker failed'));
        };
        const request: LayoutRequest = { id, input, options };
        active.postMessage(request);
      });
      return {
        result,
        cancel() {
          if (current?.id !== id) return;
          current.reject(new LayoutCancelledError());
          current = null;
          stopWorker();
        },
      };
    },
    dispose() {
      current?.reject(new LayoutCancelledError());
      current = null;
      stopWorker();
    },
  };
}

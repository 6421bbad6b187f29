/**
 * The layout web worker (a module worker): runs layout.ts on serialized graph data off the main thread and
 * posts progress after each chunk. Cancelling is the client's job: it terminates this worker.
 */
import { runLayout, type LayoutInput, type LayoutOptions, type LayoutResult } from './layout.ts';

export interface LayoutRequest {
  id: number;
  input: LayoutInput;
  options: Omit<LayoutOptions, 'onChunk'>;
}

export type LayoutResponse =
  | { id: number; type: 'progress'; iterations: number; displacement: number }
  | { id: number; type: 'done'; result: LayoutResult }
  | { id: number; type: 'failed'; message: string };

/** The slice of DedicatedWorkerGlobalScope used here (the renderer's lib has DOM types, not WebWorker ones). */
interface LayoutWorkerScope {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse): void;
}

const scope = self as unknown as LayoutWorkerScope;

scope.onmessage = ({ data: { id, input, options } }) => {
  try {
    const result = runLayout(input, {
      ...options,
      onChunk: ({ iterations, displacement }) =>
        scope.postMessage({ id, type: 'progress', iterations, displacement }),
    });
    scope.postMessage({ id, type: 'done', result });
  } catch (error) {
    scope.postMessage({
      id,
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
    });
  }
};

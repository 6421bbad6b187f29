import { z } from 'zod';
import { KithError } from '../errors.ts';
import { ipcMethods, type ContractHandlers, type MethodEntry } from './contract.ts';
import type { IpcResult } from './result.ts';

type AnyHandler = (input: unknown) => Promise<unknown>;

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * Routes a raw call to its handler: the input is validated before the handler sees it (malformed input
 * changes nothing), the output after, and every failure becomes an IpcResult error.
 */
export function createDispatcher(handlers: ContractHandlers) {
  const table = new Map<string, { entry: MethodEntry; handler: AnyHandler }>();
  for (const entry of ipcMethods) {
    const area = handlers[entry.area as keyof ContractHandlers] as Record<string, AnyHandler>;
    const handler = area[entry.method];
    if (!handler) throw new Error(`No handler for ${entry.channel}`);
    table.set(entry.channel, { entry, handler: handler.bind(area) });
  }

  return async function dispatch(channel: string, rawInput: unknown): Promise<IpcResult> {
    const route = table.get(channel);
    if (!route) return { ok: false, error: { code: 'invalid_input', message: `Unknown method: ${channel}` } };
    const parsed = route.entry.spec.input.safeParse(rawInput);
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `Invalid input for ${channel}: ${formatIssues(parsed.error)}`,
        },
      };
    }
    try {
      const value = route.entry.spec.output.parse(await route.handler(parsed.data));
      return { ok: true, value };
    } catch (err) {
      if (err instanceof KithError) return { ok: false, error: { code: err.code, message: err.message } };
      const message = err instanceof z.ZodError ? `Invalid output: ${formatIssues(err)}` : String(err);
      return { ok: false, error: { code: 'internal', message: `${channel} failed: ${message}` } };
    }
  };
}
export type Dispatch = ReturnType<typeof createDispatcher>;

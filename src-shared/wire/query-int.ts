import { z } from 'zod';

/** Digits only, no leading zero: refuses '', '1e3', '0x10', '-1', '1.5', ' 7' and '007' alike. */
const DIGITS = /^(0|[1-9][0-9]*)$/;

/**
 * A whole number in a query string, parsed strictly (z.coerce.number() took '' as 0 and '1e3' as 1000). Use
 * it for every numeric query parameter; the parsed value is a number within [min, max].
 */
export function queryInt({ min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {}) {
  return z
    .string()
    .regex(DIGITS, 'expected a whole number written in digits (no sign, exponent, decimals or hex)')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

import { PASSPHRASE_MIN } from '#shared/domain/note';

export interface PassphraseStrength {
  /** 0 (too short) to 4 (very strong). */
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  /** What would make it stronger; empty when nothing needs saying. */
  hint: string;
}

/**
 * A rough guess of how hard a passphrase is to guess, for a hint while typing: the length over the kinds of
 * characters used, with repeated characters and sequences counted down. Not a security measure; the key
 * derivation (scrypt) is what slows an attacker down.
 */
export function passphraseStrength(passphrase: string): PassphraseStrength {
  if (passphrase.length < PASSPHRASE_MIN) {
    return {
      score: 0,
      label: 'Too short',
      hint: `At least ${PASSPHRASE_MIN} characters. A few unrelated words are easy to remember and hard to guess.`,
    };
  }
  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/\d/.test(passphrase)) pool += 10;
  if (/[^a-zA-Z\d]/.test(passphrase)) pool += 33;
  // Runs of one character ("aaaa") and of neighbours ("abcd", "1234") add little.
  let effective = 1;
  for (let i = 1; i < passphrase.length; i += 1) {
    const step = passphrase.charCodeAt(i) - passphrase.charCodeAt(i - 1);
    if (Math.abs(step) > 1) effective += 1;
    else effective += 0.25;
  }
  const bits = effective * Math.log2(Math.max(pool, 2));
  const words = passphrase
    .trim()
    .split(/[\s\-_.]+/)
    .filter((w) => w.length >= 3).length;
  if (bits < 50) {
    return {
      score: 1,
      label: 'Weak',
      hint: 'Make it longer: add a word or two that do not belong together.',
    };
  }
  if (bits < 70 && words < 4) {
    return { score: 2, label: 'Fair', hint: 'Longer is stronger: four or more unrelated words work well.' };
  }
  if (bits < 100) return { score: 3, label: 'Strong', hint: '' };
  return { score: 4, label: 'Very strong', hint: '' };
}

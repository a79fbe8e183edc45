import { josa } from 'es-hangul';

/**
 * Korean particles (조사) after a word the app does not know in advance — a user name, a profile,
 * a policy version. es-hangul chooses from the word's last syllable (and reads acronyms such as
 * "SSO"); IAM names mostly end in Latin letters or digits, which es-hangul leaves to the caller,
 * so those are read the way a Korean speaker says them ("kim" 킴 → 을, "jdoe" 제이도 → 를).
 * Used from the translations as `{{userName, josa(p: 을/를)}}`.
 */
export type ParticlePair = '이/가' | '을/를' | '은/는' | '와/과' | '으로/로' | '이에요/예요' | '이라/라';

const PAIRS: readonly string[] = ['이/가', '을/를', '은/는', '와/과', '으로/로', '이에요/예요', '이라/라'];

/** How Korean reads a final digit: 0 영, 1 일, 2 이, … (only the final consonant matters). */
const DIGIT_ENDINGS = ['영', '일', '이', '삼', '사', '오', '육', '칠', '팔', '구'];

/**
 * The sound a Latin-lettered word ends with, as a syllable whose final consonant (or lack of one)
 * is what a Korean reader hears: -m 음, -n 은, -ng 응, -l 을; every other ending is read with a
 * vowel (-r 유저, -k 파크, -e 제이도).
 */
function latinEnding(word: string): string {
  const w = word.toLowerCase();
  if (w.endsWith('ng')) return '응';
  if (w.endsWith('m')) return '음';
  if (w.endsWith('n')) return '은';
  if (w.endsWith('l')) return '을';
  return '아';
}

/** The particle of `pair` that suits `word`; closing quotes or brackets after it do not count. */
export function particleFor(word: string, pair: ParticlePair): string {
  const core = word.replace(/[^\p{L}\p{N}]+$/u, '');
  const last = core.slice(-1);
  if (!last) return pair.split('/')[1]!;
  if (/[가-힣]/.test(last) || /^[A-Z]+$/.test(core)) return josa(core, pair).slice(core.length);
  if (/\d/.test(last)) return josa.pick(DIGIT_ENDINGS[Number(last)]!, pair);
  const letters = /[A-Za-z]+$/.exec(core)?.[0];
  return josa.pick(letters ? latinEnding(letters) : '아', pair);
}

/** The word followed by the particle of `pair` that suits it. */
export const withParticle = (word: string, pair: ParticlePair): string => word + particleFor(word, pair);

export const isParticlePair = (p: unknown): p is ParticlePair => typeof p === 'string' && PAIRS.includes(p);

/**
 * The i18next formatter behind `{{name, josa(p: 을/를)}}`; `q: ‘’` quotes the word first
 * ("‘jdoe’를").
 */
export function josaFormat(value: unknown, _lng: string | undefined, options: Record<string, unknown>): string {
  const word = String(value ?? '');
  const quoted = typeof options.q === 'string' && options.q.length === 2 ? `${options.q[0]}${word}${options.q[1]}` : word;
  return isParticlePair(options.p) ? withParticle(quoted, options.p) : quoted;
}

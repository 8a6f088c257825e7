/**
 * JSON parsing that tolerates the one known defect of the upstream access-log format: a
 * variable that nginx had no value for is written with nothing after its colon,
 * `"upstream_response_time":,` (SPEC §7). Any such empty value becomes `null`.
 */

/** The parsed value, or undefined when the text is not JSON even after the repair. */
export function parseLenientJson(text: string): unknown {
  const parsed = tryParse(text);
  if (parsed !== undefined) return parsed;

  const repaired = fillEmptyValues(text);
  return repaired === text ? undefined : tryParse(repaired);
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Puts `null` after every colon that is followed (past whitespace) by `,` or `}`. Only colons
 * outside string literals count, so a referer holding `":,` is never altered. Run only after
 * a failed parse: well-formed records never pay for the scan.
 */
export function fillEmptyValues(text: string): string {
  const pieces: string[] = [];
  let copiedUpTo = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === ':' && isFollowedByEndOfValue(text, i + 1)) {
      pieces.push(text.slice(copiedUpTo, i + 1), 'null');
      copiedUpTo = i + 1;
    }
  }
  pieces.push(text.slice(copiedUpTo));
  return pieces.join('');
}

function isFollowedByEndOfValue(text: string, from: number): boolean {
  let i = from;
  // JSON's own whitespace (RFC 8259 §2).
  while (i < text.length && /[ \t\r\n]/.test(text[i])) i += 1;
  return text[i] === ',' || text[i] === '}';
}

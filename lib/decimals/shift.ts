/**
 * A canonical decimal string times 10^exponent, exactly, as a canonical decimal string: the
 * point moves, no digit is lost. `exponent` is a (small) integer of either sign.
 */
export function shiftDecimal(c: string, exponent: number): string {
  if (exponent === 0 || c === '0') return c;
  const negative = c.charCodeAt(0) === 45; // '-'
  const body = negative ? c.slice(1) : c;
  const dot = body.indexOf('.');
  const digits = dot < 0 ? body : body.slice(0, dot) + body.slice(dot + 1);
  const point = (dot < 0 ? body.length : dot) + exponent; // where the point goes in `digits`
  let int: string;
  let frac: string;
  if (point <= 0) {
    int = '0';
    frac = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    int = digits + '0'.repeat(point - digits.length);
    frac = '';
  } else {
    int = digits.slice(0, point);
    frac = digits.slice(point);
  }
  let start = 0;
  while (start < int.length - 1 && int.charCodeAt(start) === 48) start++;
  let end = frac.length;
  while (end > 0 && frac.charCodeAt(end - 1) === 48) end--;
  const out = end === 0 ? int.slice(start) : `${int.slice(start)}.${frac.slice(0, end)}`;
  return negative ? `-${out}` : out;
}

/** A decimal string with at least `places` fraction digits, padded with zeros ("1" → "1.00"). */
export function padFraction(s: string, places: number): string {
  const dot = s.indexOf('.');
  const have = dot < 0 ? 0 : s.length - dot - 1;
  if (have >= places) return s;
  return (dot < 0 ? `${s}.` : s) + '0'.repeat(places - have);
}

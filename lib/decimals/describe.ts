/** Longest part of a value that an error message quotes. */
const MAX_QUOTED = 64;

/** A value as an error message names it: a string quoted (and shortened when long), anything else as text. */
export function describeValue(value: unknown): string {
  if (typeof value !== 'string') return typeof value === 'bigint' ? `${value}n` : String(value);
  const shown = value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value;
  return JSON.stringify(shown);
}

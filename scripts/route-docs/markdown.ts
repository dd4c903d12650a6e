/** Small Markdown helpers for the route pages. */

/** Text for a Markdown table cell or paragraph: one line, `|` escaped, `<` / `>` escaped outside code spans. */
export function inline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('')
    .replace(/\|/g, '\\|');
}

/** A code span, with the backtick fence the content needs. */
export function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** A Markdown table. Cells are written as given (escape them with {@link inline}). */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`),
  ];
}

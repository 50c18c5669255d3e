/**
 * How many SQL statements a text holds: the `;` that end them are found outside quoted strings,
 * quoted names and comments, and an empty statement (a trailing `;`) does not count.
 */
export function countStatements(sql: string): number {
  let count = 0;
  let content = false;
  for (let i = 0; i < sql.length; i++) {
    const char = sql[i] as string;
    const next = sql[i + 1];
    if (char === "'" || char === '"') {
      const end = closingQuote(sql, i, char);
      content = true;
      i = end;
    } else if (char === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
    } else if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 1;
    } else if (char === ';') {
      if (content) count++;
      content = false;
    } else if (!/\s/.test(char)) {
      content = true;
    }
  }
  return content ? count + 1 : count;
}

/** The index of the quote closing the one at `start`; a doubled quote is part of the text. */
function closingQuote(sql: string, start: number, quote: string): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] !== quote) continue;
    if (sql[i + 1] === quote) i++;
    else return i;
  }
  return sql.length;
}

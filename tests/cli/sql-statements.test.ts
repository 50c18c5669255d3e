import { describe, expect, it } from 'vitest';
import { countStatements } from '../../cli/sql-statements.ts';

describe('Function: countStatements', () => {
  it.each([
    ['SELECT 1', 1],
    ['SELECT 1;', 1],
    ['  SELECT 1 ;  ;\n', 1],
    ['SELECT 1; SELECT 2', 2],
    ["SELECT ';' AS semicolon", 1],
    ["SELECT 'it''s; fine'", 1],
    ['SELECT "odd;name" FROM t', 1],
    ['SELECT 1 -- ; not a statement\n', 1],
    ['SELECT 1 /* ; */ ; /* two? */', 1],
    ['SELECT 1; -- the end', 1],
    ['', 0],
    ['DROP TABLE x; SELECT 1; SELECT 2;', 3],
  ])('%j holds %i', (sql, count) => {
    expect(countStatements(sql)).toBe(count);
  });
});

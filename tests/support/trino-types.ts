import { TrinoSQL } from 'dt-sql-parser';

/**
 * The output columns of a query, typed by Trino's rules (Athena engine 3 is Trino), from the
 * parse tree of dt-sql-parser's Trino grammar: literals (an integer is `integer`, a decimal like
 * 1.5 is `decimal`, a string is `varchar(n)`), CAST, arithmetic (integer ÷ integer stays integer),
 * CASE and COALESCE (the common super type), aggregates (SUM of integers is `bigint`), window
 * functions, CTEs, joins, set operations and VALUES. It models the SQL the views use and throws,
 * naming the construct, on anything else: a check that cannot be fooled by what it does not know.
 */
export interface Column {
  readonly name: string;
  readonly type: string;
}

export class TrinoTypeError extends Error {
  override readonly name = 'TrinoTypeError';
}

interface Node {
  readonly constructor: { readonly name: string };
  readonly children?: Node[] | null;
  readonly symbol?: unknown;
  getText(): string;
}

interface Relation {
  readonly alias: string | undefined;
  readonly columns: readonly Column[];
}

type Scope = readonly Relation[];
type Tables = ReadonlyMap<string, readonly Column[]>;

const kind = (n: Node) => n.constructor.name.replace(/Context$/, '');
const rules = (n: Node) => (n.children ?? []).filter((c) => !c.symbol);
const tokens = (n: Node) => (n.children ?? []).filter((c) => c.symbol).map((c) => c.getText().toUpperCase());
const child = (n: Node, ...kinds: string[]) => rules(n).find((c) => kinds.includes(kind(c)));
const children = (n: Node, ...kinds: string[]) => rules(n).filter((c) => kinds.includes(kind(c)));
const IDENTIFIERS = ['UnquotedIdentifier', 'QuotedIdentifier', 'BackQuotedIdentifier', 'DigitIdentifier'];
const identifier = (n: Node) =>
  n
    .getText()
    .replace(/^"(.*)"$/, '$1')
    .toLowerCase();
const unexpected = (n: Node): never => {
  throw new TrinoTypeError(`Not modelled: ${kind(n)} (${n.getText().slice(0, 80)})`);
};

/** Types a SELECT over the given tables (name → columns). */
export function inferColumns(sql: string, tables: Readonly<Record<string, readonly Column[]>>): Column[] {
  const parser = new TrinoSQL();
  const errors = parser.validate(sql);
  if (errors.length > 0) throw new TrinoTypeError(`Not Trino SQL: ${errors.map((e) => e.message).join('; ')}`);
  const query = findFirst(parser.parse(sql), 'QueryStatement');
  if (!query) throw new TrinoTypeError('No query found.');
  return queryStatement(query, new Map(Object.entries(tables).map(([name, columns]) => [name.toLowerCase(), columns])));
}

function findFirst(n: Node, wanted: string): Node | undefined {
  if (kind(n) === wanted) return n;
  for (const c of rules(n)) {
    const found = findFirst(c, wanted);
    if (found) return found;
  }
  return undefined;
}

function queryStatement(n: Node, tables: Tables): Column[] {
  const local = new Map(tables);
  const withClause = child(n, 'With');
  for (const named of withClause ? children(withClause, 'NamedQuery') : []) {
    const [name] = children(named, ...IDENTIFIERS);
    const columns = queryStatement(child(named, 'QueryStatement') ?? unexpected(named), local);
    const aliases = child(named, 'ColumnAliases', 'ColumnListCreate');
    local.set(identifier(name ?? unexpected(named)), renamed(columns, aliases));
  }
  return queryNoWith(child(n, 'QueryNoWith') ?? unexpected(n), local);
}

const queryNoWith = (n: Node, tables: Tables): Column[] =>
  queryTerm(child(n, 'QueryTermDefault', 'SetOperation') ?? unexpected(n), tables);

function queryTerm(n: Node, tables: Tables): Column[] {
  if (kind(n) === 'SetOperation') {
    const [left, right] = children(n, 'QueryTermDefault', 'SetOperation').map((term) => queryTerm(term, tables));
    if (!left || !right || left.length !== right.length) {
      throw new TrinoTypeError(`A set operation's sides differ: ${n.getText().slice(0, 80)}`);
    }
    return left.map((column, i) => ({ name: column.name, type: superType(column.type, (right[i] as Column).type) }));
  }
  const primary = rules(n)[0] ?? unexpected(n);
  switch (kind(primary)) {
    case 'QueryPrimaryDefault':
      return querySpecification(child(primary, 'QuerySpecification') ?? unexpected(primary), tables);
    case 'Subquery':
      return queryNoWith(child(primary, 'QueryNoWith') ?? unexpected(primary), tables);
    case 'InlineTable':
      return inlineTable(primary, tables);
    default:
      return unexpected(primary);
  }
}

function inlineTable(n: Node, tables: Tables): Column[] {
  const rows = children(n, 'Expression').map((row) => {
    const primary = findFirst(row, 'RowConstructor') ?? findFirst(row, 'ParenthesizedExpression');
    const fields = primary ? children(primary, 'Expression') : [row];
    return fields.map((field) => expression(field, [], tables));
  });
  const [first = []] = rows;
  return first.map((_, i) => ({ name: `_col${i}`, type: rows.map((row) => row[i] as string).reduce(superType) }));
}

function querySpecification(n: Node, tables: Tables): Column[] {
  const scope = children(n, 'RelationDefault', 'JoinRelation').flatMap((r) => relation(r, tables));
  const items = children(child(n, 'SelectList') ?? unexpected(n), 'SelectItem');
  return items.flatMap((item, i) => selectItem(item, i, scope, tables));
}

/** A select item: its column (or columns, for a star), named by its alias (a child of the item) if it has one. */
function selectItem(item: Node, index: number, scope: Scope, tables: Tables): Column[] {
  const n = rules(item)[0] ?? unexpected(item);
  const alias = child(item, ...IDENTIFIERS) ?? child(n, ...IDENTIFIERS);
  switch (kind(n)) {
    case 'SelectAllWithoutTable':
      return scope.flatMap((r) => r.columns);
    case 'TableAllColumns': {
      const qualifier = identifier(rules(n)[0] ?? unexpected(n));
      const found = scope.find((r) => r.alias === qualifier);
      if (!found) throw new TrinoTypeError(`No relation ${qualifier} for ${n.getText()}`);
      return [...found.columns];
    }
    case 'SelectLiteralColumnName': {
      const reference = child(n, 'ColumnRef') ?? unexpected(n);
      const name = alias ? identifier(alias) : (identifier(reference).split('.').at(-1) as string);
      return [{ name, type: resolve(identifier(reference), scope) }];
    }
    case 'SelectExpressionColumnName': {
      const value = child(n, 'Expression') ?? unexpected(n);
      const reference = /^[a-z_][\w.]*$/i.test(value.getText()) ? identifier(value).split('.').at(-1) : undefined;
      const name = alias ? identifier(alias) : (reference ?? `_col${index}`);
      return [{ name, type: expression(value, scope, tables) }];
    }
    default:
      return unexpected(n);
  }
}

function relation(n: Node, tables: Tables): Relation[] {
  switch (kind(n)) {
    case 'JoinRelation':
      return children(n, 'RelationDefault', 'JoinRelation', 'SampledRelation').flatMap((r) => relation(r, tables));
    case 'RelationDefault':
    case 'SampledRelation':
    case 'PatternRecognition':
      return relation(rules(n)[0] ?? unexpected(n), tables);
    case 'AliasedRelation':
      return [aliased(n, tables)];
    default:
      return unexpected(n);
  }
}

function aliased(n: Node, tables: Tables): Relation {
  const source = rules(n)[0] ?? unexpected(n);
  const alias = child(n, ...IDENTIFIERS);
  const aliases = child(n, 'ColumnAliases');
  if (kind(source) === 'TableName') {
    const name = identifier(source);
    const columns = tables.get(name);
    if (!columns) throw new TrinoTypeError(`No table or view ${name}`);
    return { alias: alias ? identifier(alias) : name.split('.').at(-1), columns: renamed(columns, aliases) };
  }
  const subquery = findFirst(source, 'QueryStatement') ?? unexpected(source);
  return { alias: alias ? identifier(alias) : undefined, columns: renamed(queryStatement(subquery, tables), aliases) };
}

function renamed(columns: readonly Column[], aliases: Node | undefined): Column[] {
  if (!aliases) return [...columns];
  const names = children(aliases, ...IDENTIFIERS).map(identifier);
  if (names.length !== columns.length) {
    throw new TrinoTypeError(`${names.length} column aliases for ${columns.length} columns`);
  }
  return columns.map((column, i) => ({ name: names[i] as string, type: column.type }));
}

function resolve(reference: string, scope: Scope): string {
  const parts = reference.split('.');
  const column = parts.at(-1) as string;
  const candidates = parts.length === 2 ? scope.filter((r) => r.alias === parts[0]) : scope;
  const matches = candidates.flatMap((r) => r.columns.filter((c) => c.name === column));
  if (matches.length === 0) throw new TrinoTypeError(`Column '${reference}' cannot be resolved`);
  if (matches.length > 1) throw new TrinoTypeError(`Column '${reference}' is ambiguous`);
  return (matches[0] as Column).type;
}

function expression(n: Node, scope: Scope, tables: Tables): string {
  const type = (c: Node | undefined) => expression(c ?? unexpected(n), scope, tables);
  switch (kind(n)) {
    case 'Expression':
    case 'ValueExpressionDefault':
    case 'ParenthesizedExpression':
    case 'ArithmeticUnary':
      return type(rules(n).find((c) => kind(c) !== 'ComparisonOperator'));
    case 'Predicated':
      return rules(n).length > 1 ? 'boolean' : type(rules(n)[0]);
    case 'LogicalNot':
    case 'And':
    case 'Or':
    case 'BooleanLiteral':
      return 'boolean';
    case 'ArithmeticBinary': {
      const [left, right] = rules(n);
      return arithmetic(type(left), type(right));
    }
    case 'Concatenation':
      return 'varchar';
    case 'NumericLiteral':
      return numericLiteral(n.getText());
    case 'StringLiteral':
      return `varchar(${n.getText().slice(1, -1).replaceAll("''", "'").length})`;
    case 'NullLiteral':
    case 'Parameter':
      return 'unknown';
    case 'TypeConstructor':
      return sqlType(tokens(n)[0] ?? identifier(rules(n)[0] ?? unexpected(n)));
    case 'Cast': {
      const target = child(n, 'GenericType', 'DoublePrecisionType', 'DateTimeType', 'Type') ?? unexpected(n);
      return sqlType(target.getText());
    }
    case 'ColumnReference':
    case 'Dereference':
      return resolve(identifier(n), scope);
    case 'SearchedCase':
    case 'SimpleCase': {
      const thens = children(n, 'WhenClause').map((when) => children(when, 'Expression')[1]);
      const results = [...thens, ...(tokens(n).includes('ELSE') ? [children(n, 'Expression').at(-1)] : [])];
      return results.map((result) => type(result)).reduce(superType);
    }
    case 'GroupingOperation':
      return 'bigint';
    case 'SubqueryExpression': {
      const columns = queryStatement(child(n, 'QueryStatement') ?? unexpected(n), tables);
      if (columns.length !== 1) throw new TrinoTypeError(`A scalar subquery returns ${columns.length} columns`);
      return (columns[0] as Column).type;
    }
    case 'FunctionCall':
      return functionCall(
        n,
        children(n, 'Expression').map((argument) => type(argument)),
      );
    default:
      return unexpected(n);
  }
}

function functionCall(n: Node, args: readonly string[]): string {
  const name = identifier(child(n, 'FunctionName') ?? unexpected(n));
  const [first = 'unknown'] = args;
  switch (name) {
    case 'count':
    case 'row_number':
    case 'rank':
    case 'dense_rank':
      return 'bigint';
    case 'sum':
      if (first === 'integer' || first === 'bigint' || first === 'smallint' || first === 'tinyint') return 'bigint';
      if (first.startsWith('decimal')) return `decimal(38,${/,(\d+)\)/.exec(first)?.[1] ?? 0})`;
      return first;
    case 'avg':
      return first.startsWith('decimal') ? first : 'double';
    case 'max':
    case 'min':
    case 'nullif':
    case 'abs':
      return first;
    case 'coalesce':
      return args.reduce(superType);
    case 'sqrt':
    case 'ln':
    case 'exp':
    case 'power':
      return 'double';
    default:
      throw new TrinoTypeError(`Function ${name} is not modelled`);
  }
}

function numericLiteral(text: string): string {
  if (/^\d+$/.test(text)) return BigInt(text) <= 2_147_483_647n ? 'integer' : 'bigint';
  const decimal = /^(\d*)\.(\d*)$/.exec(text);
  if (decimal) {
    const scale = (decimal[2] as string).length;
    return `decimal(${Math.max(1, (decimal[1] as string).replace(/^0+/, '').length + scale)},${scale})`;
  }
  return 'double';
}

function sqlType(text: string): string {
  const type = text.toLowerCase().replace(/\s+/g, ' ');
  return { int: 'integer', 'double precision': 'double', string: 'varchar' }[type] ?? type;
}

const INTEGRAL = ['tinyint', 'smallint', 'integer', 'bigint'];
const isDecimal = (type: string) => type.startsWith('decimal');
const isNumeric = (type: string) => INTEGRAL.includes(type) || isDecimal(type) || type === 'double' || type === 'real';
const isVarchar = (type: string) => type === 'varchar' || type.startsWith('varchar(');

/** Trino's result type of + - * / %: the operands' common numeric type (integer ÷ integer is integer). */
function arithmetic(left: string, right: string): string {
  if (left === 'unknown') return right;
  if (right === 'unknown') return left;
  if (!isNumeric(left) || !isNumeric(right)) throw new TrinoTypeError(`No arithmetic between ${left} and ${right}`);
  return superType(left, right);
}

/** Trino's common super type of two types, as CASE, COALESCE, UNION and VALUES need it. */
export function superType(a: string, b: string): string {
  if (a === 'unknown') return b;
  if (b === 'unknown' || a === b) return a;
  if (isVarchar(a) && isVarchar(b)) {
    if (a === 'varchar' || b === 'varchar') return 'varchar';
    return `varchar(${Math.max(Number(/\d+/.exec(a)?.[0]), Number(/\d+/.exec(b)?.[0]))})`;
  }
  if (isNumeric(a) && isNumeric(b)) {
    if (a === 'double' || b === 'double') return 'double';
    if (a === 'real' || b === 'real') return 'real';
    if (isDecimal(a) || isDecimal(b)) return 'decimal';
    return INTEGRAL[Math.max(INTEGRAL.indexOf(a), INTEGRAL.indexOf(b))] as string;
  }
  throw new TrinoTypeError(`No common type for ${a} and ${b}`);
}

import type { DatasetDefinition, RowRule, RuleContext } from '../contract/dataset.ts';
import { compileCellCheck, identifierIssue, type CellCheck } from './cell-check.ts';
import type { HeaderMatch } from './header.ts';
import type { IssueCollector } from './report.ts';

interface CompiledColumn {
  readonly name: string;
  readonly position: number;
  readonly bit: number;
  readonly check: CellCheck;
  readonly required: boolean;
  readonly unique: boolean;
}

interface CompiledRule {
  readonly rule: RowRule<Record<string, unknown>>;
  /** The bits of the columns the rule reads: it is skipped when any of them failed. */
  readonly mask: number;
}

export type ValidatedRow = Record<string, unknown>;

/** Validates the data rows of one file against its dataset, given how its header matched. */
export class RowValidator {
  private readonly columns: readonly CompiledColumn[];
  private readonly rules: readonly CompiledRule[];
  private readonly firstRowOf = new Map<string, number>();

  constructor(
    dataset: DatasetDefinition,
    private readonly header: HeaderMatch,
    private readonly width: number,
    private readonly collector: IssueCollector,
    private readonly context: RuleContext,
  ) {
    const names = Object.keys(dataset.columns);
    if (names.length > 31) throw new Error(`Dataset ${dataset.name} has more than 31 columns; widen the failed-column mask.`);
    this.columns = names.map((name, index) => {
      const spec = dataset.columns[name]!;
      return {
        name,
        position: header.positions.get(name) ?? -1,
        bit: 1 << index,
        check: compileCellCheck(name, spec),
        required: spec.requirement === 'required',
        unique: spec.unique === true,
      };
    });
    const bitOf = new Map(this.columns.map((c) => [c.name, c.bit]));
    // A rule about a column the header lacks would only repeat the header's error on every row.
    this.rules = (dataset.rules as readonly RowRule<Record<string, unknown>>[])
      .filter((rule) => rule.reads.every((column) => header.positions.has(column)))
      .map((rule) => ({ rule, mask: rule.reads.reduce((mask, column) => mask | (bitOf.get(column) ?? 0), 0) }));
  }

  /** Checks one record; returns its typed row when the row has no errors. */
  validate(record: readonly string[], rowNumber: number): ValidatedRow | undefined {
    const collector = this.collector;
    const rowsWithErrorsBefore = collector.rowsWithErrors;
    if (record.length !== this.width) {
      collector.add(
        'ROW_FIELD_COUNT',
        rowNumber,
        null,
        null,
        `Row ${rowNumber} has ${record.length} fields but the header has ${this.width}; the row was not checked further.`,
      );
      return undefined;
    }
    const row: ValidatedRow = {};
    let failed = 0;
    for (const column of this.columns) {
      const raw = column.position < 0 ? '' : (record[column.position] as string);
      const result = column.check(raw);
      for (const issue of result.issues) collector.add(issue.code, rowNumber, column.name, issue.shownValue, issue.message);
      if (result.invalid) {
        failed |= column.bit;
      } else if (result.empty) {
        if (column.required && column.position >= 0) {
          collector.add('VALUE_REQUIRED', rowNumber, column.name, null, `${column.name} is required.`);
          failed |= column.bit;
        }
      } else if (column.unique) {
        this.checkUnique(column.name, result.value as string, rowNumber);
      }
      row[column.name] = result.value;
    }
    const ignored = this.header.ignoredPositions;
    for (let i = 0; i < ignored.length; i++) {
      const raw = record[ignored[i] as number];
      if (!raw) continue;
      const issue = identifierIssue(raw.trim());
      if (issue) collector.add(issue.code, rowNumber, this.header.ignoredNames[i] as string, issue.shownValue, issue.message);
    }
    for (const { rule, mask } of this.rules) {
      if ((mask & failed) !== 0) continue;
      const message = rule.check(row, this.context);
      if (message !== undefined) {
        const value = row[rule.column];
        collector.add(rule.code, rowNumber, rule.column, value === null || value === undefined ? null : String(value), message);
      }
    }
    return collector.rowsWithErrors === rowsWithErrorsBefore ? row : undefined;
  }

  private checkUnique(column: string, value: string, rowNumber: number): void {
    const first = this.firstRowOf.get(value);
    if (first === undefined) {
      this.firstRowOf.set(value, rowNumber);
    } else {
      this.collector.add('STAFF_REF_DUPLICATE', rowNumber, column, value, `${column} '${value}' is also on row ${first}; each person has one row.`);
    }
  }

}

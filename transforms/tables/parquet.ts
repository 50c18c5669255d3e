import { float64, int64, utf8, type DataType } from '@uwdata/flechette';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { Compression, Table as WasmTable, WriterPropertiesBuilder, WriterVersion, writeParquet } from 'parquet-wasm';
import type { ColumnType, TableDefinition } from './definitions.ts';

const ARROW_TYPE: Record<ColumnType, () => DataType> = { string: utf8, bigint: int64, double: float64 };

/**
 * Writes a table as Parquet that Athena reads: the definition's explicit types (never guessed
 * from the data, which would differ from file to file), data pages v1, Snappy.
 */
export function toParquet(table: ColumnTable, definition: TableDefinition): Uint8Array {
  const names = definition.columns.map((c) => c.name);
  const missing = names.filter((name) => !table.columnNames().includes(name));
  if (missing.length > 0)
    throw new Error(`Cannot write ${definition.name}: the data has no ${missing.join(', ')} column.`);
  const types = Object.fromEntries(definition.columns.map((c) => [c.name, ARROW_TYPE[c.type]()]));
  const ipc = aq.toArrowIPC(table.select(names), { types });
  // parquet-wasm consumes the table and the properties it is given: build both fresh per write.
  const properties = new WriterPropertiesBuilder()
    .setCompression(Compression.SNAPPY)
    .setWriterVersion(WriterVersion.V1)
    .build();
  return writeParquet(WasmTable.fromIPCStream(ipc), properties);
}

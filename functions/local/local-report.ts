import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TrustConfig } from '../../transforms/config/trust-config.ts';
import { todayInLondon } from '../../transforms/contract/dates.ts';
import { generateReport, reportFolders, reportKeys, type GeneratedReport } from '../../transforms/report/generate.ts';
import { assertSlotsComplete, type LakeReader } from '../../transforms/report/slot-completeness.ts';
import { parseCswwSeries } from '../../transforms/reference/dfe-csww.ts';
import { readDfeCswwCsv } from '../reference-data.ts';
import { DuckDbLake } from './duckdb-lake.ts';
import { DuckDbReportEngine } from './duckdb-report-engine.ts';
import { PREFIXES } from '../../transforms/storage/object-layout.ts';
import { readFile } from 'node:fs/promises';

export interface LocalReportOptions {
  readonly lakeDir: string;
  readonly config: TrustConfig;
  /** The reports folder: the files go to <reportsDir>/<period>/, and <reportsDir>/latest/ for the latest period. */
  readonly reportsDir: string;
  readonly period?: string;
  readonly baseline?: string;
  readonly now?: Date;
}

/** Writes the needs-analysis report from a local lake, with DuckDB answering the report's queries. */
export async function writeLocalReport(
  options: LocalReportOptions,
): Promise<GeneratedReport & { readonly htmlPath: string }> {
  await assertSlotsComplete(readLakeFile(options.lakeDir), options.config, todayInLondon(options.now ?? new Date()));
  const lake = await DuckDbLake.open(options.lakeDir, options.config);
  try {
    const generated = await generateReport(new DuckDbReportEngine(lake), options.config, {
      ...(options.period ? { period: options.period } : {}),
      ...(options.baseline ? { baseline: options.baseline } : {}),
      england: parseCswwSeries(readDfeCswwCsv()),
      generatedAt: options.now ?? new Date(),
    });
    for (const folder of reportFolders(generated.report))
      rmSync(join(options.reportsDir, folder.slice(PREFIXES.reports.length)), { recursive: true, force: true });
    for (const [fileName, content] of generated.files) {
      for (const key of reportKeys(generated.report, fileName)) {
        const path = join(options.reportsDir, key.slice(PREFIXES.reports.length));
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, content);
      }
    }
    return { ...generated, htmlPath: join(options.reportsDir, generated.report.period, 'needs-analysis.html') };
  } finally {
    lake.close();
  }
}

/** Reads lake/… keys from a local lake folder (the copy of the bucket's lake/ prefix). */
function readLakeFile(lakeDir: string): LakeReader {
  return async (key) => {
    try {
      return await readFile(join(lakeDir, ...key.slice(PREFIXES.lake.length).split('/')), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };
}

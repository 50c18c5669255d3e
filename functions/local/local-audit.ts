import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrustConfig } from '../../transforms/config/trust-config.ts';
import { auditTables, type AuditResult } from '../../transforms/disclosure/audit.ts';
import {
  BASE_COUNT_QUERIES,
  baseCountsFromResults,
  type BaseCountQueryName,
} from '../../transforms/disclosure/base-counts.ts';
import { VariableSpace } from '../../transforms/disclosure/variables.ts';
import { readPublishedReport, type ReadReport } from '../../transforms/report/published-files.ts';
import type { RawResult } from '../../transforms/views/typed-rows.ts';
import { DuckDbLake } from './duckdb-lake.ts';
import { DuckDbReportEngine } from './duckdb-report-engine.ts';

/**
 * Audits a published report folder against the lake it was made from: reads the JSON, checks the
 * HTML page and every CSV say the same, then works out, for every withheld count, the range of
 * values consistent with everything published.
 */
export async function auditReportFolder(
  folder: string,
  lakeDir: string,
  config: TrustConfig,
): Promise<{ read: ReadReport; audit: AuditResult }> {
  const csv = new Map(
    readdirSync(folder)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => [f.replace(/\.csv$/, ''), readFileSync(join(folder, f), 'utf8')]),
  );
  const htmlPath = join(folder, 'needs-analysis.html');
  const read = readPublishedReport({
    json: readFileSync(join(folder, 'needs-analysis.json'), 'utf8'),
    ...(existsSync(htmlPath) ? { html: readFileSync(htmlPath, 'utf8') } : {}),
    csv,
  });
  const lake = await DuckDbLake.open(lakeDir, config);
  const engine = new DuckDbReportEngine(lake);
  const results: Partial<Record<BaseCountQueryName, RawResult>> = {};
  try {
    for (const name of Object.keys(BASE_COUNT_QUERIES) as BaseCountQueryName[]) {
      results[name] = await engine.run(name, BASE_COUNT_QUERIES[name].sql, []);
    }
  } finally {
    lake.close();
  }
  const base = baseCountsFromResults(results as Record<BaseCountQueryName, RawResult>);
  return { read, audit: await auditTables(read.tables, new VariableSpace(base), read.threshold) };
}

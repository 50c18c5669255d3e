import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PipelineService } from '../../functions/local/service.ts';
import { startPortalServer } from '../../functions/portal/server.ts';
import { requireTrustConfig } from '../config.ts';
import { EXIT, UsageError, type Output } from '../usage.ts';

export const SERVE_USAGE = `workforce serve [--config F] [--data DIR] [--port N] [--host H]

Runs the pipeline as a service on this machine, with the partner portal. Everything it holds is
under DIR (default ./data) and survives a restart: the versioned store of uploads, reports and the
lake (DIR/store), the queue (DIR/queue), the invites (DIR/portal), and plain copies of the lake
(DIR/lake), the validation reports (DIR/validation) and the needs-analysis report (DIR/reports).
A file arrives by the portal, by 'workforce upload --out DIR', or dropped into the landing folder
DIR/landing/<partner_id>/<dataset>/<period>/<file>.csv; each is checked by the ingest function and
the report is written again after every accepted file. Stop it with Ctrl-C.
  --port  the portal's port (default 8080; 0 for any free port)
  --host  the address to listen on (default 127.0.0.1: this machine only)
Sign partners in with 'workforce invite <partner_id> --data DIR'.`;

/** Where a running service says where it is, for 'workforce invite'. */
export const serviceFile = (dataDir: string) => join(dataDir, 'portal', 'service.json');

export async function serveCommand(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      data: { type: 'string', default: 'data' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`Unexpected '${positionals[0]}'.\n\n${SERVE_USAGE}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`'${values.port}' is not a port number.`);
  const config = requireTrustConfig(values.config, join(values.data, 'trust.config.json'));
  const dataDir = resolve(values.data);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'trust.config.json'), `${JSON.stringify(config, null, 2)}\n`);

  const service = new PipelineService({
    dataDir,
    config,
    log: (line) => output.out(`${new Date().toISOString().slice(11, 19)} ${line}`),
  });
  await service.start();
  let portal;
  try {
    portal = await startPortalServer({ service, config, dataDir, port, host: values.host });
  } catch (error) {
    await service.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new UsageError(`Port ${port} is in use: choose another with --port.`);
    throw error;
  }
  mkdirSync(join(dataDir, 'portal'), { recursive: true });
  writeFileSync(serviceFile(dataDir), `${JSON.stringify({ url: portal.url, pid: process.pid })}\n`);
  output.out(`${config.trust}: the workforce pipeline is running.`);
  output.out(`Portal: ${portal.url}`);
  output.out(`Data: ${dataDir}  (landing folder: ${join(dataDir, 'landing')})`);
  output.out(`Invite a partner: npx workforce invite <partner_id> --data ${values.data}`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  output.out('Stopping…');
  await portal.close();
  await service.close();
  rmSync(serviceFile(dataDir), { force: true });
  output.out('Stopped.');
  return EXIT.ok;
}

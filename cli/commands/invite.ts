import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InviteStore } from '../../functions/portal/invites.ts';
import { requireTrustConfig } from '../config.ts';
import { EXIT, UsageError, type Output } from '../usage.ts';
import { serviceFile } from './serve.ts';

export const INVITE_USAGE = `workforce invite <partner_id> [--days N] [--data DIR] [--config F] [--url U]
       workforce invite --trust [...]          a link to the Trust's view (coverage and report)
       workforce invite --list [--data DIR]     every invite, with its state
       workforce invite --revoke ID [--data DIR]

Prints a sign-in link for the portal of 'workforce serve --data DIR'. The link is a secret: send
it to that partner only. It signs them in whenever they open it, until it expires (--days, default
30) or is revoked; only a hash of it is kept. Revoking it also signs out whoever used it.
  --url  the portal's address as partners reach it (default: the running service's, else
         http://127.0.0.1:8080/)`;

export async function inviteCommand(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      trust: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      revoke: { type: 'string' },
      days: { type: 'string', default: '30' },
      data: { type: 'string', default: 'data' },
      config: { type: 'string' },
      url: { type: 'string' },
    },
  });
  const invites = new InviteStore(join(resolve(values.data), 'portal'));
  if (values.list) {
    const all = await invites.list();
    if (all.length === 0) output.out('No invites yet.');
    for (const invite of all) {
      const who = invite.subject.kind === 'trust' ? 'the Trust' : invite.subject.partnerId;
      const state = invite.revokedAt
        ? `revoked ${invite.revokedAt.slice(0, 10)}`
        : Date.parse(invite.expiresAt) <= Date.now()
          ? 'expired'
          : `valid until ${invite.expiresAt.slice(0, 10)}`;
      output.out(`${invite.id}  ${who.padEnd(30)} created ${invite.createdAt.slice(0, 10)}  ${state}`);
    }
    return EXIT.ok;
  }
  if (values.revoke !== undefined) {
    const revoked = await invites.revoke(values.revoke);
    if (!revoked)
      throw new UsageError(`No single invite has the id '${values.revoke}'. See 'workforce invite --list'.`);
    output.out(`Revoked invite ${revoked.id}: its link no longer signs anyone in.`);
    return EXIT.ok;
  }
  const [partnerId, ...extra] = positionals;
  if (extra.length > 0 || (partnerId === undefined) === !values.trust)
    throw new UsageError(`Give one partner id, or --trust.\n\n${INVITE_USAGE}`);
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 366)
    throw new UsageError(`--days must be a whole number of days from 1 to 366.`);
  const config = requireTrustConfig(values.config, join(values.data, 'trust.config.json'));
  if (partnerId !== undefined && !config.partners.some((p) => p.id === partnerId)) {
    throw new UsageError(
      `'${partnerId}' is not one of ${config.trust}'s partners: ${config.partners.map((p) => p.id).join(', ')}.`,
    );
  }
  const base = values.url ?? runningUrl(values.data) ?? 'http://127.0.0.1:8080/';
  const { token, invite } = await invites.create(partnerId ? { kind: 'partner', partnerId } : { kind: 'trust' }, days);
  const name = partnerId ? (config.partners.find((p) => p.id === partnerId)?.name ?? partnerId) : config.trust;
  output.out(`Sign-in link for ${name} (invite ${invite.id}, valid until ${invite.expiresAt.slice(0, 10)}):`);
  output.out(`${new URL('/signin', base).toString()}#${token}`);
  return EXIT.ok;
}

function runningUrl(dataDir: string): string | undefined {
  const file = serviceFile(resolve(dataDir));
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { url?: string }).url;
}

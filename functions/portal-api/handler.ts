import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { TrustConfig } from '../../transforms/config/trust-config.ts';
import { todayInLondon } from '../../transforms/contract/dates.ts';
import type { PortalSubject } from '../../transforms/portal/scope.ts';
import { partnerOfGroup, TRUST_GROUP } from './groups.ts';
import { contractFile } from '../portal/contract-files.ts';
import { partnerApi } from './partner-api.ts';
import { refuse, text, type PortalApiDependencies, type Result } from './results.ts';
import { trustApi } from './trust-api.ts';

export type { PortalApiDependencies } from './results.ts';

/**
 * Who the Cognito groups in the (already verified) token say this is: `trust`, or exactly one
 * partner's group of a configured partner. Anyone else (no group, an unknown partner, two
 * partners' groups, the Trust's group and a partner's) gets nothing: an account set up wrongly
 * sees nothing rather than too much.
 */
export function subjectOf(
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  config: TrustConfig,
): PortalSubject | undefined {
  // API Gateway passes a list claim on as text, `[a b]`; a test or another authorizer may pass an array.
  // Split at spaces only: a group name may hold a comma, and `x,partner-a` is not partner-a's group.
  const claim: unknown = event.requestContext.authorizer?.jwt?.claims?.['cognito:groups'];
  const listed = Array.isArray(claim) ? claim.map(String) : typeof claim === 'string' ? claim.split(/[\s[\]]+/) : [];
  const groups = listed.filter(Boolean);
  const partners = groups.flatMap((g) => partnerOfGroup(g) ?? []);
  if (groups.includes(TRUST_GROUP)) return partners.length === 0 ? { kind: 'trust' } : undefined;
  if (partners.length !== 1 || !config.partners.some((p) => p.id === partners[0])) return undefined;
  return { kind: 'partner', partnerId: partners[0] as string };
}

/** The portal's API in AWS (API Gateway HTTP API, Cognito JWT authorizer): every answer scoped to the caller. */
export function createPortalApiHandler(deps: PortalApiDependencies) {
  const today = deps.today ?? (() => todayInLondon());

  return async (event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<Result> => {
    const subject = subjectOf(event, deps.config);
    if (!subject)
      return refuse(403, "Your account is in no partner's group, or in more than one group: ask the Trust.");
    const request = {
      method: event.requestContext.http.method,
      path: event.rawPath,
      query: event.queryStringParameters ?? {},
      body: event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? ''),
    };
    if (request.method === 'GET' && request.path.startsWith('/api/contract/')) {
      const file = contractFile(request.path.slice('/api/contract/'.length));
      return file ? text(file.body, file.type) : refuse(404, 'No such file.');
    }
    return subject.kind === 'trust'
      ? trustApi(deps, today(), request)
      : partnerApi(deps, subject.partnerId, today(), request);
  };
}

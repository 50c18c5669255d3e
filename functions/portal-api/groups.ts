// The Cognito groups that say who a portal user is: one source for the user pool and the API.

/** The Trust's own staff: coverage of every partner, and the report. */
export const TRUST_GROUP = 'trust';

/** The staff of one partner: its own uploads and reports only. */
export const partnerGroup = (partnerId: string): string => `partner-${partnerId}`;

/** The partner a group name is for, if it is a partner's group. */
export const partnerOfGroup = (group: string): string | undefined => /^partner-(.+)$/.exec(group)?.[1];

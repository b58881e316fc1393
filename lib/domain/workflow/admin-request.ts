/**
 * Administration under maker-checker. Every change to who can act — a new staff account, a role
 * grant or change, a staff password reset, a bank API token issued or revoked — is first a request
 * by one administrator, and happens only when a second administrator of the same kind approves it.
 * Which kind of administrator owns a request kind is in the permission table
 * (ADMIN_REQUEST_PERMISSION, lib/auth/permissions.ts).
 */
export const ADMIN_REQUEST_KINDS = ['create_user', 'change_role', 'reset_password', 'reset_mfa', 'issue_api_token', 'revoke_api_token'] as const;
export type AdminRequestKind = (typeof ADMIN_REQUEST_KINDS)[number];

export const ADMIN_REQUEST_STATES = ['proposed', 'approved', 'rejected', 'cancelled'] as const;
export type AdminRequestState = (typeof ADMIN_REQUEST_STATES)[number];

export const ADMIN_REQUEST_ACTIONS = ['approve', 'reject', 'cancel'] as const;
export type AdminRequestAction = (typeof ADMIN_REQUEST_ACTIONS)[number];

/** `checker`: another administrator of the kind; `maker`: the one who made the request. */
type Party = 'checker' | 'maker';

interface AdminRequestTransition {
  action: AdminRequestAction;
  by: Party;
  from: readonly AdminRequestState[];
  to: AdminRequestState;
}

/** The one table of what may happen to a request, and by whom. */
export const ADMIN_REQUEST_TRANSITIONS: readonly AdminRequestTransition[] = [
  { action: 'approve', by: 'checker', from: ['proposed'], to: 'approved' },
  { action: 'reject', by: 'checker', from: ['proposed'], to: 'rejected' },
  // The maker may take back a request nobody has decided yet.
  { action: 'cancel', by: 'maker', from: ['proposed'], to: 'cancelled' },
];

export type AdminRequestDecision =
  | { ok: true; to: AdminRequestState }
  | { ok: false; code: 'ALREADY_DECIDED' | 'OWN_REQUEST' | 'OWN_ACCOUNT' | 'NOT_MAKER' };

/**
 * Decide one transition for `deciderId`. Nobody checks their own request, nor a request about
 * their own account (the maker may still cancel theirs).
 */
export function checkAdminRequestAction(
  request: { status: AdminRequestState; proposedBy: string; targetUserId: string | null },
  action: AdminRequestAction,
  deciderId: string,
): AdminRequestDecision {
  const t = ADMIN_REQUEST_TRANSITIONS.find((x) => x.action === action);
  if (!t || !t.from.includes(request.status)) return { ok: false, code: 'ALREADY_DECIDED' };
  if (t.by === 'maker') return request.proposedBy === deciderId ? { ok: true, to: t.to } : { ok: false, code: 'NOT_MAKER' };
  if (request.proposedBy === deciderId) return { ok: false, code: 'OWN_REQUEST' };
  if (request.targetUserId === deciderId) return { ok: false, code: 'OWN_ACCOUNT' };
  return { ok: true, to: t.to };
}

/** The actions `viewerId` could take on a request (for showing buttons; the server decides again). */
export function availableAdminRequestActions(request: { status: AdminRequestState; proposedBy: string; targetUserId: string | null }, viewerId: string): AdminRequestAction[] {
  return ADMIN_REQUEST_ACTIONS.filter((a) => checkAdminRequestAction(request, a, viewerId).ok);
}

export const ADMIN_REQUEST_KIND_LABELS: Record<AdminRequestKind, string> = {
  create_user: '新建工作人员账号',
  change_role: '授予 / 调整角色',
  reset_password: '重置密码',
  reset_mfa: '重置身份验证器',
  issue_api_token: '签发银行接口令牌',
  revoke_api_token: '吊销银行接口令牌',
};

export const ADMIN_REQUEST_STATE_LABELS: Record<AdminRequestState, string> = {
  proposed: '待审批',
  approved: '已批准并生效',
  rejected: '已驳回',
  cancelled: '已撤回',
};

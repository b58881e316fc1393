import type { AdminRequestKind } from '@/lib/domain/workflow/admin-request';
import type { ProposeAdminRequest } from '@/lib/validation/admin-requests';
import { changeRoleRequest } from './change-role';
import { createUserRequest } from './create-user';
import type { AdminRequestHandler } from './handler';
import { issueApiTokenRequest } from './issue-api-token';
import { resetMfaRequest } from './reset-mfa';
import { resetPasswordRequest } from './reset-password';
import { revokeApiTokenRequest } from './revoke-api-token';

/** Every kind of administration request and how it is prepared and applied. */
export const ADMIN_REQUEST_HANDLERS: { [K in AdminRequestKind]: AdminRequestHandler<Extract<ProposeAdminRequest, { kind: K }>> } = {
  create_user: createUserRequest,
  change_role: changeRoleRequest,
  reset_password: resetPasswordRequest,
  reset_mfa: resetMfaRequest,
  issue_api_token: issueApiTokenRequest,
  revoke_api_token: revokeApiTokenRequest,
};

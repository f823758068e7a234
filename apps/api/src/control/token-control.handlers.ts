/**
 * Control-socket commands for API tokens, so that `npm run admin -- token ...` works while the
 * API owns the data directory: the running API creates, lists and revokes on the CLI's behalf
 * (and verifies the audit chain).
 */
import type { ControlServer } from '@weegwijzer/store';
import type { AuditService } from '../audit/audit.service';
import type { CreateTokenInput, TokenService } from '../auth/token.service';

export const TOKEN_COMMANDS = { create: 'token.create', list: 'token.list', revoke: 'token.revoke' } as const;

/** `npm run admin -- audit verify` while the API runs. */
export const AUDIT_VERIFY_COMMAND = 'audit.verify';

export function registerAuditHandlers(control: ControlServer, audit: AuditService): void {
  control.register(AUDIT_VERIFY_COMMAND, async () => audit.verifyChain());
}

export function registerTokenHandlers(control: ControlServer, tokens: TokenService): void {
  control.register(TOKEN_COMMANDS.create, async (payload) => tokens.create(payload as CreateTokenInput));
  control.register(TOKEN_COMMANDS.list, async () => tokens.list());
  control.register(TOKEN_COMMANDS.revoke, async (payload) => tokens.revoke(String((payload as { id?: unknown })?.id ?? '')));
}

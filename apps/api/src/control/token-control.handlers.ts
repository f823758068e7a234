/**
 * Control-socket commands for API tokens, so that `npm run admin -- token ...` works while the
 * API owns the data directory: the running API creates, lists and revokes on the CLI's behalf.
 */
import type { ControlServer } from '@weegwijzer/store';
import type { CreateTokenInput, TokenService } from '../auth/token.service';

export const TOKEN_COMMANDS = { create: 'token.create', list: 'token.list', revoke: 'token.revoke' } as const;

export function registerTokenHandlers(control: ControlServer, tokens: TokenService): void {
  control.register(TOKEN_COMMANDS.create, async (payload) => tokens.create(payload as CreateTokenInput));
  control.register(TOKEN_COMMANDS.list, async () => tokens.list());
  control.register(TOKEN_COMMANDS.revoke, async (payload) => tokens.revoke(String((payload as { id?: unknown })?.id ?? '')));
}

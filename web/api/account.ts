// The signed-in user's own account: password change and API tokens.
import type { TokenView } from '../../server/contract/auth.js';
import { get, send } from './client.js';

/** The server then ends every session and revokes every API token of the account. */
export const changePassword = async (currentPassword: string, newPassword: string): Promise<void> =>
  void (await send('POST', '/api/me/password', { currentPassword, newPassword }));

export const myTokens = async (): Promise<TokenView[]> => (await get<{ items: TokenView[] }>('/api/tokens')).items;

/** The secret comes once, in this answer: it is stored hashed. */
export const createToken = async (name: string, expiresInDays: number): Promise<TokenView & { token: string }> =>
  (await send<TokenView & { token: string }>('POST', '/api/tokens', { name, expiresInDays })).data;

export const revokeToken = async (id: string): Promise<void> =>
  void (await send('DELETE', `/api/tokens/${encodeURIComponent(id)}`));

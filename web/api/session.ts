import type { Me } from '../../server/contract/auth.js';
import { get, send } from './client.js';

export const login = async (email: string, password: string): Promise<Me> =>
  (await send<Me>('POST', '/api/session', { email, password })).data;
export const logout = async (): Promise<void> => void (await send('DELETE', '/api/session'));

/** The signed-in user, or null when there is no session (GET /api/session answers 200 either
 *  way, so the login page logs no 401). */
export const me = async (): Promise<Me | null> => {
  const who = await get<Me | { user: null }>('/api/session');
  return who.user ? who : null;
};

import type { Me } from '../../server/contract/auth.js';
import { ApiError, get, send } from './client.js';

export const login = async (email: string, password: string): Promise<Me> => (await send<Me>('POST', '/api/session', { email, password })).data;
export const logout = async (): Promise<void> => void (await send('DELETE', '/api/session'));

/** The signed-in user, or null when there is no session. */
export const me = async (): Promise<Me | null> => {
  try {
    return await get<Me>('/api/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
};

// A rename or a new file is durable only once its folder is fsynced too.
import { open } from 'node:fs/promises';

export const fsyncDir = async (dir: string): Promise<void> => {
  const h = await open(dir, 'r');
  try { await h.sync(); } finally { await h.close(); }
};

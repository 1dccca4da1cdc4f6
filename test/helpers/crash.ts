// A process killed without stopping its store: the files it held open are closed (the system does
// that for a dead process), nothing is compacted nor flushed. Tests that simulate a SIGKILL use it
// so that no file handle is left for the garbage collector to close.
import { nodeDisk, type Disk, type DiskFile } from '../../server/store/disk.js';

export const crashableDisk = (inner: Disk = nodeDisk) => {
  const files: DiskFile[] = [];
  const disk: Disk = {
    ...inner,
    open: async (path, flags) => {
      const h = await inner.open(path, flags);
      files.push(h);
      return h;
    },
  };
  /** Closes every file the store opened (closing one it had closed already is harmless). */
  const crash = async () => {
    for (const h of files.splice(0)) await h.close().catch(() => undefined);
  };
  return { disk, crash };
};

// A data file the store will not open (corrupt, unknown version, a broken audit chain): the
// message says which file and line, and that nothing was changed.
export class StoreError extends Error {}

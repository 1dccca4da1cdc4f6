// A data file the store will not open (corrupt, unknown version, a broken audit chain): the
// message says which file and line, and that nothing was changed.
export class StoreError extends Error {}

/** The database cannot be reached (down, restarting, the network): nothing of the write was
 *  kept, the client may try again; reads go on from memory meanwhile. */
export class StoreUnavailable extends Error {
  constructor(readonly reason?: unknown) {
    super(
      `base de données injoignable${reason instanceof Error && reason.message ? ` (${reason.message})` : ''} : rien n'a été enregistré`,
    );
  }
}

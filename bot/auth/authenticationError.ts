// A request that did not prove who is calling: 401 in the API. Kept apart from the domain error
// catalogue because it is about the transport, never about the product.
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
  /** Why, for the log only: the response always says the same thing, so it cannot be used as an oracle. */
  constructor(
    readonly reason: string,
    /** The signing keys could not be read (unreachable, timed out, not a key set): logged once a while, not per request. */
    readonly keysUnavailable = false,
  ) {
    super(`not authenticated: ${reason}`);
  }
}

// A request that did not prove who is calling: 401 in the API. Kept apart from the domain error
// catalogue because it is about the transport, never about the product.
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
  /** Why, for the log only: the response always says the same thing, so it cannot be used as an oracle. */
  constructor(readonly reason: string) {
    super(`not authenticated: ${reason}`);
  }
}

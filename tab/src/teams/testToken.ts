declare global {
  interface Window {
    /** Set only by the end-to-end test (page.addInitScript) to sign in with a locally signed token. */
    __PGTEAMS_TEST_TOKEN__?: unknown;
  }
}

/**
 * The end-to-end test runs the tab outside Teams, where getAuthToken() cannot work, and hands it a
 * token signed by the local identity stand-in instead. The server verifies it like any Teams token,
 * so this grants nothing a page script could not already do with a valid token.
 */
export function testToken(): string | undefined {
  const token = window.__PGTEAMS_TEST_TOKEN__;
  return typeof token === 'string' && token.split('.').length === 3 ? token : undefined;
}

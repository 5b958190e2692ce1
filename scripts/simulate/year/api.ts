// The tab's side of the simulation: /api/v1 calls as a signed-in person (local dev sign-in, the
// X-Dev-Identity header the tab uses under AUTH_MODE=dev). Any answer that is not 2xx is an error.
import { API_PREFIX, DEV_IDENTITY_HEADER } from '../../../shared/api';
import { log, withRedelivery, type SimPerson } from '../common';

export class Api {
  errors = 0;
  requests = 0;
  elapsedMs = 0;
  constructor(
    private readonly baseUrl: string,
    private readonly tenant: string,
  ) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async call(who: SimPerson, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    this.requests += 1;
    const t = Date.now();
    const res = await withRedelivery(() =>
      fetch(`${this.baseUrl}${API_PREFIX}${path}`, {
        method,
        headers: { 'content-type': 'application/json', [DEV_IDENTITY_HEADER]: `${who.oid}@${this.tenant}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    const text = await res.text();
    this.elapsedMs += Date.now() - t;
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (res.status < 200 || res.status >= 300) {
      this.errors += 1;
      log(`error: ${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
    }
    return { status: res.status, body: parsed };
  }
}

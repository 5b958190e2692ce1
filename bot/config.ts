// Configuration is read once, at start-up, from the environment and parsed with zod
// (STYLE.md §6). A bad or missing variable stops the process with every problem listed.
import { z } from 'zod';
import { DEFAULT_POLICY_ID } from '../shared/policy';

const optionalUrl = z
  .string()
  .url()
  .optional()
  .or(z.literal('').transform(() => undefined));

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** web: HTTP only; worker: scheduler + outbox only; all: both in one process. */
    ROLE: z.enum(['all', 'web', 'worker']).default('all'),

    MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// connection string'),
    MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, 'letters, digits, _ and - only').default('pgteams'),

    /** The bot's Entra app registration (Azure Bot resource). Empty only in local development. */
    BOT_ID: z.string().default(''),
    BOT_PASSWORD: z.string().default(''),
    BOT_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    BOT_TENANT_ID: z.string().default(''),
    /**
     * Where the Bot Framework's OpenID metadata (its token signing keys) is read, for channel and
     * Emulator tokens alike. Unset: botbuilder's public-cloud defaults. Tests point it at a stand-in.
     */
    BOT_OPENID_METADATA_URL: optionalUrl,

    /** The tab's SSO app registration: tokens from getAuthToken() are issued for api://<host>/<id>. */
    AAD_APP_CLIENT_ID: z.string().default(''),
    AAD_APP_CLIENT_SECRET: z.string().default(''),
    AAD_APP_TENANT_ID: z.string().default(''),
    /** Where signing keys and tokens come from; tests point these at local stand-ins. */
    AAD_AUTHORITY_HOST: z.string().url().default('https://login.microsoftonline.com'),
    GRAPH_BASE_URL: z.string().url().default('https://graph.microsoft.com/v1.0'),
    /** Public HTTPS origin of this app, for deep links and the tab's content URL. */
    PUBLIC_URL: optionalUrl,
    /** Teams app id from the manifest, used in activity-feed deep links. */
    TEAMS_APP_ID: z.string().default(''),

    /** dev: trust a local dev identity (never in production); teams: verify Teams SSO tokens. */
    AUTH_MODE: z.enum(['teams', 'dev']).default('teams'),

    /** Policy pack given to an organisation the first time it is seen. */
    DEFAULT_POLICY: z.string().default(DEFAULT_POLICY_ID),
    /** Staff directory file (CSV or JSON) loaded at start-up when set. */
    DIRECTORY_FILE: z.string().optional(),
    /** Teams: ~50 requests/s per app per tenant (DESIGN.md, platform facts). */
    TENANT_RATE_LIMIT_RPS: z.coerce.number().positive().default(50),
    /** The scheduler and the outbox sender run in this process (ROLE all or worker) unless off. */
    SCHEDULER: z.enum(['on', 'off']).default('on'),
    /** How often the scheduler looks at the calendar and the sender at the outbox, in ms. */
    SCHEDULER_INTERVAL_MS: z.coerce.number().int().positive().default(30_000),
    /**
     * Outbox jobs in flight at once per organisation. The tenant's sender sets the pace; a few
     * more than ~50/s times a job's own reads is enough, and each is a claim a killed worker
     * leaves waiting for its lease to end.
     */
    SENDER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(16),
    /** Development and tests only: the app's clock starts at this instant (then runs on). */
    PGTEAMS_CLOCK: z.iso.datetime({ offset: true }).optional(),
    /** When set, database commands are timed and a profile (slowest first) is logged at info every this many ms. */
    DB_PROFILE_MS: z.coerce.number().int().min(0).default(0),
    /**
     * While the database is out of reach (stopped, restarting), how long a command waits for it
     * to come back before failing: a request then answers 503 with Retry-After, the worker waits on.
     */
    MONGODB_SERVER_SELECTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** Development: the organisation DIRECTORY_FILE (and DEMO) belongs to (default: the Agents Playground's tenant). */
    DIRECTORY_ORGANISATION_ID: z.string().default('00000000-0000-0000-0000-0000000000001'),
    /**
     * Local development (`npm start` sets it): at start-up DIRECTORY_ORGANISATION_ID becomes the
     * demo organisation, with this academic year's cycle, a check-in open now, history and rocks.
     */
    DEMO: z.enum(['on', 'off']).default('off'),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && c.AUTH_MODE === 'dev') {
      ctx.addIssue({ code: 'custom', path: ['AUTH_MODE'], message: 'dev sign-in cannot be enabled when NODE_ENV=production' });
    }
    if (c.NODE_ENV === 'production' && c.DEMO === 'on') {
      ctx.addIssue({ code: 'custom', path: ['DEMO'], message: 'the demo organisation cannot be loaded when NODE_ENV=production' });
    }
    if (c.NODE_ENV === 'production' && c.PGTEAMS_CLOCK) {
      ctx.addIssue({ code: 'custom', path: ['PGTEAMS_CLOCK'], message: 'a fixed clock cannot be used when NODE_ENV=production' });
    }
    if (c.NODE_ENV === 'production') {
      for (const key of ['BOT_ID', 'BOT_PASSWORD', 'AAD_APP_CLIENT_ID'] as const) {
        if (!c[key] && !(key === 'BOT_PASSWORD' && c.BOT_TYPE === 'UserAssignedMSI')) {
          ctx.addIssue({ code: 'custom', path: [key], message: 'is required when NODE_ENV=production' });
        }
      }
      if (c.BOT_TYPE === 'SingleTenant' && !c.BOT_TENANT_ID) {
        ctx.addIssue({ code: 'custom', path: ['BOT_TENANT_ID'], message: 'is required when BOT_TYPE=SingleTenant' });
      }
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const received = issue.code === 'invalid_type' && issue.input === undefined ? 'is missing' : issue.message;
    return `${name}: ${received}`;
  });
  throw new ConfigError(problems);
}

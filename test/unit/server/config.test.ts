import { ConfigError, loadConfig } from '../../../bot/config';

const base = { MONGODB_URI: 'mongodb://127.0.0.1:27017/' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('configuration', () => {
  it('starts on port 3978 by default', () => {
    expect(loadConfig(base).PORT).toBe(3978);
  });

  it('names a missing database connection string', () => {
    expect(problemsOf({})).toContain('MONGODB_URI: is missing');
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({ ...base, PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(problems.some((p) => p.startsWith('PORT:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('LOG_LEVEL:'))).toBe(true);
  });

  it('refuses the dev sign-in in production', () => {
    const problems = problemsOf({ ...base, NODE_ENV: 'production', AUTH_MODE: 'dev', BOT_ID: 'id', BOT_PASSWORD: 'pw', AAD_APP_CLIENT_ID: 'app' });
    expect(problems).toEqual(['AUTH_MODE: dev sign-in cannot be enabled when NODE_ENV=production']);
  });

  it('requires the bot and SSO registrations in production', () => {
    const problems = problemsOf({ ...base, NODE_ENV: 'production' });
    expect(problems).toEqual(expect.arrayContaining(['BOT_ID: is required when NODE_ENV=production', 'AAD_APP_CLIENT_ID: is required when NODE_ENV=production']));
  });
});

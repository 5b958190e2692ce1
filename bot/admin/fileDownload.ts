// Files posted with an admin command: Teams sends a file as an attachment with a pre-authorised
// download URL (bot/teams/activity.ts finds it); this fetches it, carefully.
/** Big enough for a trust's staff list; anything larger is not a directory file. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface PostedFile {
  name: string;
  url: string;
  fileType: string;
}

export class FileFetchError extends Error {
  override readonly name = 'FileFetchError';
}

/**
 * Downloads a posted file. Only https, or http to this machine (tests and local development), so
 * an activity cannot make the bot fetch from the internal network.
 */
export async function fetchPostedFile(file: Pick<PostedFile, 'url' | 'name'>): Promise<string> {
  let url: URL;
  try {
    url = new URL(file.url);
  } catch {
    throw new FileFetchError(`I couldn't read the link to ${file.name}.`);
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) throw new FileFetchError(`I can only download ${file.name} over https.`);
  const res = await fetch(url, { signal: AbortSignal.timeout(15_000), redirect: 'follow' });
  if (!res.ok) throw new FileFetchError(`Downloading ${file.name} failed (HTTP ${res.status}). Post it again — Teams download links expire.`);
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > MAX_FILE_BYTES) throw new FileFetchError(`${file.name} is too big (over ${MAX_FILE_BYTES / 1024 / 1024} MB).`);
  const text = await res.text();
  if (text.length > MAX_FILE_BYTES) throw new FileFetchError(`${file.name} is too big (over ${MAX_FILE_BYTES / 1024 / 1024} MB).`);
  if (text.includes('\u0000')) throw new FileFetchError(`${file.name} is not a text (CSV) file.`);
  return text;
}

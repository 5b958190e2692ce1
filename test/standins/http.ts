// What the local stand-ins for Teams' and Microsoft's HTTP services share: reading a request body
// and answering with JSON (optionally after a simulated round trip).
import type http from 'node:http';

export async function readText(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function answerJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string>, latencyMs: number): void {
  const payload = body === undefined ? '' : JSON.stringify(body);
  const send = () => {
    res.writeHead(status, {
      ...(payload === '' ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      'content-length': Buffer.byteLength(payload),
      ...headers,
    });
    res.end(payload);
  };
  if (latencyMs > 0) setTimeout(send, latencyMs);
  else send();
}

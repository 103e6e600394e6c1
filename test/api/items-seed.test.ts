// The seed's own client examples (002_d741195bbcfa924c.txt), run against a real listening server
// with only the host changed: Node fetch in-process, and curl, Python requests and Java's
// HttpClient as separate processes. The C# and Go snippets need toolchains CI does not have, so
// their requests are sent as those clients put them on the wire.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { describeDialects } from '../helpers/dialects.ts';
import { clientHmac, SEED_ITEM } from '../helpers/items.ts';

const run = promisify(execFile);
const which = (cmd: string) => process.env.PATH!.split(':').some((dir) => fs.existsSync(path.join(dir, cmd)));
const hasPythonRequests =
  which('python3') &&
  (await run('python3', ['-c', 'import requests']).then(
    () => true,
    () => false,
  ));

describeDialects('items seed examples', (dialect) => {
  let t: TestApp;
  let base: string;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
  });
  afterEach(async () => {
    await t.close();
  });

  it('Node fetch: create → resolve → delete → 404, as written in the seed', async () => {
    let data: any;
    {
      // POST: Initialize item. Password goes in the JSON body.
      const res = await fetch(`${base}/api/v0/items`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          content: 'Hello, World. Resolved exactly as intended.',
          password: 'YOUR_ACCESS_PASSWORD',
          ttlHours: 1,
          viewLimit: 5,
        }),
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('X-Content-Hmac')).toMatch(/^[0-9a-f]{64}$/);
      data = await res.json();
    }
    const MAGIC_ID = data.magic;
    const YOUR_DELETE_TOKEN = data.deleteToken;
    {
      // GET: Resolve item. Password goes in the 'X-QR-Password' header.
      const res = await fetch(`${base}/api/v0/items/${MAGIC_ID}`, {
        method: 'GET',
        headers: { 'X-QR-Password': 'YOUR_ACCESS_PASSWORD' },
      });
      const contentHmac = res.headers.get('X-Content-Hmac');
      const item = await res.json();
      expect(res.status).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe('no-store');
      expect(item).toMatchObject({ viewCount: 1, viewLimit: 5, passwordProtected: true, deleteToken: null, content: 'Hello, World. Resolved exactly as intended.' });
      expect(contentHmac).toBe(clientHmac(MAGIC_ID, item.content));
      expect(item.contentHmac).toBe(contentHmac);
    }
    {
      // DELETE: Delete item. Token goes in the 'X-Delete-Token' header.
      const res = await fetch(`${base}/api/v0/items/${MAGIC_ID}`, {
        method: 'DELETE',
        headers: { 'X-Delete-Token': YOUR_DELETE_TOKEN },
      });
      expect(res.status).toBe(204);
    }
    const again = await fetch(`${base}/api/v0/items/${MAGIC_ID}`, { headers: { 'X-QR-Password': 'YOUR_ACCESS_PASSWORD' } });
    expect(again.status).toBe(404);
  });

  it.runIf(which('curl'))('curl: the seed commands, status lines and headers', async () => {
    const created = await run('curl', ['-s', '-i', '-X', 'POST', `${base}/api/v0/items`, '-H', 'Content-Type: application/json', '-d', JSON.stringify(SEED_ITEM)]);
    expect(created.stdout).toMatch(/^HTTP\/1\.1 201 Created/);
    expect(created.stdout).toMatch(/\r\nx-content-hmac: [0-9a-f]{64}\r\n/i);
    const data = JSON.parse(created.stdout.split('\r\n\r\n')[1]!);
    const resolved = await run('curl', ['-s', '-i', '-X', 'GET', `${base}/api/v0/items/${data.magic}`, '-H', 'X-QR-Password: YOUR_ACCESS_PASSWORD']);
    expect(resolved.stdout).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(resolved.stdout).toContain(`"content":"${SEED_ITEM.content}"`);
    const deleted = await run('curl', ['-s', '-i', '-X', 'DELETE', `${base}/api/v0/items/${data.magic}`, '-H', `X-Delete-Token: ${data.deleteToken}`]);
    expect(deleted.stdout).toMatch(/^HTTP\/1\.1 204 No Content/);
    const after = await run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', `${base}/api/v0/items/${data.magic}`, '-H', 'X-QR-Password: YOUR_ACCESS_PASSWORD']);
    expect(after.stdout).toBe('404');
  });

  it("C# HttpClient and Go net/http: the seed snippets' requests as those clients send them", async () => {
    // One raw HTTP/1.1 exchange: exactly these headers, the body written in the given pieces.
    const send = (method: string, url: string, headers: Record<string, string>, chunks: string[] = []) =>
      new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
        const req = http.request(`${base}${url}`, { method, headers, agent: false }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (part: Buffer) => parts.push(part));
          res.on('end', () => {
            const raw = Buffer.concat(parts);
            // Go's Transport asks for gzip itself and undoes it before the caller reads the body.
            const body = res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
            resolve({ status: res.statusCode!, headers: res.headers, body: body.toString('utf8') });
          });
        });
        req.on('error', reject);
        for (const chunk of chunks) req.write(chunk);
        req.end();
      });
    const json = JSON.stringify(SEED_ITEM);

    // C#: PostAsJsonAsync streams JsonContent (no length known up front: chunked) with a charset.
    const csharpHeaders = { 'Content-Type': 'application/json; charset=utf-8', 'Transfer-Encoding': 'chunked' };
    const created = await send('POST', '/api/v0/items', csharpHeaders, [json.slice(0, 20), json.slice(20)]);
    expect(created.status).toBe(201);
    const item = JSON.parse(created.body);
    expect(created.headers['x-content-hmac']).toBe(item.contentHmac);
    const resolved = await send('GET', `/api/v0/items/${item.magic}`, { 'X-QR-Password': SEED_ITEM.password });
    expect(resolved.status).toBe(200);
    expect(resolved.headers['x-content-hmac']).toBe(clientHmac(item.magic, SEED_ITEM.content));
    expect(JSON.parse(resolved.body)).toMatchObject({ content: SEED_ITEM.content, viewCount: 1 });
    // HttpRequestMessage(HttpMethod.Delete) has no content: no Content-Length, no Content-Type.
    expect((await send('DELETE', `/api/v0/items/${item.magic}`, { 'X-Delete-Token': item.deleteToken })).status).toBe(204);

    // Go: the multi-line payload from a bytes.Buffer (length known), Go's own User-Agent and gzip.
    const goPayload = `{\n    "content": "${SEED_ITEM.content}",\n    "password": "${SEED_ITEM.password}",\n    "ttlHours": 1,\n    "viewLimit": 5\n}`;
    const go = { 'User-Agent': 'Go-http-client/1.1', 'Accept-Encoding': 'gzip' };
    const goCreated = await send('POST', '/api/v0/items', { ...go, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(goPayload)) }, [goPayload]);
    expect(goCreated.status).toBe(201);
    const goItem = JSON.parse(goCreated.body);
    const goResolved = await send('GET', `/api/v0/items/${goItem.magic}`, { ...go, 'X-QR-Password': SEED_ITEM.password });
    expect(goResolved.status).toBe(200);
    expect(goResolved.headers['x-content-hmac']).toBe(clientHmac(goItem.magic, SEED_ITEM.content));
    expect((await send('DELETE', `/api/v0/items/${goItem.magic}`, { ...go, 'X-Delete-Token': goItem.deleteToken })).status).toBe(204);
    expect((await send('GET', `/api/v0/items/${goItem.magic}`, { ...go, 'X-QR-Password': SEED_ITEM.password })).status).toBe(404);
  });

  it.runIf(hasPythonRequests)('Python requests: the seed snippets', async () => {
    const script = `
import json, requests
# POST: Initialize item. Password goes in the JSON body.
res = requests.post("${base}/api/v0/items", json={
    "content": "Hello, World. Resolved exactly as intended.",
    "password": "YOUR_ACCESS_PASSWORD",
    "ttlHours": 1,
    "viewLimit": 5
})
created = res.json()
out = {"create": res.status_code, "createHmac": res.headers.get("X-Content-Hmac"), "magic": created["magic"]}
MAGIC_ID = created["magic"]
# GET: Resolve item. Password goes in the 'X-QR-Password' header.
res = requests.get(f"${base}/api/v0/items/{MAGIC_ID}", headers={
    "X-QR-Password": "YOUR_ACCESS_PASSWORD"
})
out["resolve"] = res.status_code
out["hmac"] = res.headers.get("X-Content-Hmac")
out["item"] = res.json()
# DELETE: Delete item. Token goes in the 'X-Delete-Token' header.
res = requests.delete(f"${base}/api/v0/items/{MAGIC_ID}", headers={
    "X-Delete-Token": created["deleteToken"]
})
out["delete"] = res.status_code
out["after"] = requests.get(f"${base}/api/v0/items/{MAGIC_ID}").status_code
print(json.dumps(out))
`;
    const { stdout } = await run('python3', ['-c', script]);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ create: 201, resolve: 200, delete: 204, after: 404 });
    expect(out.item.content).toBe(SEED_ITEM.content);
    expect(out.hmac).toBe(clientHmac(out.magic, SEED_ITEM.content));
    expect(out.createHmac).toBe(out.hmac);
  });

  it.runIf(which('java'))(
    'Java HttpClient: the seed snippets',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-seed-java-'));
      const file = path.join(dir, 'Seed.java');
      fs.writeFileSync(
        file,
        `import java.net.URI;
import java.net.http.*;
public class Seed {
  public static void main(String[] args) throws Exception {
    String json = """
        {
          "content": "Hello, World. Resolved exactly as intended.",
          "password": "YOUR_ACCESS_PASSWORD",
          "ttlHours": 1,
          "viewLimit": 5
        }""";
    var request = HttpRequest.newBuilder()
        .uri(URI.create("${base}/api/v0/items"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
    var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    System.out.println("create " + response.statusCode());
    var m = java.util.regex.Pattern.compile("\\"magic\\":\\"([^\\"]+)\\".*\\"deleteToken\\":\\"([^\\"]+)\\"").matcher(response.body());
    m.find();
    String magic = m.group(1), token = m.group(2);
    System.out.println("magic " + magic);
    request = HttpRequest.newBuilder()
        .uri(URI.create("${base}/api/v0/items/" + magic))
        .header("X-QR-Password", "YOUR_ACCESS_PASSWORD")
        .GET()
        .build();
    response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    String contentHmac = response.headers().firstValue("X-Content-Hmac").orElse("");
    System.out.println("resolve " + response.statusCode());
    System.out.println("Content HMAC: " + contentHmac);
    request = HttpRequest.newBuilder()
        .uri(URI.create("${base}/api/v0/items/" + magic))
        .header("X-Delete-Token", token)
        .DELETE()
        .build();
    response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    System.out.println("delete " + response.statusCode());
  }
}
`,
      );
      try {
        const { stdout } = await run('java', [file], { timeout: 60_000 });
        const magic = /magic (\S+)/.exec(stdout)![1]!;
        expect(stdout).toContain('create 201');
        expect(stdout).toContain('resolve 200');
        expect(stdout).toContain(`Content HMAC: ${clientHmac(magic, SEED_ITEM.content)}`);
        expect(stdout).toContain('delete 204');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    90_000,
  );
});

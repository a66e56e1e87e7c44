import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { createRunComfyClient } from '../../../src/runcomfy';
import { startRunComfyDouble, type RunComfyDouble } from '../../support/runcomfyDouble';
import { KLEIN_9B } from './clientHarness';

/** A CONNECT proxy that sends every tunnel to 127.0.0.1 on the requested port, logging what it was asked. */
async function startTunnelProxy(): Promise<{ url: string; tunnels: string[]; server: Server }> {
  const tunnels: string[] = [];
  const server = createServer((_req, res) => res.writeHead(501).end());
  server.on('connect', (req, clientSocket, head) => {
    tunnels.push(req.url ?? '');
    const port = Number((req.url ?? '').split(':').pop());
    const upstream = connect(port, '127.0.0.1', () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(clientSocket).pipe(upstream);
    });
    upstream.on('error', () => clientSocket.destroy());
    clientSocket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, tunnels, server };
}

describe('RunComfy client: proxies', () => {
  let double: RunComfyDouble;
  let proxy: Awaited<ReturnType<typeof startTunnelProxy>>;
  beforeEach(async () => {
    double = await startRunComfyDouble();
    proxy = await startTunnelProxy();
  });
  afterEach(async () => {
    proxy.server.closeAllConnections();
    proxy.server.close();
    await double.close();
  });

  it('sends API requests through an explicit proxy URL', async () => {
    // An address only the proxy can reach (the double listens on 127.0.0.1 only), as in a corporate network.
    // Loopback, because the client refuses plain http to any other host; not 127.0.0.1, which skips the proxy.
    const baseUrl = double.baseUrl.replace('127.0.0.1', '127.0.0.2');
    const client = createRunComfyClient({ baseUrl, getToken: () => double.token, proxy: proxy.url });
    try {
      const result = await client.run(KLEIN_9B, { prompt: 'through the proxy' });
      assert.equal(result.state, 'succeeded');
      assert.deepEqual(new Set(proxy.tunnels), new Set([new URL(baseUrl).host]));
    } finally {
      await client.close();
    }
  });

  it('never sends loopback traffic to the proxy', async () => {
    const client = createRunComfyClient({ baseUrl: double.baseUrl, getToken: () => double.token, proxy: proxy.url });
    try {
      await client.run(KLEIN_9B, { prompt: 'direct' });
      assert.deepEqual(proxy.tunnels, []);
    } finally {
      await client.close();
    }
  });
});

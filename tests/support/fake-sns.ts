import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tiny SNS: speaks the Query protocol's Publish and remembers what was published. */
export async function startFakeSns(): Promise<{
  endpoint: string;
  published: Record<string, string>[];
  close(): Promise<void>;
}> {
  const published: Record<string, string>[] = [];
  const server = createServer(
    (request, response) =>
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        if (form.Action !== 'Publish') {
          response.writeHead(400, { 'content-type': 'text/xml' });
          response.end(
            `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${form.Action} is not supported here</Message></Error></ErrorResponse>`,
          );
          return;
        }
        published.push(form);
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end(
          `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${crypto.randomUUID()}</MessageId></PublishResult><ResponseMetadata><RequestId>${crypto.randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
        );
      })(),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    published,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

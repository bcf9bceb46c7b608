/**
 * Local stand-ins for AWS, started in-process by the tests: dynalite for DynamoDB, s3rver for S3.
 * They speak the real wire protocols, so the AWS adapters run unchanged against them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error dynalite ships no types
import dynalite from 'dynalite';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';

export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface LocalService {
  endpoint: string;
  close(): Promise<void>;
}

export async function startDynalite(): Promise<LocalService> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function startS3rver(buckets: string[]): Promise<LocalService & { directory: string }> {
  const directory = await mkdtemp(join(tmpdir(), 's3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = (await server.run()) as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    directory,
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export function awsClientConfig(endpoint: string) {
  return { endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, forcePathStyle: true };
}

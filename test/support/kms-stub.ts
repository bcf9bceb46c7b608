/**
 * A local AWS KMS speaking its JSON 1.1 wire protocol for the two calls envelope encryption
 * uses, GenerateDataKey and Decrypt. It really wraps data keys (AES-256-GCM under a master key
 * per key id, with the key id and the EncryptionContext authenticated), so a wrong context,
 * another key or an altered blob fail the way KMS fails them; and it fails on demand.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface KmsStub {
  url: string;
  /** HTTP requests received per operation, failed ones and SDK retries included. */
  calls: { GenerateDataKey: number; Decrypt: number };
  /** Answer the next `count` requests with `status` (500: KMSInternalException, 503: DependencyTimeoutException). */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

export interface KmsStubOptions {
  /** Master keys the stub holds, by the id clients pass (default one, `alias/bharatsense-pii`). */
  keyIds?: string[];
}

type Body = Record<string, unknown>;

/** A KMS error answer: the SDK reads the exception name from `__type`. */
class KmsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const IV = 12;
const TAG = 16;

export async function startKmsStub(options: KmsStubOptions = {}): Promise<KmsStub> {
  const masterKeys = new Map((options.keyIds ?? ['alias/bharatsense-pii']).map((id) => [id, randomBytes(32)]));
  const failures: number[] = [];
  const calls = { GenerateDataKey: 0, Decrypt: 0 };

  // KMS treats the context as an unordered map, so the authenticated form is sorted.
  const aad = (keyId: string, context: unknown) => {
    if (context !== undefined && (typeof context !== 'object' || context === null || Object.values(context).some((v) => typeof v !== 'string'))) {
      throw new KmsError('ValidationException', 'EncryptionContext must map strings to strings');
    }
    const entries = Object.entries((context ?? {}) as Record<string, string>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Buffer.from(`${keyId}\0${JSON.stringify(entries)}`, 'utf8');
  };

  /** Blob layout: key id length (1 byte), key id, iv, tag, wrapped data key; opaque to clients, as KMS's is. */
  function wrap(keyId: string, dataKey: Buffer, context: unknown): Buffer {
    const iv = randomBytes(IV);
    const cipher = createCipheriv('aes-256-gcm', masterKeys.get(keyId)!, iv);
    cipher.setAAD(aad(keyId, context));
    const ct = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    const id = Buffer.from(keyId, 'utf8');
    return Buffer.concat([Buffer.from([id.length]), id, iv, cipher.getAuthTag(), ct]);
  }

  function unwrap(blob: Buffer, context: unknown): { keyId: string; dataKey: Buffer } {
    const invalid = () => new KmsError('InvalidCiphertextException', 'The ciphertext is invalid, or was encrypted under another key or EncryptionContext.');
    const idLength = blob[0] ?? 0;
    const keyId = blob.subarray(1, 1 + idLength).toString('utf8');
    const master = masterKeys.get(keyId);
    const rest = blob.subarray(1 + idLength);
    if (!master || rest.length <= IV + TAG) throw invalid();
    const decipher = createDecipheriv('aes-256-gcm', master, rest.subarray(0, IV));
    decipher.setAAD(aad(keyId, context));
    decipher.setAuthTag(rest.subarray(IV, IV + TAG));
    try {
      return { keyId, dataKey: Buffer.concat([decipher.update(rest.subarray(IV + TAG)), decipher.final()]) };
    } catch {
      throw invalid();
    }
  }

  const operations: Record<keyof KmsStub['calls'], (body: Body) => Body> = {
    GenerateDataKey(body) {
      const keyId = String(body.KeyId ?? '');
      if (!masterKeys.has(keyId)) throw new KmsError('NotFoundException', `Key '${keyId}' does not exist`);
      const bytes = body.KeySpec === 'AES_256' ? 32 : body.KeySpec === 'AES_128' ? 16 : Number(body.NumberOfBytes);
      if (!(bytes >= 1 && bytes <= 1024)) throw new KmsError('ValidationException', 'Specify KeySpec or NumberOfBytes');
      const dataKey = randomBytes(bytes);
      return { KeyId: keyId, Plaintext: dataKey.toString('base64'), CiphertextBlob: wrap(keyId, dataKey, body.EncryptionContext).toString('base64') };
    },
    Decrypt(body) {
      if (typeof body.CiphertextBlob !== 'string') throw new KmsError('ValidationException', 'CiphertextBlob is required');
      const { keyId, dataKey } = unwrap(Buffer.from(body.CiphertextBlob, 'base64'), body.EncryptionContext);
      if (body.KeyId !== undefined && body.KeyId !== keyId) {
        throw new KmsError('IncorrectKeyException', 'The key ID in the request does not identify the key that encrypted the ciphertext.');
      }
      return { KeyId: keyId, Plaintext: dataKey.toString('base64'), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
    },
  };

  const answer = (res: ServerResponse, status: number, body: Body) => {
    res.statusCode = status;
    res.setHeader('content-type', 'application/x-amz-json-1.1');
    res.setHeader('x-amzn-requestid', randomUUID());
    res.end(JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      try {
        const operation = String(req.headers['x-amz-target'] ?? '').replace(/^TrentService\./, '');
        if (req.method !== 'POST' || req.url !== '/' || !(operation in operations)) {
          throw new KmsError('UnknownOperationException', `Unknown operation ${operation || '(none)'}`);
        }
        calls[operation as keyof typeof calls]++;
        if (req.headers['content-type'] !== 'application/x-amz-json-1.1') throw new KmsError('SerializationException', 'Expected application/x-amz-json-1.1');
        // Not verified (the stub knows no secrets), but an unsigned request is a client bug.
        if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 Credential=')) {
          throw new KmsError('MissingAuthenticationTokenException', 'Request is missing Authentication Token');
        }
        const status = failures.shift();
        if (status !== undefined) {
          throw new KmsError(status === 503 ? 'DependencyTimeoutException' : 'KMSInternalException', `stub failure ${status}`, status);
        }
        answer(res, 200, operations[operation as keyof typeof calls](raw ? (JSON.parse(raw) as Body) : {}));
      } catch (error) {
        const e = error instanceof KmsError ? error : new KmsError('SerializationException', (error as Error).message);
        answer(res, e.status, { __type: e.type, message: e.message });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    failNext: (count, status = 500) => failures.push(...Array.from({ length: count }, () => status)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

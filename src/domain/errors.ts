/**
 * One error type for the whole app. The dotted `code` is the contract: it survives job
 * serialisation (where `instanceof` does not) and becomes the `code` of a problem+json body.
 */
export type ErrorMetadata = Record<string, string | number | boolean | null | undefined | unknown[]>;

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly options: {
      /** HTTP status when this error reaches the API's error handler. */
      status?: number;
      /** Non-sensitive details, safe for logs and API bodies. */
      metadata?: ErrorMetadata;
      cause?: unknown;
      /** A permanent fault: retrying the same input fails the same way. */
      permanent?: boolean;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
  }

  get status(): number {
    return this.options.status ?? 500;
  }

  get metadata(): ErrorMetadata {
    return this.options.metadata ?? {};
  }

  get permanent(): boolean {
    return this.options.permanent ?? (this.status >= 400 && this.status < 500);
  }

  toJSON(): { code: string; message: string; metadata: ErrorMetadata } {
    return { code: this.code, message: this.message, metadata: this.metadata };
  }
}

/** True for an AppError, or for a serialised one carrying the given code. */
export function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/** Whether retrying cannot help: an AppError marked permanent, or one serialised from a job. */
export function isPermanent(error: unknown): boolean {
  if (error instanceof AppError) return error.permanent;
  return typeof error === 'object' && error !== null && (error as { permanent?: unknown }).permanent === true;
}

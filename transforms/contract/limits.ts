/** How large a file the pipeline takes: the Trust may set its own (the config's `limits`). */
export interface ValidationLimits {
  /** @default 268435456 (256 MiB) */
  readonly maxFileBytes: number;
  /** @default 2000000 */
  readonly maxRows: number;
}

export const DEFAULT_LIMITS: ValidationLimits = { maxFileBytes: 256 * 1024 * 1024, maxRows: 2_000_000 };

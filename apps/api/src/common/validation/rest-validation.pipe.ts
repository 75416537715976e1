import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { listProblems } from './problems';

/**
 * REST bodies and queries: whitelisted, transformed, and at most a few problems listed, so a
 * 64 KiB body of unknown keys is answered in a few hundred bytes, not in hundreds of kilobytes.
 */
export class RestValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true });
  }

  protected override flattenValidationErrors(errors: ValidationError[]): string[] {
    return listProblems(super.flattenValidationErrors(errors));
  }
}

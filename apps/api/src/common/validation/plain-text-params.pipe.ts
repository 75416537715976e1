import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { DomainError } from '../domain-error';
import { controlCharactersProblem, hasControlCharacters } from './plain-text';

/**
 * The text rule for path parameters, on every route: `GET /api/rooms/%00` is 400 `invalid`, as
 * the same name in an event payload is, instead of reaching PostgreSQL (which refuses NUL with
 * an error that would be a 500). Names without control characters go on to the route, where an
 * unknown one is 404 as before.
 */
@Injectable()
export class PlainTextParamsPipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown, { type, data }: ArgumentMetadata): unknown {
    if (type !== 'param') return value;
    const params: [string, unknown][] =
      data === undefined && typeof value === 'object' && value !== null
        ? Object.entries(value)
        : [[data ?? 'path parameter', value]];
    for (const [name, param] of params) {
      if (hasControlCharacters(param))
        throw new DomainError('invalid', controlCharactersProblem(name));
    }
    return value;
  }
}

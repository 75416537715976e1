import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { ApiError } from '@chat/contract';
import { httpStatusOf, toDomainError } from './error-mapping';

/**
 * Every REST failure leaves as `{statusCode, error, message}`: no stack, SQL or path.
 * Unknown errors are logged here and answered with a generic 500 (or 503 when the database is away).
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception);
    if (!response.headersSent) response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiError {
    if (exception instanceof HttpException) return fromHttpException(exception);
    const parserError = fromBodyParserError(exception);
    if (parserError) return parserError;
    const domain = toDomainError(exception);
    return errorBody(httpStatusOf(domain.code), domain.message);
  }
}

export function errorBody(statusCode: number, message: string | string[]): ApiError {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}

function fromHttpException(exception: HttpException): ApiError {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const message =
    typeof response === 'object' && response !== null && 'message' in response
      ? (response as { message: string | string[] }).message
      : exception.message;
  return errorBody(status, message);
}

/**
 * Express error middleware for what fails before Nest's router: the JSON body parser.
 * Without it a malformed or oversized body would not get the contract's error shape.
 */
export function bodyParserErrorHandler(
  error: unknown,
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  const body = fromBodyParserError(error);
  if (!body) return next(error);
  res.status(body.statusCode).json(body);
}

/** body-parser's errors carry `type` and `status`; their messages may quote the input, so we don't. */
function fromBodyParserError(exception: unknown): ApiError | undefined {
  const { type, status } = (exception ?? {}) as { type?: unknown; status?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number') return undefined;
  switch (type) {
    case 'entity.too.large':
      return errorBody(413, 'request body is larger than 64 KiB');
    case 'entity.parse.failed':
      return errorBody(400, 'request body is not valid JSON');
    default:
      return errorBody(status, 'request body could not be read');
  }
}

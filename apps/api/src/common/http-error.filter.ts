import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { ApiError } from '@chat/contract';
import { apiErrorBody, apiErrorOf, toDomainError } from './error-mapping';

/**
 * Every REST failure leaves as `{statusCode, error, code, message}`: no stack, SQL or path.
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
    return fromBodyParserError(exception) ?? apiErrorOf(toDomainError(exception));
  }
}

function fromHttpException(exception: HttpException): ApiError {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const message =
    typeof response === 'object' && response !== null && 'message' in response
      ? (response as { message: string | string[] }).message
      : exception.message;
  return apiErrorBody(status, message);
}

/**
 * Express error middleware for what fails before Nest's router: the JSON body parser.
 * Without it a malformed, oversized or wrongly encoded body would not get the error shape.
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

interface HttpError {
  status: number;
  expose: boolean;
  type?: unknown;
}

/** body-parser's failures are http-errors (`status`, `expose`), some with a `type`. */
function isClientHttpError(error: unknown): error is HttpError {
  if (!(error instanceof Error)) return false;
  const { status, expose } = error as Partial<HttpError>;
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true;
}

/**
 * The body parser's messages may quote the input (or a zlib error text), so each kind gets a
 * fixed sentence. A `content-encoding: gzip` body that is not gzip arrives as a bare 400.
 */
function fromBodyParserError(exception: unknown): ApiError | undefined {
  if (!isClientHttpError(exception)) return undefined;
  switch (exception.type) {
    case 'entity.too.large':
      return apiErrorBody(413, 'request body is larger than 64 KiB');
    case 'entity.parse.failed':
      return apiErrorBody(400, 'request body is not valid JSON');
    case 'encoding.unsupported':
      return apiErrorBody(415, 'content-encoding must be gzip, deflate, br or identity');
    case 'charset.unsupported':
      return apiErrorBody(415, 'request body charset must be UTF-8');
    default:
      return apiErrorBody(
        exception.status,
        exception.status === 400
          ? 'request body could not be read: broken encoding or incomplete'
          : 'request body could not be read',
      );
  }
}

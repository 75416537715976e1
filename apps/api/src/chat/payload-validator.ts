import { Injectable, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import {
  getMetadataStorage,
  validateSync,
  ValidationTypes,
  type ValidationArguments,
  type ValidationError,
  type ValidatorConstraintInterface,
} from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { DomainError } from '../common/domain-error';
import { listProblems } from '../common/validation/problems';
import { trimmedProperties } from '../common/validation/trimmed';

/** A DTO class: class-validator decorators on its properties, no constructor arguments. */
export type PayloadClass<T extends object = object> = new () => T;

type Message = ValidationMetadata['message'];

interface Check {
  /** The key class-validator files the problem under (one problem per key and property). */
  key: string;
  constraint: ValidatorConstraintInterface;
  constraints: unknown[];
  message: Message | undefined;
  validateIf?: (object: object, value: unknown) => boolean;
}

interface Field {
  name: string;
  trimmed: boolean;
  /** @IsOptional and @ValidateIf: the field is checked only when all of them say so. */
  conditions: ((object: object, value: unknown) => boolean)[];
  checks: Check[];
}

/** How a class's payloads are judged: its fields, read once from class-validator's metadata. */
type Plan = { fields: Field[]; known: ReadonlySet<string> } | null;

/**
 * A JSON object, as Socket.IO's parser builds one. Refused before validation: arrays, and the
 * binary attachments (Buffers, typed arrays) and other class instances a client can send, whose
 * every index or field would otherwise come back as "property N should not exist".
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Judges event payloads by their DTO class, with class-validator's own rules, messages and
 * order of problems, as Nest's ValidationPipe (whitelist, forbidNonWhitelisted, transform)
 * would — but without its class-transformer round trip and without class-validator walking
 * its whole metadata store on every call: the class's rules are gathered once, then each
 * payload is one pass over its fields. A class using what this pass does not do (nested DTOs,
 * `each`, async rules) is judged by class-transformer and class-validator themselves.
 */
export class PayloadValidator<T extends object> {
  private static readonly plans = new WeakMap<PayloadClass, Plan>();

  private readonly plan: Plan;

  private constructor(private readonly type: PayloadClass<T>) {
    let plan = PayloadValidator.plans.get(type);
    if (plan === undefined) {
      plan = planOf(type);
      PayloadValidator.plans.set(type, plan);
    }
    this.plan = plan;
  }

  static for<T extends object>(type: PayloadClass<T>): PayloadValidator<T> {
    return new PayloadValidator(type);
  }

  /** The payload as an instance of the class (trimmed where it says so), or `invalid`. */
  validate(value: unknown): T {
    if (!isPlainObject(value)) throw new DomainError('invalid', 'payload must be an object');
    const { result, problems } = this.plan ? this.judge(this.plan, value) : this.fallback(value);
    if (problems.length > 0) throw new DomainError('invalid', listProblems(problems).join('; '));
    return result;
  }

  private judge(plan: NonNullable<Plan>, payload: Record<string, unknown>) {
    const problems: string[] = [];
    for (const key of Object.keys(payload)) {
      if (!plan.known.has(key)) problems.push(`property ${key} should not exist`);
    }
    const result = new this.type();
    const judged = plan.fields.some((field) => field.trimmed)
      ? { ...payload, ...trimmedValues(plan.fields, payload) }
      : payload;
    for (const field of plan.fields) {
      const value = judged[field.name];
      if (Object.hasOwn(payload, field.name)) Reflect.set(result, field.name, value);
      if (field.conditions.every((applies) => applies(judged, value))) {
        const found = problemsOf(field, judged, value, this.type.name);
        if (found) problems.push(...found.values());
      }
    }
    return { result, problems };
  }

  private fallback(payload: Record<string, unknown>) {
    const result = plainToInstance(this.type, payload);
    const errors = validateSync(result, { whitelist: true, forbidNonWhitelisted: true });
    return { result, problems: flatten(errors) };
  }
}

function trimmedValues(fields: Field[], payload: Record<string, unknown>) {
  const values: Record<string, unknown> = {};
  for (const { name, trimmed } of fields) {
    const value = payload[name];
    if (trimmed && typeof value === 'string') values[name] = value.trim();
  }
  return values;
}

/** The field's problems, keyed as class-validator keys them (a later one under a key wins). */
function problemsOf(field: Field, object: object, value: unknown, targetName: string) {
  let found: Map<string, string> | undefined;
  for (const check of field.checks) {
    if (check.validateIf && !check.validateIf(object, value)) continue;
    const args: ValidationArguments = {
      targetName,
      property: field.name,
      object,
      value,
      constraints: check.constraints,
    };
    if (check.constraint.validate(value, args) !== true) {
      found ??= new Map();
      found.set(check.key, messageOf(check, args));
    }
  }
  return found;
}

/** class-validator's message for a failed check, its `$property`-style tokens filled in. */
function messageOf(check: Check, args: ValidationArguments): string {
  const message = check.message || check.constraint.defaultMessage?.(args) || '';
  let text = typeof message === 'function' ? message(args) : message;
  check.constraints.forEach((constraint, index) => {
    text = text.replace(new RegExp(`\\$constraint${index + 1}`, 'g'), constraintText(constraint));
  });
  const value: unknown = args.value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    text = text.replace(/\$value/g, String(value));
  }
  return text.replace(/\$property/g, args.property).replace(/\$target/g, args.targetName);
}

function constraintText(constraint: unknown): string {
  if (Array.isArray(constraint)) return constraint.join(', ');
  if (typeof constraint === 'symbol') return constraint.description ?? '';
  return String(constraint);
}

/** The class's fields in class-validator's order (own before inherited), or null to fall back. */
function planOf(type: PayloadClass): Plan {
  const storage = getMetadataStorage();
  const trimmed = trimmedProperties(type);
  const grouped = storage.groupByPropertyName(
    storage.getTargetValidationMetadatas(type, '', false, false),
  );
  const fields: Field[] = [];
  for (const [name, metadatas] of Object.entries(grouped)) {
    const field: Field = { name, trimmed: trimmed.has(name), conditions: [], checks: [] };
    const defined: Check[] = [];
    for (const metadata of metadatas) {
      if (metadata.type === ValidationTypes.WHITELIST) continue;
      if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) {
        // @IsOptional's and @ValidateIf's one constraint is their condition.
        const condition: unknown = metadata.constraints[0];
        if (typeof condition !== 'function') return null;
        field.conditions.push(condition as Field['conditions'][number]);
        continue;
      }
      const isDefined = metadata.type === ValidationTypes.IS_DEFINED;
      if (metadata.type !== ValidationTypes.CUSTOM_VALIDATION && !isDefined) return null;
      if (metadata.each) return null;
      for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
        if (constraint.async) return null;
        (isDefined ? defined : field.checks).push({
          key: constraint.name || metadata.type,
          constraint: constraint.instance,
          constraints: (metadata.constraints as unknown[] | undefined) ?? [],
          message: metadata.message,
          validateIf: metadata.validateIf,
        });
      }
    }
    field.checks.unshift(...defined);
    fields.push(field);
  }
  return { fields, known: new Set(Object.keys(grouped)) };
}

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}),
    ...flatten(error.children ?? []),
  ]);
}

/** A gateway parameter's pipe: the payload judged by its DTO class, `invalid` otherwise. */
@Injectable()
export class PayloadValidationPipe<T extends object> implements PipeTransform<unknown, T> {
  private readonly validator: PayloadValidator<T>;

  constructor(type: PayloadClass<T>) {
    this.validator = PayloadValidator.for(type);
  }

  transform(value: unknown): T {
    return this.validator.validate(value);
  }
}

import { Transform } from 'class-transformer';

/** Per class, the properties it declares @Trimmed (inherited ones are found on the parents). */
const TRIMMED = new WeakMap<object, Set<string>>();

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/**
 * A text field judged and kept without whitespace at both ends (message content). One decorator
 * for both validators: class-transformer's @Transform for REST bodies (Nest's ValidationPipe),
 * and a mark PayloadValidator reads for socket payloads, which skip class-transformer.
 */
export function Trimmed(): PropertyDecorator {
  const transform = Transform(trim);
  return (prototype, property) => {
    transform(prototype, property);
    if (typeof property !== 'string') return;
    const own = TRIMMED.get(prototype.constructor) ?? new Set<string>();
    own.add(property);
    TRIMMED.set(prototype.constructor, own);
  };
}

/** The @Trimmed properties of a class, its parents' included. */
export function trimmedProperties(type: abstract new (...args: never[]) => unknown): Set<string> {
  const found = new Set<string>();
  for (let current: unknown = type; typeof current === 'function';) {
    for (const property of TRIMMED.get(current) ?? []) found.add(property);
    current = Object.getPrototypeOf(current);
  }
  return found;
}

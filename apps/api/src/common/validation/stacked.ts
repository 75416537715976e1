/**
 * Several property decorators as one, applied as if they were stacked in this order above the
 * property (the lowest first, as TypeScript applies them), so class-validator lists a field's
 * problems in the order it would for the stack written out.
 */
export function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => {
    for (const decorator of [...decorators].reverse()) decorator(target, property);
  };
}

import { BadRequestException, ParseUUIDPipe, ValidationPipe, type ValidationError } from '@nestjs/common';

/** Flattens class-validator's tree into "items.3.score must be …" lines, so the message names the exact field. */
export function describeValidationErrors(errors: ValidationError[], parent = ''): Array<{ field: string; problem: string }> {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem: problem.replace(error.property, field) }));
    return [...own, ...describeValidationErrors(error.children ?? [], field)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const problems = describeValidationErrors(errors);
      return new BadRequestException({ message: problems.map((p) => p.problem), errors: problems });
    },
  });
}

/** A path id that is not a UUID is a 400 naming the parameter, never a database error. */
export const uuidParam = (name: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException(`${name} must be a UUID`) });

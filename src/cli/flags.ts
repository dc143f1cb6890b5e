import { InvalidArgumentError } from 'commander';

/** Commander argument parser for integers ≥ `min`. */
export function parseIntFlag(min = 1): (value: string) => number {
  return (value: string) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) throw new InvalidArgumentError(`expected an integer ≥ ${min}, got "${value}".`);
    return parsed;
  };
}

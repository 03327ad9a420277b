/** `galley.config.json` in the working folder: defaults for the command's options, checked against a schema as templates are. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Format, Paper, Sheet } from '../index.js';
import schema from './config.schema.json' with { type: 'json' };

/** The configuration file's name, looked for in the working folder only. */
export const CONFIG_FILE = 'galley.config.json';

/** Defaults for the options, as `galley.config.json` gives them (every key optional). */
export interface Config {
  out?: string;
  template?: string;
  formats?: Format[];
  collection?: string;
  publisher?: string;
  rights?: string;
  minPages?: number;
  pdfa?: boolean;
  cropMarks?: boolean;
  force?: boolean;
  verify?: boolean;
  jobs?: number;
  verbose?: boolean;
  port?: number;
  paper?: Paper;
  sheet?: Sheet;
}

/** A configuration file that cannot be read or does not match the schema: exit code 2. */
export class ConfigError extends Error {}

let compiled: ValidateFunction<Config> | undefined;
/** The schema's validator, compiled on first use: compiling costs about 50 ms, which `galley --version` and `--help` need not pay. */
const validator = (): ValidateFunction<Config> => (compiled ??= new Ajv({ allErrors: false, strict: false }).compile<Config>(schema));

/** Reads `galley.config.json` from `cwd`, or returns no defaults when there is none. */
export function loadConfig(cwd = process.cwd()): Config {
  const file = join(cwd, CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(`${file}: cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`${file}: not valid JSON (${(cause as Error).message})`);
  }
  const validate = validator();
  if (!validate(data)) throw new ConfigError(`${file}: ${describe(validate.errors?.[0])}`);
  return data;
}

function describe(error: ErrorObject | undefined): string {
  if (!error) return 'does not match the configuration schema';
  const field = error.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(top level)';
  if (error.keyword === 'additionalProperties') {
    const known = Object.keys(schema.properties).filter((key) => !key.startsWith('$'));
    return `unknown key "${String(error.params.additionalProperty)}" (known: ${known.join(', ')})`;
  }
  if (error.keyword === 'enum') return `${field}: must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
  return `${field}: ${error.message ?? 'is invalid'}`;
}

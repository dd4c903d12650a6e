/**
 * The vendored inputs of the codec generator (all under vendor/vega-v0.79/spec), read as plain
 * JSON. Only the parts the generator uses are typed.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SPEC_DIR = 'vendor/vega-v0.79/spec';

export const INPUT_FILES = {
  swagger: `${SPEC_DIR}/trading_data_v2.swagger.json`,
  streams: `${SPEC_DIR}/stream-definitions.json`,
  enums: `${SPEC_DIR}/enums.v0.79.json`,
  presence: `${SPEC_DIR}/proto-presence.json`,
} as const;

/** A swagger (OpenAPI 2) schema, as far as the generator reads it. */
export interface Schema {
  readonly type?: string;
  readonly format?: string;
  readonly $ref?: string;
  readonly items?: Schema;
  readonly additionalProperties?: Schema | boolean;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly enum?: readonly string[];
  readonly default?: string;
  readonly title?: string;
  readonly description?: string;
}

export interface Swagger {
  readonly definitions: Readonly<Record<string, Schema>>;
}

export interface StreamDefinitions {
  readonly unionClosureSize: number;
  readonly streams: Readonly<
    Record<string, { readonly response: string; readonly closure: readonly string[] }>
  >;
}

export interface EnumNumbers {
  /** Proto full name -> value name -> wire number. */
  readonly enums: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface PresenceFacts {
  readonly definitions: Readonly<
    Record<
      string,
      { readonly proto: string; readonly file: string; readonly presence: readonly string[] }
    >
  >;
}

export interface Inputs {
  readonly swagger: Swagger;
  readonly streams: StreamDefinitions;
  readonly enums: EnumNumbers;
  readonly presence: PresenceFacts;
}

function readJson<T>(relative: string): T {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, relative), 'utf8')) as T;
}

/** Reads the four vendored inputs. */
export function readInputs(): Inputs {
  return {
    swagger: readJson<Swagger>(INPUT_FILES.swagger),
    streams: readJson<StreamDefinitions>(INPUT_FILES.streams),
    enums: readJson<EnumNumbers>(INPUT_FILES.enums),
    presence: readJson<PresenceFacts>(INPUT_FILES.presence),
  };
}

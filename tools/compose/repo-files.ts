import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const REPO_ROOT = join(__dirname, '..', '..');

export const readRepoFile = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');
export const readRepoFileIfAny = (path: string): string | null =>
  existsSync(join(REPO_ROOT, path)) ? readRepoFile(path) : null;

export interface Healthcheck {
  test: string | string[];
}
export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  healthcheck?: Healthcheck;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
}
export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export const COMPOSE_TEXT = readRepoFile('docker-compose.yml');
export const compose = parse(COMPOSE_TEXT) as ComposeFile;

/** Names of the variables compose interpolates (`${VAR}`, `${VAR:-x}`, ...); `$${...}` is an escape. */
export function interpolatedVariables(text: string): string[] {
  const withoutComments = text.replace(/^\s*#.*$/gm, '');
  const names = [...withoutComments.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map(
    (match) => match[1] ?? '',
  );
  return [...new Set(names)].sort();
}

/** Variables an env file mentions, set or commented out (`# NAME=value` documents a default). */
export function envFileKeys(text: string): string[] {
  return [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1] ?? '');
}

export interface DockerStage {
  from: string;
  name: string | null;
  /** Each RUN instruction's commands, split on `&&`. */
  runCommands: string[];
  user: string | null;
  cmd: string | null;
}

/** Reads the stages of a Dockerfile: enough of the syntax for the instructions the tests look at. */
export function dockerStages(text: string): DockerStage[] {
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const args = Object.fromEntries(
    instructions
      .map((line) => /^ARG\s+(\w+)=(\S+)/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match): [string, string] => [match[1] ?? '', match[2] ?? '']),
  );
  const stages: DockerStage[] = [];
  for (const line of instructions) {
    const [keyword, ...rest] = line.split(/\s+/);
    const argument = rest.join(' ');
    if (keyword === 'FROM') {
      const [image = '', , name] = rest;
      const from = image.replace(/\$\{(\w+)\}/g, (_m: string, arg: string) => args[arg] ?? '');
      stages.push({ from, name: name ?? null, runCommands: [], user: null, cmd: null });
    }
    const stage = stages.at(-1);
    if (!stage) continue;
    if (keyword === 'RUN') stage.runCommands.push(...argument.split('&&').map((c) => c.trim()));
    if (keyword === 'USER') stage.user = argument;
    if (keyword === 'CMD') stage.cmd = argument;
  }
  return stages;
}

import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;

/** chmod, but a folder we may not change (a mount owned by another user) is only warned about. */
function chmodIfOwned(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch (error) {
    process.emitWarning(`could not restrict ${path}: ${(error as Error).message}`);
  }
}

/**
 * DATA_DIR and everything the API keeps in it (the embedded database, its socket folder, the
 * generated JWT key) are for the API's own OS user only: folders 0700, so no other user can even
 * look inside, whatever the modes of the files.
 */
export function ensurePrivateFolder(path: string): void {
  mkdirSync(path, { recursive: true, mode: FOLDER_MODE });
  // mkdir leaves an existing folder as it was.
  chmodIfOwned(path, FOLDER_MODE);
}

/** Folders 0700 and files 0600 under `root`, for files made with looser modes (PGlite's 0666). */
export function restrictTree(root: string): void {
  chmodIfOwned(root, FOLDER_MODE);
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) restrictTree(path);
    else if (entry.isFile()) chmodIfOwned(path, FILE_MODE);
  }
}

/** A file for the owner alone (0600). */
export function restrictFile(path: string): void {
  chmodIfOwned(path, FILE_MODE);
}

export const PRIVATE_FILE_MODE = FILE_MODE;

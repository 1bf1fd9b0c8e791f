import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The embedded database is one process's: PGlite cannot be opened twice. The server
 * holds `DATA_DIR/passerelle.lock` (its pid); a CLI command that needs the database
 * refuses to run while a live process holds it, instead of corrupting the data folder.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly pid: number,
    dataDir: string,
  ) {
    super(
      `Le dossier de données ${dataDir} est utilisé par un serveur Passerelle en cours d'exécution (processus ${pid}). ` +
        `Arrêtez le serveur avant cette commande, ou utilisez PostgreSQL (DATABASE_URL) pour travailler à plusieurs.`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: any) {
    return e.code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'passerelle.lock');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (pid && pid !== process.pid && alive(pid)) throw new DataDirLockedError(pid, dataDir);
  }
  writeFileSync(file, String(process.pid));
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      if (existsSync(file) && readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
    } catch {
      /* already gone */
    }
  };
  process.once('exit', release);
  return release;
}

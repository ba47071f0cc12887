import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { LabInputError } from '../lab-input-error.js';

export type LabDb = Database.Database;

/**
 * The native module is loaded on first use, not at import: the offline bundle and machines where it did
 * not build still run every command that does not touch the lab.
 */
let sqlite: typeof Database | undefined;

/** Load better-sqlite3, or say plainly that the lab is unavailable here and why. */
export function loadSqlite(): typeof Database {
  try {
    sqlite ??= createRequire(import.meta.url)('better-sqlite3') as typeof Database;
    return sqlite;
  } catch (error) {
    const why = (error as Error).message.split('\n')[0];
    throw new LabInputError(
      `the lab needs the native module better-sqlite3, which cannot be loaded here (${why}). Install the package with npm (npm rebuild better-sqlite3); run, plan, lint, export and report work without it.`,
    );
  }
}

function openDatabase(file: string, options?: Database.Options): LabDb {
  return new (loadSqlite())(file, options);
}

export const LAB_DB_FILE = 'lab.sqlite';
export const INITIAL_DB_FILE = 'initial.sqlite';

// SSODB keeps its own tables (ssodb_*) inside lab.sqlite so one transaction covers the whole model.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS servers (name TEXT PRIMARY KEY COLLATE NOCASE, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS registry (host TEXT NOT NULL COLLATE NOCASE, path TEXT NOT NULL COLLATE NOCASE,
  name TEXT NOT NULL COLLATE NOCASE, type TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (host, path, name));
CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY AUTOINCREMENT, host TEXT NOT NULL COLLATE NOCASE,
  time INTEGER NOT NULL, event_id INTEGER NOT NULL, level TEXT NOT NULL, source TEXT NOT NULL, message TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (host TEXT NOT NULL COLLATE NOCASE, path_key TEXT NOT NULL, path TEXT NOT NULL,
  content BLOB NOT NULL, mtime INTEGER NOT NULL, PRIMARY KEY (host, path_key));
CREATE TABLE IF NOT EXISTS backups (id INTEGER PRIMARY KEY AUTOINCREMENT, host TEXT NOT NULL, path TEXT NOT NULL,
  time INTEGER NOT NULL, msid TEXT NOT NULL, sha256 TEXT NOT NULL, verifier TEXT NOT NULL, opened INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS command_log (id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL,
  real_time INTEGER NOT NULL, host TEXT NOT NULL, kind TEXT NOT NULL, argv TEXT NOT NULL, exit_code INTEGER);
CREATE TABLE IF NOT EXISTS ssodb_global (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ssodb_apps (name TEXT PRIMARY KEY COLLATE NOCASE, description TEXT NOT NULL,
  contact TEXT NOT NULL, app_type TEXT NOT NULL, config_store INTEGER NOT NULL, enabled INTEGER NOT NULL,
  user_account TEXT NOT NULL, admin_account TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ssodb_fields (app TEXT NOT NULL COLLATE NOCASE, ordinal INTEGER NOT NULL, label TEXT NOT NULL,
  masked INTEGER NOT NULL, msid TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (app, ordinal));
CREATE TABLE IF NOT EXISTS ssodb_mappings (app TEXT NOT NULL COLLATE NOCASE, account TEXT NOT NULL COLLATE NOCASE,
  msid TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (app, account));
CREATE TABLE IF NOT EXISTS ssodb_history (id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL,
  change TEXT NOT NULL, detail TEXT NOT NULL);
`;

function configure(db: LabDb): LabDb {
  // busy_timeout first: parallel lab processes wait for each other instead of failing
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}

export function createLabDb(dir: string): LabDb {
  const db = configure(openDatabase(join(dir, LAB_DB_FILE), { timeout: 5000 }));
  db.exec(SCHEMA);
  return db;
}

export function hasLab(dir: string): boolean {
  return existsSync(join(dir, LAB_DB_FILE));
}

export function openLabDb(dir: string): LabDb {
  if (!hasLab(dir)) {
    throw new LabInputError(`no lab in ${dir}. Create one with \`sso-failover lab init --dir ${dir}\`.`);
  }
  return configure(openDatabase(join(dir, LAB_DB_FILE), { fileMustExist: true, timeout: 5000 }));
}

/** One BEGIN IMMEDIATE transaction: concurrent lab processes never interleave inside a command. */
export function inLabTransaction<T>(db: LabDb, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/** Opens the lab, runs fn, always closes. */
export function withLabDb<T>(dir: string, fn: (db: LabDb) => T): T {
  const db = openLabDb(dir);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

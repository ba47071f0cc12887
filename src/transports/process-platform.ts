/**
 * How processes are started and stopped differ between POSIX and Windows, so the platform is a value
 * the process runner takes: tests run the Windows branch on Linux with a recording stand-in for taskkill.
 */
export type ProcessPlatform = {
  os: 'posix' | 'windows';
  /** the program that stops a process tree on Windows (`taskkill /PID n /T /F`); a test passes a stand-in */
  taskkill: string;
  /** the program that sets a folder's ACL on Windows (owner-only state folder); default icacls.exe */
  icacls?: string;
};

export const POSIX_PLATFORM: ProcessPlatform = { os: 'posix', taskkill: 'taskkill' };
export const WINDOWS_PLATFORM: ProcessPlatform = {
  os: 'windows',
  taskkill: 'taskkill.exe',
  icacls: 'icacls.exe',
};

/** The platform this process runs on. */
export function detectProcessPlatform(platform: NodeJS.Platform = process.platform): ProcessPlatform {
  return platform === 'win32' ? WINDOWS_PLATFORM : POSIX_PLATFORM;
}

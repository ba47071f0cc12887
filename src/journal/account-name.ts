import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * The account name of a numeric user id, as the system's user database knows it (getent covers LDAP/SSSD
 * accounts too; /etc/passwd when getent is missing). `uid 1234` when nobody by that id exists.
 */
export function accountName(uid: number): string {
  try {
    const line = execFileSync('getent', ['passwd', String(uid)], { encoding: 'utf8', timeout: 5000 });
    const name = line.split(':')[0]?.trim();
    if (name) return name;
  } catch {
    // no getent, or no such user: fall through to the file
  }
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [name, , id] = line.split(':');
      if (name && id === String(uid)) return name;
    }
  } catch {
    // no passwd file
  }
  return `uid ${uid}`;
}

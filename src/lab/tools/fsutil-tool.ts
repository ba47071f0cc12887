import { done, type ToolContext, type ToolOutcome } from './tool-context.js';

/** The lab's volumes: every server has the same two fixed NTFS disks and a FAT32 USB stick (E:). */
const VOLUMES: Record<string, { type: string; fileSystem: string; serial: string }> = {
  'C:': { type: 'Fixed Drive', fileSystem: 'NTFS', serial: '0x6a3c1f2e' },
  'D:': { type: 'Fixed Drive', fileSystem: 'NTFS', serial: '0x1d2b44c0' },
  'E:': { type: 'Removable Drive', fileSystem: 'FAT32', serial: '0x58e1a7b3' },
};

function usage(ctx: ToolContext): ToolOutcome {
  ctx.out.line('---- FSINFO Commands Supported ----');
  ctx.out.line();
  ctx.out.line('drivetype         Query drive type for a drive');
  ctx.out.line('volumeinfo        Query volume information');
  return done(1);
}

/**
 * fsutil fsinfo volumeinfo|drivetype <X:>: whether a backup target is NTFS or removable media, the
 * only places ssoconfig -backupSecret will write (10561, 10759; reference §2.1).
 */
export function fsutilTool(ctx: ToolContext): ToolOutcome {
  const [group, verb, drive] = ctx.args;
  if (group?.toLowerCase() !== 'fsinfo' || !drive) return usage(ctx);
  if (!ctx.host.operator.elevated || !ctx.host.operator.localAdmin) {
    ctx.out.line('The FSUTIL utility requires that you have administrative privileges.');
    return done(1);
  }
  const name = drive.replace(/\\$/, '').toUpperCase();
  const volume = VOLUMES[name];
  if (verb?.toLowerCase() === 'drivetype') {
    ctx.out.line(`${name} - ${volume?.type ?? 'No such Root Directory'}`);
    return done(0);
  }
  if (verb?.toLowerCase() !== 'volumeinfo') return usage(ctx);
  if (!volume) {
    ctx.out.line('Error:  The system cannot find the path specified.');
    return done(1);
  }
  const ntfs = volume.fileSystem === 'NTFS';
  for (const line of [
    'Volume Name : ',
    `Volume Serial Number : ${volume.serial}`,
    `Max Component Length : 255`,
    `File System Name : ${volume.fileSystem}`,
    'Is ReadWrite',
    'Preserves Case of filenames',
    'Supports Unicode in filenames',
    ...(ntfs ? ["Preserves & Enforces ACL's", 'Supports Disk Quotas', 'Supports Encryption'] : []),
  ]) {
    ctx.out.line(line);
  }
  return done(0);
}

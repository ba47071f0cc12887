import { createHash } from 'node:crypto';
import { readHostFile } from '../store/lab-fs.js';
import { done, type ToolContext, type ToolOutcome } from './tool-context.js';

/** certutil -hashfile <file> SHA256: how operators record a backup's fingerprint on Windows. */
export function certutilTool(ctx: ToolContext): ToolOutcome {
  const [verb, path, algorithm = 'SHA1'] = ctx.args;
  if (verb?.toLowerCase() !== '-hashfile' || !path) {
    ctx.out.line(
      'CertUtil: -? command completed successfully. Usage: CertUtil [Options] -hashfile InFile [HashAlgorithm]',
    );
    return done(1);
  }
  const name = algorithm.toUpperCase();
  const node = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512', MD5: 'md5' }[name];
  if (!node) {
    ctx.out.line(`CertUtil: -hashfile command FAILED: 0x80090008 (-2146893816 NTE_BAD_ALGID)`);
    ctx.out.line('CertUtil: Invalid algorithm specified.');
    return done(1);
  }
  const file = readHostFile(ctx.db, ctx.host.name, path);
  if (!file) {
    ctx.out.line(`CertUtil: -hashfile command FAILED: 0x80070002 (WIN32: 2 ERROR_FILE_NOT_FOUND)`);
    ctx.out.line('CertUtil: The system cannot find the file specified.');
    return done(2);
  }
  ctx.out.line(`${name} hash of ${path}:`);
  ctx.out.line(createHash(node).update(file.content).digest('hex'));
  ctx.out.line('CertUtil: -hashfile command completed successfully.');
  return done(0);
}

import { describe, expect, it } from 'vitest';
import { decodeClixml } from '../../src/transports/decode-clixml.js';

const HEAD = '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">';
const PROGRESS =
  '<Obj S="progress" RefId="0"><TN RefId="0"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN><MS><I64 N="SourceId">1</I64><PR N="Record"><AV>Preparing modules for first use.</AV><AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj>';

describe('decodeClixml', () => {
  it('turns the error stream of a remote command back into the lines PowerShell prints', () => {
    const stderr = `${HEAD}${PROGRESS}<S S="Error">ERROR: 0xC0002A0E : The operation can only be performed on the master secret server._x000D__x000A_</S><S S="Error">    + CategoryInfo          : NotSpecified: (ERROR: 0xC0002A0E ...:String) [], RemoteException_x000D__x000A_</S><S S="Error">    + PSComputerName        : SSO02_x000D__x000A_</S></Objs>`;
    expect(decodeClixml(stderr)).toBe(
      'ERROR: 0xC0002A0E : The operation can only be performed on the master secret server.\n' +
        '    + CategoryInfo          : NotSpecified: (ERROR: 0xC0002A0E ...:String) [], RemoteException\n' +
        '    + PSComputerName        : SSO02\n',
    );
  });

  it('decodes XML entities, escaped characters and surrogate pairs, and prefixes warnings', () => {
    const stderr = `${HEAD}<S S="Warning">a &lt;b&gt; &amp; "c" _x005F_x</S><S S="Error">key _xD83D__xDD11_ C:\\SSO_x0009_tab</S></Objs>`;
    expect(decodeClixml(stderr)).toBe('WARNING: a <b> & "c" _x\nkey 🔑 C:\\SSO\ttab');
  });

  it('keeps text around the block and leaves plain stderr alone', () => {
    expect(decodeClixml(`ssh: warning\n${HEAD}<S S="Error">boom_x000A_</S></Objs>\nafter\n`)).toBe(
      'ssh: warning\nboom\nafter\n',
    );
    expect(decodeClixml('Access is denied.\r\n')).toBe('Access is denied.\r\n');
  });
});

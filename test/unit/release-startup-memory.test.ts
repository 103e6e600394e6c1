// The startup collection must not leave process.nextTick megamorphic (ADR 0020, *Where the
// collection runs*). Checked on V8's own record of nextTick's inline caches, printed by
// %DebugPrint in a child process run with --allow-natives-syntax: what the caches hold, not how
// fast anything ran.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const MODULE = new URL('../../src/cli/release-startup-memory.ts', import.meta.url).href;

// As `tessera serve` does it: nextTick warmed by startup, then the collection from a promise
// continuation after a timer (startServing runs it after `await app.ready()`), then traffic.
function childScript(collect: 'releaseStartupMemory' | 'inline'): string {
  return `
    import v8 from 'node:v8';
    import vm from 'node:vm';
    import { releaseStartupMemory } from ${JSON.stringify(MODULE)};
    const ticks = async (n) => { for (let i = 0; i < n; i++) await new Promise((resolve) => process.nextTick(resolve)); };
    await ticks(50000);
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (${JSON.stringify(collect)} === 'inline') {
      v8.setFlagsFromString('--expose-gc');
      const gc = vm.runInNewContext('gc');
      v8.setFlagsFromString('--no-expose-gc');
      gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    } else {
      await releaseStartupMemory();
    }
    await ticks(50000);
    %DebugPrint(process.nextTick);
  `;
}

/** The states of nextTick's object-literal property stores after the run. */
function tickObjectStores(collect: 'releaseStartupMemory' | 'inline'): string[] {
  const child = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', childScript(collect)], { encoding: 'utf8' });
  expect(child.status, child.stderr).toBe(0);
  return [...`${child.stdout}${child.stderr}`.matchAll(/slot #\d+ DefineKeyedOwnPropertyInLiteral (\w+)/g)].map((match) => match[1]!);
}

describe('the startup collection', () => {
  it('leaves the tick object stores of process.nextTick monomorphic', () => {
    const states = tickObjectStores('releaseStartupMemory');
    // nextTick builds its tick object with computed symbol keys: if none are found, V8's output changed.
    expect(states.length).toBeGreaterThanOrEqual(3);
    expect(states.filter((state) => state !== 'MONOMORPHIC')).toEqual([]);
  });

  it('would not, run straight from the continuation (why releaseStartupMemory defers it to a tick)', () => {
    // If this starts failing, a Node upgrade no longer needs the tick: the workaround can go.
    expect(tickObjectStores('inline')).toContain('MEGAMORPHIC');
  });
});

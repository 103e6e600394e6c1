// The startup collection must not leave process.nextTick megamorphic (ADR 0020, *Where the
// collection runs*). Checked on V8's own record of nextTick's inline caches, printed by
// %DebugPrint in a child process run with --allow-natives-syntax: what the caches hold, not how
// fast anything ran.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const MODULE = new URL('../../src/cli/release-startup-memory.ts', import.meta.url).href;

// As `tessera serve` does it: nextTick warmed by startup, then the collection from a promise
// continuation after a timer (startServing runs it after `await app.ready()`), then traffic.
// With `idle`, traffic stops and a memory-reducing collection runs from a timer, with no tick
// pending, as V8's memory reducer runs it from an idle task (its own waits 8 s; a test cannot).
// `in-tick` is releaseStartupMemory's collection without its pinned tick object.
type Scenario = { collect: 'releaseStartupMemory' | 'inline' | 'in-tick'; idle?: 'none' | 'reducing-collection' };

function childScript({ collect, idle = 'none' }: Scenario): string {
  return `
    import v8 from 'node:v8';
    import vm from 'node:vm';
    import { releaseStartupMemory } from ${JSON.stringify(MODULE)};
    const ticks = async (n) => { for (let i = 0; i < n; i++) await new Promise((resolve) => process.nextTick(resolve)); };
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc');
    v8.setFlagsFromString('--no-expose-gc');
    const reducingCollection = () => gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    await ticks(50000);
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (${JSON.stringify(collect)} === 'inline') reducingCollection();
    else if (${JSON.stringify(collect)} === 'in-tick') await new Promise((resolve) => process.nextTick(() => { reducingCollection(); resolve(); }));
    else await releaseStartupMemory();
    await ticks(50000);
    if (${JSON.stringify(idle)} === 'reducing-collection') {
      await new Promise((resolve) => setTimeout(() => { reducingCollection(); resolve(); }, 1));
      await ticks(50000);
    }
    %DebugPrint(process.nextTick);
  `;
}

/** The states of nextTick's object-literal property stores after the run. */
function tickObjectStores(scenario: Scenario): string[] {
  const child = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', childScript(scenario)], { encoding: 'utf8' });
  expect(child.status, child.stderr).toBe(0);
  return [...`${child.stdout}${child.stderr}`.matchAll(/slot #\d+ DefineKeyedOwnPropertyInLiteral (\w+)/g)].map((match) => match[1]!);
}

describe('the startup collection', () => {
  it('leaves the tick object stores of process.nextTick monomorphic', () => {
    const states = tickObjectStores({ collect: 'releaseStartupMemory' });
    // nextTick builds its tick object with computed symbol keys: if none are found, V8's output changed.
    expect(states.length).toBeGreaterThanOrEqual(3);
    expect(states.filter((state) => state !== 'MONOMORPHIC')).toEqual([]);
  });

  it('would not, run straight from the continuation (why releaseStartupMemory defers it to a tick)', () => {
    // If this starts failing, a Node upgrade no longer needs the tick: the workaround can go.
    expect(tickObjectStores({ collect: 'inline' })).toContain('MEGAMORPHIC');
  });

  it('keeps them monomorphic through a memory-reducing collection while idle (the tick object pinned)', () => {
    const states = tickObjectStores({ collect: 'releaseStartupMemory', idle: 'reducing-collection' });
    expect(states.length).toBeGreaterThanOrEqual(3);
    expect(states.filter((state) => state !== 'MONOMORPHIC')).toEqual([]);
  });

  it("would not without the pinned tick object (what V8's memory reducer did to an idle server)", () => {
    expect(tickObjectStores({ collect: 'in-tick' })).not.toContain('MEGAMORPHIC');
    expect(tickObjectStores({ collect: 'in-tick', idle: 'reducing-collection' })).toContain('MEGAMORPHIC');
  });
});

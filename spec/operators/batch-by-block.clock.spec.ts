// batchByBlock on its default scheduler, with real timers, while the system clock is set back:
// asyncScheduler reads Date.now(), and a step back must not hold a block for the step.
import { expect } from 'chai';
import { Subject, type Subscription } from 'rxjs';
import { batchByBlock, type Block } from '../../lib/operators/batch-by-block.js';

describe('batchByBlock (real timers, clock set back)', () => {
  const realNow = Date.now;
  let subscription: Subscription | undefined;
  afterEach(() => {
    Date.now = realNow;
    subscription?.unsubscribe(); // no timer left behind, even when the test failed
  });

  it('closes a quiet block within about two quiet periods when the clock is set back an hour after its last frame', async function () {
    this.timeout(5_000);
    const frames = new Subject<string>();
    const block = new Promise<Block<string>>((resolve) => {
      subscription = frames.pipe(batchByBlock({ blockTime: () => undefined, quietMs: 30 })).subscribe(resolve);
    });
    frames.next('a');
    frames.next('b');
    // An NTP step or a resumed VM: from now on the clock reads an hour earlier, and keeps running.
    Date.now = () => realNow() - 3_600_000;
    // Held for the step, the block would come an hour late, long past this test's timeout.
    expect((await block).values).to.deep.equal(['a', 'b']);
  });
});

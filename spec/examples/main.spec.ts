import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Run the main job as README says (`npm start`), through tsx directly to skip npm's own start-up. */
function runMain(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'examples/main.ts', ...args], { cwd: ROOT, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('main job (npm start)', function () {
  this.timeout(40_000);

  it('streams trades, book updates and market data through one pipeline, then closes every socket and exits 0', async () => {
    const { code, stdout, stderr } = await runMain('--seconds', '1.5');
    expect(stderr).to.equal('');
    expect(code).to.equal(0);
    expect(stdout).to.match(/^trade +\S+ \d+ @ \d+ \(SIDE_(BUY|SELL)\)$/m);
    expect(stdout).to.match(/^book +\S+ seq \d+ \(prev \d+\)/m);
    expect(stdout).to.match(/^data +\S+ bid \d+ ask \d+ mark \d+$/m);
    expect(stdout).to.contain('done: every socket closed');
  });

  it('refuses a bad market id with one line and exit code 2', async () => {
    const { code, stderr } = await runMain('--market', 'BTCUSD');
    expect(code).to.equal(2);
    expect(stderr.trim()).to.equal('--market BTCUSD is not a market id (64 lowercase hex characters)');
  });
});

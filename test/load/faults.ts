/**
 * `npm run faults`: every fault the service must survive, each with its expected outcome
 * asserted by a test — Redis restart and outage, worker SIGKILL, Bedrock 5xx/throttling/timeout/
 * nonsense, data.gov.in down, Twilio 429/500/timeout, a full disk, a malformed 50 MB upload.
 * Ends with one JSON line: {"faults":N,"passed":N}.
 */
import { startVitest } from 'vitest/node';

interface Fault {
  name: string;
  file: string;
  /** The tests that assert this fault's outcome (all of the file's when absent). */
  test?: RegExp;
}

const FAULTS: Fault[] = [
  { name: 'Redis restarted empty', file: 'test/integration/crash-recovery.test.ts', test: /Redis killed and restarted empty/ },
  { name: 'worker SIGKILL mid-turn', file: 'test/integration/crash-recovery.test.ts', test: /worker killed mid-turn/ },
  { name: 'worker SIGKILL mid-send', file: 'test/integration/crash-recovery.test.ts', test: /worker killed mid-send/ },
  { name: 'Redis down', file: 'test/integration/queue-down.test.ts' },
  { name: 'Bedrock 5xx', file: 'test/integration/copilot.test.ts', test: /first is unavailable/ },
  { name: 'Bedrock throttling', file: 'test/integration/copilot.test.ts', test: /first is throttled/ },
  { name: 'Bedrock malformed answer', file: 'test/integration/copilot.test.ts', test: /first is malformed/ },
  { name: 'Bedrock timeout', file: 'test/integration/copilot.test.ts', test: /hangs past the timeout/ },
  { name: 'data.gov.in down, slow or garbage', file: 'test/integration/market-prices.test.ts', test: /keeps serving the last good figures/ },
  { name: 'Twilio 429', file: 'test/integration/whatsapp-reliability.test.ts', test: /retries a 429/ },
  { name: 'Twilio 500 after creating', file: 'test/integration/whatsapp-reliability.test.ts', test: /5xx that did create/ },
  { name: 'Twilio 500 before creating', file: 'test/integration/whatsapp-reliability.test.ts', test: /5xx that created nothing/ },
  { name: 'Twilio timeout', file: 'test/integration/whatsapp-reliability.test.ts', test: /after a timeout/ },
  { name: 'disk full on DATA_DIR', file: 'test/faults/disk-full.fault.ts' },
  { name: 'malformed 50 MB upload', file: 'test/faults/upload.fault.ts' },
];

const files = [...new Set(FAULTS.map((f) => f.file))];
const vitest = await startVitest('test', files, {
  include: ['test/**/*.test.ts', 'test/faults/*.fault.ts'],
  watch: false,
  coverage: { enabled: false },
  reporters: ['dot'],
});

// Each fault passes when every test asserting it ran and passed.
const results = vitest.state.getFiles().flatMap((file) =>
  [...iterateTests(file.tasks)].map((task) => ({ file: file.filepath, name: task.name, state: task.result?.state })),
);
let passed = 0;
for (const fault of FAULTS) {
  const mine = results.filter((r) => r.file.endsWith(fault.file) && (!fault.test || fault.test.test(r.name)));
  const ok = mine.length > 0 && mine.every((r) => r.state === 'pass');
  if (ok) passed++;
  console.log(`${ok ? '✓' : '✗'} ${fault.name}${mine.length ? '' : ' (no test ran)'}`);
}
await vitest.close();
console.log(JSON.stringify({ faults: FAULTS.length, passed }));
process.exit(passed === FAULTS.length ? 0 : 1);

function* iterateTests(tasks: ReadonlyArray<{ type: string; name: string; result?: { state?: string }; tasks?: unknown }>): Generator<{ name: string; result?: { state?: string } }> {
  for (const task of tasks) {
    if (task.type === 'test') yield task;
    else if (Array.isArray(task.tasks)) yield* iterateTests(task.tasks);
  }
}

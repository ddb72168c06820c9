// The same workload as signalbox_engine_bench's throughput test on the npm package
// aws-local-stepfunctions (an in-memory ASL interpreter): N concurrent executions of a 50-state
// Pass chain. Prints transitions per second. Run through run_benchmarks.sh.
import { StateMachine } from 'aws-local-stepfunctions';

const executions = Number(process.argv[2] ?? 1000);
const states = 50;
const definition = { StartAt: 's0', States: {} };
for (let i = 0; i < states; ++i)
  definition.States[`s${i}`] = i + 1 < states ? { Type: 'Pass', Next: `s${i + 1}` }
                                              : { Type: 'Pass', End: true };
const machine = new StateMachine(definition);
const start = process.hrtime.bigint();
const runs = [];
for (let i = 0; i < executions; ++i)
  runs.push(machine.run({ i }).result);
await Promise.all(runs);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`aws-local-stepfunctions, ${executions} executions x ${states} states: ` +
            `${Math.round(executions * states / seconds)} transitions/s`);

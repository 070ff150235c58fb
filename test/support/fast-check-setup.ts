import fc from 'fast-check';

// Property tests run with a fixed seed so that CI is reproducible; PROPERTY_SEED=random (or another number)
// explores further in a local run, and a failure prints the seed and counterexample to replay.
if (process.env.PROPERTY_SEED !== 'random') fc.configureGlobal({ seed: Number(process.env.PROPERTY_SEED ?? 20261125) });

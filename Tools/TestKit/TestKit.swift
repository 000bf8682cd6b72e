// Tool module TestKit: driving the real daemon from outside, for the tests, the benchmark
// and the proof harnesses (not a product).
//
// Promises: a daemon process on a temporary spool and database, waited on with deadlines
// (never sleeps where a condition can be awaited), its state read through the daemon's own
// `StateFile`; the seed fixtures by path. May touch: anything under its temporary folders.

// Module Pipeline: the four stages (decode and clean, parse, tag), pure and synchronous.
//
// Promises: bytes and rules in, a `TaggedNotice` or a typed `PipelineError` out; the same
// input and rules give the same output on every path (daemon, inspect, ingest, reprocess).
// May touch: NoticeModel, and ICU (decoding), RE2 (operator regexes) and TOMLKit (rules
// text) through their shims. No GRDB, no Dispatch, no Glibc, no Foundation: no file
// system, no clock, no threads of its own (a layering test holds this).

/// The model is part of the pipeline's face: `import Pipeline` brings the value types with it.
@_exported public import NoticeModel

// Module Store: the SQLite store behind `NoticeStoring`, with its schema migrations,
// search (query syntax, bigram tokenizer, ranking), near-duplicate clusters and the
// background indexer.
//
// Promises: what `NoticeStoring` says (a batch is one durable transaction; the same text
// is never stored twice; errors are one sentence saying whether a retry may help).
// May touch: NoticeModel, GRDB and SQLite, zlib, the FTS5 ranking shim, Dispatch (the
// indexer's queue), and the file system for its own database files only. Never the
// pipeline's stages: tag order, region levels and query folding come from the model.

/// The model is part of the store's face: `import Store` brings the value types it stores with it.
@_exported public import NoticeModel

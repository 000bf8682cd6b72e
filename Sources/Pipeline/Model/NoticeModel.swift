// Module NoticeModel: what a notice is at every stage, as values.
//
// Promises: plain Sendable values (raw, clean, parsed and tagged notices, errors, the
// taxonomy's order, region levels by code) and the small text facts both the stages and
// the store rely on (character classes, byte search, SHA-256). May touch: OpenSSL's
// SHA-256 (CCrypto) and nothing else: no I/O, no clock, no threads.

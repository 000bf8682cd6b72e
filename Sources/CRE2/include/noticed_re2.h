// RE2 (libre2-dev) behind a plain-C interface: patterns compiled once, then matched in time
// linear in the text (RE2 has no backtracking; it refuses backreferences and lookaround).
//
// RE2's C++ header is not exposed to Swift; only plain C types cross this boundary.
// Patterns and texts are UTF-8 byte buffers with explicit lengths (NULs allowed).
#ifndef NOTICED_RE2_H
#define NOTICED_RE2_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A compiled pattern. Matching on one is thread-safe (RE2 methods on a const RE2 are).
typedef struct noticed_re2 noticed_re2;

/// Compiles a UTF-8 pattern (RE2 syntax, leftmost-first, errors not logged, at most `max_mem`
/// bytes for the compiled program and its DFA caches). Returns NULL on failure, with RE2's error
/// message (NUL-terminated, truncated to fit) in `error`, which holds `error_capacity` bytes.
noticed_re2 *noticed_re2_compile(const char *pattern, size_t length, int64_t max_mem, char *error,
                                 size_t error_capacity);

/// The size of the compiled forward program (RE2::ProgramSize), a measure of matching cost.
int32_t noticed_re2_program_size(const noticed_re2 *re);

/// Counts the non-overlapping matches in `text`, left to right, stopping at `limit` matches.
/// After an empty match the search resumes one UTF-8 character further on.
int64_t noticed_re2_count(const noticed_re2 *re, const char *text, size_t length, int64_t limit);

/// Frees a compiled pattern (NULL is ignored).
void noticed_re2_free(noticed_re2 *re);

#ifdef __cplusplus
}
#endif
#endif

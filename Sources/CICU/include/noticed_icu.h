// ICU (libicu-dev) behind a plain-C interface: charset detection (ucsdet),
// strict decoding and encoding (ucnv) and NFC (unorm2).
//
// ICU's own headers are not exposed to Swift: Foundation on Linux carries
// its own ICU (_FoundationICU) whose types clash with the system's, and ICU
// renames its entry points per version (ucsdet_open -> ucsdet_open_72).
// Only plain C types cross this boundary; UTF-16 is uint16_t.
#ifndef NOTICED_ICU_H
#define NOTICED_ICU_H
#include <stdint.h>

/// Runs ICU's charset detector; fills up to `max` names and confidences (0-100), best first.
/// Returns the number of matches, or -1 when ICU fails. Names are static strings owned by ICU.
int32_t noticed_detect_charsets(const char *bytes, int32_t length, const char **names,
                                int32_t *confidences, int32_t max);

/// Decodes `source` from `charset` into UTF-16, stopping at the first illegal or unmappable
/// sequence. Returns the UTF-16 length, -1 on illegal input, -2 when `capacity` is too small,
/// -3 when the charset is unknown.
int32_t noticed_decode_strict(const char *charset, const char *source, int32_t length,
                              uint16_t *dest, int32_t capacity);

/// Encodes UTF-16 into `charset`, failing on any character the charset cannot hold.
/// Returns the byte length, -1 when a character is unmappable, -2 when `capacity` is too small,
/// -3 when the charset is unknown.
int32_t noticed_encode_strict(const char *charset, const uint16_t *source, int32_t length,
                              char *dest, int32_t capacity);

/// NFC-normalizes UTF-16 text. Returns the normalized length, -2 when `capacity` is too small,
/// -1 on other failures.
int32_t noticed_nfc(const uint16_t *source, int32_t length, uint16_t *dest, int32_t capacity);
#endif

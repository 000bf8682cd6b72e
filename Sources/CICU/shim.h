// ICU (libicu-dev): charset detection (ucsdet), strict decoding (ucnv) and
// NFC (unorm2). ICU renames every entry point with its version
// (ucsdet_open -> ucsdet_open_72), which Swift cannot see through, so the
// few calls noticed needs are wrapped here in static inline functions that
// the C compiler expands with ICU's own headers.
#ifndef NOTICED_CICU_SHIM_H
#define NOTICED_CICU_SHIM_H
#include <stdint.h>
#include <string.h>
#include <unicode/ucsdet.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/unorm2.h>

/// Runs ICU's charset detector; fills up to `max` names and confidences (0-100), best first.
/// Returns the number of matches, or -1 when ICU fails.
static inline int32_t noticed_detect_charsets(const char *bytes, int32_t length,
                                              const char **names, int32_t *confidences,
                                              int32_t max) {
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *csd = ucsdet_open(&status);
    if (U_FAILURE(status)) return -1;
    ucsdet_setText(csd, bytes, length, &status);
    int32_t found = 0;
    const UCharsetMatch **matches = ucsdet_detectAll(csd, &found, &status);
    if (U_FAILURE(status)) { ucsdet_close(csd); return -1; }
    int32_t n = 0;
    for (int32_t i = 0; i < found && n < max; i++) {
        UErrorCode s = U_ZERO_ERROR;
        const char *name = ucsdet_getName(matches[i], &s);
        int32_t conf = ucsdet_getConfidence(matches[i], &s);
        if (U_FAILURE(s) || name == NULL) continue;
        names[n] = name;  // static strings owned by ICU
        confidences[n] = conf;
        n++;
    }
    ucsdet_close(csd);
    return n;
}

/// Decodes `source` from `charset` into UTF-16, stopping at the first illegal or
/// unmappable sequence. Returns the UTF-16 length, -1 on illegal input, -2 when
/// `capacity` is too small, -3 when the charset is unknown.
static inline int32_t noticed_decode_strict(const char *charset, const char *source,
                                            int32_t length, UChar *dest, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *conv = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return -3;
    ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    int32_t n = ucnv_toUChars(conv, dest, capacity, source, length, &status);
    ucnv_close(conv);
    if (status == U_BUFFER_OVERFLOW_ERROR) return -2;
    if (U_FAILURE(status)) return -1;
    return n;
}

/// Encodes UTF-16 into `charset`, failing on any character the charset cannot hold.
/// Returns the byte length, -1 when a character is unmappable, -2 when `capacity` is too small.
static inline int32_t noticed_encode_strict(const char *charset, const UChar *source,
                                            int32_t length, char *dest, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *conv = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return -3;
    ucnv_setFromUCallBack(conv, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    int32_t n = ucnv_fromUChars(conv, dest, capacity, source, length, &status);
    ucnv_close(conv);
    if (status == U_BUFFER_OVERFLOW_ERROR) return -2;
    if (U_FAILURE(status)) return -1;
    return n;
}

/// NFC-normalizes UTF-16 text. Returns the normalized length, or a negative value on failure
/// (-2: capacity too small).
static inline int32_t noticed_nfc(const UChar *source, int32_t length, UChar *dest, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) return -1;
    int32_t n = unorm2_normalize(nfc, source, length, dest, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return -2;
    if (U_FAILURE(status)) return -1;
    return n;
}
#endif

#include "noticed_icu.h"
#include <unicode/ucsdet.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/unorm2.h>

int32_t noticed_detect_charsets(const char *bytes, int32_t length, const char **names,
                                int32_t *confidences, int32_t max) {
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
        names[n] = name;
        confidences[n] = conf;
        n++;
    }
    ucsdet_close(csd);
    return n;
}

int32_t noticed_decode_strict(const char *charset, const char *source, int32_t length,
                              uint16_t *dest, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *conv = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return -3;
    ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    int32_t n = ucnv_toUChars(conv, (UChar *)dest, capacity, source, length, &status);
    ucnv_close(conv);
    if (status == U_BUFFER_OVERFLOW_ERROR) return -2;
    if (U_FAILURE(status)) return -1;
    return n;
}

int32_t noticed_encode_strict(const char *charset, const uint16_t *source, int32_t length,
                              char *dest, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *conv = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return -3;
    ucnv_setFromUCallBack(conv, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    int32_t n = ucnv_fromUChars(conv, dest, capacity, (const UChar *)source, length, &status);
    ucnv_close(conv);
    if (status == U_BUFFER_OVERFLOW_ERROR) return -2;
    if (U_FAILURE(status)) return -1;
    return n;
}

int32_t noticed_nfc(const uint16_t *source, int32_t length, uint16_t *dest, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) return -1;
    int32_t n = unorm2_normalize(nfc, (const UChar *)source, length, (UChar *)dest, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return -2;
    if (U_FAILURE(status)) return -1;
    return n;
}

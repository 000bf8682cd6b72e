#ifndef NOTICED_DOCX_H
#define NOTICED_DOCX_H
#include <stddef.h>

/// What noticed_docx_text made of a DOCX.
typedef enum {
    NOTICED_DOCX_OK = 0,
    NOTICED_DOCX_DAMAGED = 1,   ///< not a readable ZIP (truncated, corrupt entry, bad CRC)
    NOTICED_DOCX_NO_BODY = 2,   ///< a ZIP without word/document.xml
    NOTICED_DOCX_BOMB = 3,      ///< inflating went past max_inflated or max_ratio × the file's size
    NOTICED_DOCX_ENCRYPTED = 4, ///< an encrypted entry
    NOTICED_DOCX_BAD_XML = 5,   ///< word/document.xml is not well-formed XML
} noticed_docx_status;

typedef struct {
    char *text;      ///< UTF-8: a line per paragraph, cells separated by tabs; malloc'd
    size_t text_length;
    char *title;     ///< docProps/core.xml's dc:title, or NULL
    size_t inflated; ///< bytes inflated in all
} noticed_docx_result;

/// Reads a DOCX held in memory: libarchive opens the ZIP (central directory first), only
/// word/document.xml and docProps/core.xml are inflated, in chunks, stopping as soon as the
/// total passes `max_inflated` bytes or `max_ratio` times `length`; libxml2's streaming
/// reader (no network, no entity expansion, no DTD loading) takes the text of w:t runs.
noticed_docx_status noticed_docx_text(const unsigned char *data, size_t length, size_t max_inflated,
                                      size_t max_ratio, noticed_docx_result *result);

void noticed_docx_free(noticed_docx_result *result);
#endif

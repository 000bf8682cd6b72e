#ifndef NOTICED_PDF_H
#define NOTICED_PDF_H
#include <stddef.h>
#ifdef __cplusplus
extern "C" {
#endif

/// What noticed_pdf_text made of a PDF.
typedef enum {
    NOTICED_PDF_OK = 0,
    NOTICED_PDF_DAMAGED = 1,   ///< poppler could not open it (truncated, not a PDF, broken xref)
    NOTICED_PDF_LOCKED = 2,    ///< encrypted with a user password
    NOTICED_PDF_TOO_LARGE = 3, ///< over INT_MAX bytes (poppler takes an int length)
} noticed_pdf_status;

typedef struct {
    char *text;          ///< UTF-8, pages separated by form feeds; malloc'd (free with noticed_pdf_free)
    size_t text_length;
    char *title;         ///< the Info dictionary's Title, UTF-8, or NULL
    int pages;           ///< pages in the document
    int pages_read;      ///< pages whose text was taken (stops at max_pages or max_bytes)
} noticed_pdf_result;

/// Reads the text layer of the PDF in `data` with poppler (poppler-cpp), page by page in
/// reading order, at most `max_pages` pages and about `max_bytes` bytes of text.
/// poppler's own error messages are silenced. Never aborts on bad input.
noticed_pdf_status noticed_pdf_text(const unsigned char *data, size_t length, int max_pages, size_t max_bytes,
                                    noticed_pdf_result *result);

void noticed_pdf_free(noticed_pdf_result *result);

#ifdef __cplusplus
}
#endif
#endif

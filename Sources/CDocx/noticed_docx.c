#include "noticed_docx.h"

#include <archive.h>
#include <archive_entry.h>
#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *data;
    size_t length, capacity;
} buffer;

static int append(buffer *b, const char *s, size_t n) {
    if (b->length + n + 1 > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 4096;
        while (capacity < b->length + n + 1) capacity *= 2;
        char *grown = realloc(b->data, capacity);
        if (!grown) return -1;
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, s, n);
    b->length += n;
    b->data[b->length] = 0;
    return 0;
}

static void quiet(void *ctx, const char *msg, ...) {
    (void)ctx;
    (void)msg;
}

/// Inflates the current entry into `out`, counting against the shared budget.
static noticed_docx_status inflate_entry(struct archive *a, buffer *out, size_t *inflated, size_t budget) {
    char chunk[16384];
    for (;;) {
        la_ssize_t n = archive_read_data(a, chunk, sizeof chunk);
        if (n == 0) return NOTICED_DOCX_OK;
        if (n < 0) return NOTICED_DOCX_DAMAGED;
        *inflated += (size_t)n;
        if (*inflated > budget) return NOTICED_DOCX_BOMB;
        if (append(out, chunk, (size_t)n) != 0) return NOTICED_DOCX_BOMB;
    }
}

/// Element local names compared without their prefix (w:, dc:).
static int is(const xmlChar *name, const char *local) { return name && strcmp((const char *)name, local) == 0; }

static noticed_docx_status body_text(const buffer *xml, buffer *text) {
    xmlTextReaderPtr reader = xmlReaderForMemory(xml->data, (int)xml->length, "document.xml", NULL,
                                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!reader) return NOTICED_DOCX_BAD_XML;
    xmlTextReaderSetErrorHandler(reader, NULL, NULL);
    int in_text = 0, ret;
    while ((ret = xmlTextReaderRead(reader)) == 1) {
        int type = xmlTextReaderNodeType(reader);
        const xmlChar *name = xmlTextReaderConstLocalName(reader);
        if (type == XML_READER_TYPE_ELEMENT) {
            if (is(name, "t")) in_text = !xmlTextReaderIsEmptyElement(reader);
            else if (is(name, "tab")) append(text, "\t", 1);
            else if (is(name, "br") || is(name, "cr")) append(text, "\n", 1);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (is(name, "t")) in_text = 0;
            else if (is(name, "p")) append(text, "\n", 1);
            else if (is(name, "tc")) append(text, "\t", 1);
        } else if (in_text && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                               type == XML_READER_TYPE_WHITESPACE)) {
            const xmlChar *value = xmlTextReaderConstValue(reader);
            if (value) append(text, (const char *)value, strlen((const char *)value));
        }
    }
    xmlFreeTextReader(reader);
    return ret == 0 ? NOTICED_DOCX_OK : NOTICED_DOCX_BAD_XML;
}

static char *core_title(const buffer *xml) {
    xmlTextReaderPtr reader = xmlReaderForMemory(xml->data, (int)xml->length, "core.xml", NULL,
                                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!reader) return NULL;
    xmlTextReaderSetErrorHandler(reader, NULL, NULL);
    buffer title = {0};
    int in_title = 0;
    while (xmlTextReaderRead(reader) == 1) {
        int type = xmlTextReaderNodeType(reader);
        const xmlChar *name = xmlTextReaderConstLocalName(reader);
        if (type == XML_READER_TYPE_ELEMENT && is(name, "title")) in_title = !xmlTextReaderIsEmptyElement(reader);
        else if (type == XML_READER_TYPE_END_ELEMENT && is(name, "title")) in_title = 0;
        else if (in_title && type == XML_READER_TYPE_TEXT) {
            const xmlChar *value = xmlTextReaderConstValue(reader);
            if (value) append(&title, (const char *)value, strlen((const char *)value));
        }
    }
    xmlFreeTextReader(reader);
    return title.data;
}

noticed_docx_status noticed_docx_text(const unsigned char *data, size_t length, size_t max_inflated,
                                      size_t max_ratio, noticed_docx_result *result) {
    memset(result, 0, sizeof *result);
    xmlSetGenericErrorFunc(NULL, quiet);
    size_t budget = max_inflated;
    if (length < budget / (max_ratio ? max_ratio : 1)) budget = length * max_ratio;
    if (budget < 65536) budget = 65536; // a tiny DOCX may still inflate to a few pages
    struct archive *a = archive_read_new();
    if (!a) return NOTICED_DOCX_DAMAGED;
    archive_read_support_format_zip_seekable(a);
    noticed_docx_status status = NOTICED_DOCX_NO_BODY;
    buffer body = {0}, core = {0};
    if (archive_read_open_memory(a, data, length) != ARCHIVE_OK) {
        status = NOTICED_DOCX_DAMAGED;
    } else {
        struct archive_entry *entry;
        int found = 0, r = ARCHIVE_OK;
        while (status != NOTICED_DOCX_BOMB && (r = archive_read_next_header(a, &entry)) == ARCHIVE_OK) {
            const char *path = archive_entry_pathname(entry);
            if (!path) continue;
            buffer *into = strcmp(path, "word/document.xml") == 0 ? &body
                           : strcmp(path, "docProps/core.xml") == 0 ? &core
                                                                     : NULL;
            if (!into || into->data) continue;
            if (archive_entry_is_encrypted(entry)) {
                status = NOTICED_DOCX_ENCRYPTED;
                break;
            }
            noticed_docx_status s = inflate_entry(a, into, &result->inflated, budget);
            if (s != NOTICED_DOCX_OK) {
                status = s;
                break;
            }
            if (into == &body) found = 1;
        }
        if (status == NOTICED_DOCX_NO_BODY && r != ARCHIVE_EOF && r != ARCHIVE_OK && !found) status = NOTICED_DOCX_DAMAGED;
        if (status == NOTICED_DOCX_NO_BODY && found) {
            buffer text = {0};
            status = body_text(&body, &text);
            if (status == NOTICED_DOCX_OK) {
                result->text = text.data ? text.data : calloc(1, 1);
                result->text_length = text.length;
                if (core.data) result->title = core_title(&core);
            } else {
                free(text.data);
            }
        }
    }
    free(body.data);
    free(core.data);
    archive_read_free(a);
    return status;
}

void noticed_docx_free(noticed_docx_result *result) {
    free(result->text);
    free(result->title);
    result->text = NULL;
    result->title = NULL;
}

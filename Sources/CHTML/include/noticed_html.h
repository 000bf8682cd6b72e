// libxml2's HTML parser behind a plain-C face: its headers include ICU's, which clash with
// the ICU that Foundation bundles, so Swift sees only these opaque handles.
#ifndef NOTICED_HTML_H
#define NOTICED_HTML_H

#include <stddef.h>

enum { NOTICED_NODE_ELEMENT = 1, NOTICED_NODE_TEXT = 3, NOTICED_NODE_CDATA = 4, NOTICED_NODE_COMMENT = 8 };

/// Parses UTF-8 markup with recovery, no network and no diagnostics; NULL if nothing parsed.
void *noticed_html_parse(const char *bytes, int length);
void noticed_html_free(void *document);

/// The document's first child node (the doctype, a comment, or <html>), or NULL.
void *noticed_html_first(void *document);
void *noticed_node_children(void *node);
void *noticed_node_next(void *node);
void *noticed_node_parent(void *node);
int noticed_node_type(void *node);
/// The element's name (UTF-8, owned by the document), or NULL.
const char *noticed_node_name(void *node);
/// A text or comment node's content (UTF-8, owned by the document), or NULL.
const char *noticed_node_content(void *node);

void *noticed_node_attributes(void *node);
void *noticed_attribute_next(void *attribute);
const char *noticed_attribute_name(void *attribute);
/// The attribute's value, owned by the document, or NULL when it is not a single text.
const char *noticed_attribute_value(void *attribute);

#endif

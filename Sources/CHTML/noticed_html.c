#include "noticed_html.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pthread.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void silent(void *context, xmlErrorPtr error) {
    (void)context;
    (void)error;
}

static void initialize(void) { xmlInitParser(); }

void *noticed_html_parse(const char *bytes, int length) {
    pthread_once(&once, initialize);
    // libxml2 keeps its error handler per thread: silence it on the thread that parses.
    xmlSetStructuredErrorFunc(NULL, silent);
    // XML_PARSE_HUGE (the HTML parser honours it) lifts libxml2's nesting limit of 256, past which it drops the rest of the
    // page (Word-pasted pages nest deep); its HTML parser keeps open elements on a heap stack,
    // so depth costs memory, not C stack (a page nested 100,000 deep is a fault-table row).
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                  HTML_PARSE_COMPACT | XML_PARSE_HUGE;
    return htmlReadMemory(bytes, length, NULL, "UTF-8", options);
}

void noticed_html_free(void *document) {
    if (document) xmlFreeDoc((xmlDocPtr)document);
}

void *noticed_html_first(void *document) { return document ? ((xmlDocPtr)document)->children : NULL; }
void *noticed_node_children(void *node) { return ((xmlNodePtr)node)->children; }
void *noticed_node_next(void *node) { return ((xmlNodePtr)node)->next; }
void *noticed_node_parent(void *node) { return ((xmlNodePtr)node)->parent; }
int noticed_node_type(void *node) { return (int)((xmlNodePtr)node)->type; }
const char *noticed_node_name(void *node) { return (const char *)((xmlNodePtr)node)->name; }
const char *noticed_node_content(void *node) { return (const char *)((xmlNodePtr)node)->content; }

void *noticed_node_attributes(void *node) {
    xmlNodePtr n = (xmlNodePtr)node;
    return n->type == XML_ELEMENT_NODE ? n->properties : NULL;
}
void *noticed_attribute_next(void *attribute) { return ((xmlAttrPtr)attribute)->next; }
const char *noticed_attribute_name(void *attribute) { return (const char *)((xmlAttrPtr)attribute)->name; }
const char *noticed_attribute_value(void *attribute) {
    xmlNodePtr child = ((xmlAttrPtr)attribute)->children;
    if (child == NULL) return "";
    if (child->next != NULL || child->type != XML_TEXT_NODE) return NULL;
    return (const char *)child->content;
}

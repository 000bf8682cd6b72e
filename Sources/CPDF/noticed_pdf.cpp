#include "noticed_pdf.h"

#include <climits>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>
#include <string>

namespace {
void quiet(const std::string &, void *) {}

char *copy(const std::string &s) {
    char *out = static_cast<char *>(std::malloc(s.size() + 1));
    if (out) {
        std::memcpy(out, s.data(), s.size());
        out[s.size()] = 0;
    }
    return out;
}

std::string utf8(const poppler::ustring &u) {
    poppler::byte_array bytes = u.to_utf8();
    return std::string(bytes.begin(), bytes.end());
}
} // namespace

extern "C" noticed_pdf_status noticed_pdf_text(const unsigned char *data, size_t length, int max_pages,
                                               size_t max_bytes, noticed_pdf_result *result) {
    static std::once_flag silenced;
    std::call_once(silenced, [] { poppler::set_debug_error_function(quiet, nullptr); });
    std::memset(result, 0, sizeof *result);
    if (length > INT_MAX) return NOTICED_PDF_TOO_LARGE;
    try {
        std::unique_ptr<poppler::document> doc(
            poppler::document::load_from_raw_data(reinterpret_cast<const char *>(data), static_cast<int>(length)));
        if (!doc) return NOTICED_PDF_DAMAGED;
        if (doc->is_locked()) return NOTICED_PDF_LOCKED;
        result->pages = doc->pages();
        std::string title = utf8(doc->get_title());
        if (!title.empty()) result->title = copy(title);
        std::string text;
        for (int i = 0; i < result->pages && i < max_pages && text.size() < max_bytes; i++) {
            std::unique_ptr<poppler::page> page(doc->create_page(i));
            if (!page) continue;
            text += utf8(page->text(poppler::rectf(), poppler::page::raw_order_layout));
            text += '\f';
            result->pages_read = i + 1;
        }
        result->text = copy(text);
        result->text_length = text.size();
        return NOTICED_PDF_OK;
    } catch (...) {
        noticed_pdf_free(result);
        return NOTICED_PDF_DAMAGED;
    }
}

extern "C" void noticed_pdf_free(noticed_pdf_result *result) {
    std::free(result->text);
    std::free(result->title);
    result->text = nullptr;
    result->title = nullptr;
}

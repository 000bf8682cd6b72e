#include "noticed_re2.h"

#include <re2/re2.h>

#include <cstring>
#include <string>

struct noticed_re2 {
    re2::RE2 re;
    noticed_re2(const re2::StringPiece &pattern, const re2::RE2::Options &options) : re(pattern, options) {}
};

extern "C" noticed_re2 *noticed_re2_compile(const char *pattern, size_t length, int64_t max_mem, char *error,
                                            size_t error_capacity) {
    re2::RE2::Options options;
    options.set_encoding(re2::RE2::Options::EncodingUTF8);
    options.set_log_errors(false);
    options.set_longest_match(false);
    options.set_max_mem(max_mem);
    auto *compiled = new noticed_re2(re2::StringPiece(pattern, length), options);
    if (compiled->re.ok()) return compiled;
    if (error != nullptr && error_capacity > 0) {
        const std::string &message = compiled->re.error();
        size_t n = message.size() < error_capacity - 1 ? message.size() : error_capacity - 1;
        std::memcpy(error, message.data(), n);
        error[n] = '\0';
    }
    delete compiled;
    return nullptr;
}

extern "C" int32_t noticed_re2_program_size(const noticed_re2 *re) { return re->re.ProgramSize(); }

// The length of the UTF-8 character starting at `p` (1 for a stray or truncated byte).
static size_t utf8_length(const unsigned char *p, const unsigned char *end) {
    size_t n = 1;
    if (*p >= 0xF0) n = 4;
    else if (*p >= 0xE0) n = 3;
    else if (*p >= 0xC0) n = 2;
    return p + n <= end ? n : 1;
}

extern "C" int64_t noticed_re2_count(const noticed_re2 *re, const char *text, size_t length, int64_t limit) {
    re2::StringPiece all(text, length);
    re2::StringPiece match;
    size_t position = 0;
    int64_t count = 0;
    while (count < limit && position <= length) {
        if (!re->re.Match(all, position, length, re2::RE2::UNANCHORED, &match, 1)) break;
        count += 1;
        size_t start = static_cast<size_t>(match.data() - text);
        size_t end = start + match.size();
        if (match.empty()) {
            if (end >= length) break;
            end += utf8_length(reinterpret_cast<const unsigned char *>(text) + end,
                               reinterpret_cast<const unsigned char *>(text) + length);
        }
        position = end;
    }
    return count;
}

extern "C" void noticed_re2_free(noticed_re2 *re) { delete re; }

internal import Store

/// A search as an Atom 1.0 feed (RFC 4287) of its newest matches, so an analyst can subscribe
/// to a saved search in any feed reader. Every stored string is XML-escaped.
enum AtomFeed {
    static func xml(hits: [SearchHit], title: String, selfLink: String, base: String, updated: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        out += "<title>\(HTMLText.escape(title))</title>\n"
        out += "<id>\(HTMLText.escape(base + selfLink))</id>\n"
        out += "<link rel=\"self\" href=\"\(HTMLText.escape(base + selfLink))\"/>\n"
        out += "<updated>\(updated)</updated>\n<author><name>noticed</name></author>\n"
        for hit in hits {
            let link = base + "/documents/\(hit.id)"
            out += "<entry>\n<title>\(HTMLText.escape(hit.title ?? hit.file))</title>\n"
            out += "<id>\(HTMLText.escape(link))</id>\n<link href=\"\(HTMLText.escape(link))\"/>\n"
            out += "<updated>\(timestamp(hit.published) ?? updated)</updated>\n"
            if let agency = hit.agency { out += "<author><name>\(HTMLText.escape(agency))</name></author>\n" }
            for tag in hit.tags { out += "<category term=\"\(HTMLText.escape(tag))\"/>\n" }
            out += "<summary>\(HTMLText.escape(hit.snippet))</summary>\n</entry>\n"
        }
        return out + "</feed>\n"
    }

    /// `2020-02-03` as an RFC 3339 time at midnight UTC; nil for anything else.
    static func timestamp(_ day: String?) -> String? {
        guard let day, day.count == 10, day.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || (48...57).contains($0) })
        else {
            return nil
        }
        return day + "T00:00:00Z"
    }
}

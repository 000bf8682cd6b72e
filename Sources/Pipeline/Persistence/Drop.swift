internal import Foundation

/// Where a file arrived, for linking a page's attachments to the page (DESIGN §8: files
/// moved in together as one folder are one drop).
///
/// Promises: `key` names the drop (the spool decides it: the file's folder, with a browser's
/// `NAME_files/` or a scraper's `附件/`, `attachments/file/` folders taken off), `name` is the
/// file's own name. The store links an attachment to a page of the same `key` that arrived
/// within ``window`` of it, never across drops, never to a page of another key.
public struct Drop: Sendable, Hashable {
    public var key: String
    public var name: String

    /// How far apart in time two files of one drop may arrive and still be linked: files
    /// moved in together arrive together, and a collection folder reused months later is
    /// another drop.
    public static let window: Double = 3600

    public init(key: String, name: String) {
        self.key = key
        self.name = name
    }

    /// Whether `attachment` (a page's link, `{name, href}`) names the file `name`: the same
    /// last path component as the href, or link text that holds the file's stem (sites write
    /// `附件1：…汇总表.xls` for a file saved as `…汇总表.xls`), or the other way round, for stems
    /// of four characters or more.
    public static func names(_ attachment: PageInfo.Attachment, file name: String) -> Bool {
        let file = Self.stem(name)
        guard !file.isEmpty else { return false }
        if !attachment.href.hasSuffix("/"), Self.stem(String(attachment.href.split(separator: "/").last ?? "")) == file
        {
            return true
        }
        // By the text: four characters at least, so `表.xls` does not name every form.
        let text = Self.stem(attachment.name)
        guard text.count >= 4, file.count >= 4 else { return text == file && !text.isEmpty }
        return text.contains(file) || file.contains(text)
    }

    /// The links of a page whose files did not arrive with it: those no file in `files` (paths
    /// or names of the page's stored attachments) answers to.
    public static func missing(_ links: [PageInfo.Attachment], among files: [String]) -> [PageInfo.Attachment] {
        let names = files.map { ($0 as NSString).lastPathComponent }
        return links.filter { link in !names.contains { Self.names(link, file: $0) } }
    }

    /// A file name without its extension (and without a query string).
    static func stem(_ name: String) -> String {
        var n = Substring(name.split(separator: "?").first ?? "")
        if let dot = n.lastIndex(of: "."), n.distance(from: dot, to: n.endIndex) <= 6 { n = n[..<dot] }
        return String(n)
    }

    /// The title a page's link gives its attachment: the link text without the file's
    /// extension and without the `附件2：` / `1.` label in front
    /// (`附件2：平潭第一中学油印室耗材参数及数量.docx` → `平潭第一中学油印室耗材参数及数量`).
    public static func title(from attachment: PageInfo.Attachment) -> String? {
        var t = Substring(Self.stem(attachment.name))
        if t.hasPrefix("附件") {
            t = t.dropFirst(2)
            t = t.drop { $0.isNumber || $0 == " " }
            t = t.drop { "：:、.．-".contains($0) }
        }
        if let first = t.first, first.isNumber {
            let rest = t.drop { $0.isNumber }
            if let mark = rest.first, "、.．".contains(mark) { t = rest.dropFirst() }
        }
        let title = t.trimmingCharacters(in: " \t")
        return title.unicodeScalars.contains { CharacterClass.isHanzi($0.value) } ? title : nil
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}

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
    /// `附件1：…汇总表.xls` for a file saved as `…汇总表.xls`), or the other way round.
    public static func names(_ attachment: PageInfo.Attachment, file name: String) -> Bool {
        let file = Self.stem(name)
        guard !file.isEmpty else { return false }
        let href = Self.stem(String(attachment.href.split(separator: "/").last ?? ""))
        if href == file { return true }
        let text = Self.stem(attachment.name)
        guard !text.isEmpty else { return false }
        return text.contains(file) || file.contains(text)
    }

    /// A file name without its extension (and without a query string).
    static func stem(_ name: String) -> String {
        var n = Substring(name.split(separator: "?").first ?? "")
        if let dot = n.lastIndex(of: "."), n.distance(from: dot, to: n.endIndex) <= 6 { n = n[..<dot] }
        return String(n)
    }
}

import Pipeline
import Store

extension SpoolLayout {
    /// Folder names that hold a page's attachments beside it: a browser's "save complete"
    /// (`page_files/`), scrapers' `附件/` and `attachments/file/`.
    static let attachmentFolders: Set<String> = [
        "附件", "附件下载", "attachments", "attachment", "attach", "attachfiles", "files", "file", "fj", "downloads",
    ]

    /// The drop a file in `incoming/` belongs to (DESIGN §8): its folder, with attachment
    /// folders taken off the end, so a page and the files in its `page_files/` or
    /// `附件/` share one key. Nil for a file dropped loose at the top of `incoming/`
    /// (files are one drop only when moved in as a folder).
    func drop(of relative: String) -> Drop? {
        var (folders, name) = SpoolTree.split(relative)
        guard !folders.isEmpty else { return nil }
        while let last = folders.last, folders.count > 1 || Self.isAttachmentFolder(last) {
            guard Self.isAttachmentFolder(last) else { break }
            folders.removeLast()
        }
        guard !folders.isEmpty else { return nil }
        return Drop(key: folders.joined(separator: "/"), name: name)
    }

    static func isAttachmentFolder(_ name: String) -> Bool {
        let lower = name.lowercased()
        return attachmentFolders.contains(lower) || lower.hasSuffix("_files") || lower.hasSuffix(".files")
            || lower.hasSuffix("_附件")
    }

    /// Whether a file name looks like a saved web page (what a drop's page is called).
    static func isPageName(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: ".") else { return false }
        let ext = name[name.index(after: dot)...].lowercased()
        return ["html", "htm", "shtml", "xhtml", "jsp", "asp", "aspx", "php", "mht"].contains(ext)
    }
}

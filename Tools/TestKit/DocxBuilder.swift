/// DOCX files for tests and fault rows: paragraphs of real text in WordprocessingML, a
/// `dc:title` when given, deflated by zlib into a ZIP as Word writes it.
public enum DocxBuilder {
    public static func docx(paragraphs: [String], title: String? = nil) -> [UInt8] {
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", Array(contentTypes.utf8))
        zip.add("word/document.xml", Array(document(paragraphs).utf8))
        if let title {
            zip.add(
                "docProps/core.xml",
                Array(
                    """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
                    xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\(escape(title))</dc:title></cp:coreProperties>
                    """.utf8))
        }
        return zip.archive
    }

    /// A DOCX whose document.xml inflates to `inflated` bytes of padding (a zip bomb).
    public static func bomb(inflated: Int) -> [UInt8] {
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", Array(contentTypes.utf8))
        let head = Array(document(["关于做好养老服务工作的通知"]).utf8.dropLast(0))
        zip.add("word/document.xml", head + [UInt8](repeating: 0x20, count: inflated))
        return zip.archive
    }

    static func document(_ paragraphs: [String]) -> String {
        let body = paragraphs.map { "<w:p><w:r><w:t xml:space=\"preserve\">\(escape($0))</w:t></w:r></w:p>" }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
            """
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
        """

    static func escape(_ s: String) -> String {
        s.replacingOccurrences("&", "&amp;").replacingOccurrences("<", "&lt;").replacingOccurrences(">", "&gt;")
    }
}

extension String {
    fileprivate func replacingOccurrences(_ a: String, _ b: String) -> String {
        split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }
}

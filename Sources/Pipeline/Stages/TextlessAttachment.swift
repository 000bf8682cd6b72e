/// A page's attachment whose text cannot be read (.doc, .wps, .xls, .ofd, a scan, an
/// encrypted or damaged PDF), kept as a document of its own so nothing dropped is lost.
///
/// Promises: the notice has no text and no tags; its title is the file's name without the
/// extension; its one warning says why (`no text extracted: wps`). Only the daemon's drop
/// logic makes these, for files that arrived with a page; a standalone file of such a
/// format is refused as `unsupported-format` instead.
public enum TextlessAttachment {
    /// Failures that mean "no text in it", not "broken beyond keeping" (a zip bomb, a file
    /// over the size cap and undecodable text are never kept).
    public static func applies(to error: PipelineError) -> Bool {
        [.unsupportedFormat, .damaged, .encrypted, .noHanzi].contains(error.code)
    }

    public static func notice(_ raw: RawNotice, reason: PipelineError) -> TaggedNotice {
        let format = DocumentFormat.sniff(raw.bytes)
        var quality = Quality()
        let why = reason.code == .unsupportedFormat ? "" : " (\(reason.code.rawValue))"
        quality.warnings = ["no text extracted: \(Self.label(format, file: raw.file))\(why)"]
        let clean = CleanText(
            file: raw.file, sha256: raw.sha256, byteCount: raw.bytes.count, encoding: .utf8, script: .simplified,
            text: "", simplified: "", quality: quality, metadata: SiteMetadata(), format: format)
        var parsed = ParsedNotice(clean: clean)
        let name = String(raw.file.split(separator: "/").last ?? "")
        let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
        parsed.title = stem.isEmpty ? nil : stem
        parsed.titleSource = .derived
        return TaggedNotice(parsed: parsed)
    }

    /// `wps`, `xls`, `doc`: the file's extension when it says more than the format does.
    static func label(_ format: DocumentFormat, file: String) -> String {
        guard format == .ole2 || format == .zip, let dot = file.lastIndex(of: ".") else { return format.rawValue }
        let ext = file[file.index(after: dot)...].lowercased()
        return ext.isEmpty || ext.count > 5 ? format.rawValue : ext
    }
}

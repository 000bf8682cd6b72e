/// A notice after cleaning: decoded, de-noised, normalized, in its own script and in Simplified.
///
/// Both texts have one paragraph per line and the same number of lines, line
/// *i* of one being the conversion of line *i* of the other. Everything
/// downstream (parsing, tagging, search) reads `simplified`.
public struct CleanText: Sendable, Hashable {
    public var file: String
    public var sha256: String
    public var byteCount: Int
    public var encoding: TextEncoding
    public var script: Script
    public var text: String
    public var simplified: String
    public var quality: Quality
    public var metadata: SiteMetadata
    /// What the file was: plain text, or a page whose text was read out of its markup.
    public var format: DocumentFormat
    /// What a web page said about itself (nil for plain text).
    public var page: PageInfo?

    public init(
        file: String, sha256: String, byteCount: Int, encoding: TextEncoding, script: Script,
        text: String, simplified: String, quality: Quality, metadata: SiteMetadata,
        format: DocumentFormat = .text, page: PageInfo? = nil
    ) {
        self.file = file
        self.sha256 = sha256
        self.byteCount = byteCount
        self.encoding = encoding
        self.script = script
        self.text = text
        self.simplified = simplified
        self.quality = quality
        self.metadata = metadata
        self.format = format
        self.page = page
    }

    /// The Simplified text split into its paragraphs, as scalars (what the stages scan).
    public var simplifiedLines: [[UInt32]] {
        var lines: [[UInt32]] = []
        var current: [UInt32] = []
        for scalar in simplified.unicodeScalars {
            if scalar.value == 0x0A {
                if !current.isEmpty { lines.append(current) }
                current = []
            } else {
                current.append(scalar.value)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

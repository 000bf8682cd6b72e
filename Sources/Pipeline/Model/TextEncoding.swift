/// The character encodings noticed accepts, named as `inspect` reports them.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable, Codable {
    case utf8 = "UTF-8"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case gb18030 = "GB18030"
    case big5 = "Big5"
}

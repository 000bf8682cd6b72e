internal import Mustache

/// The compiled templates (`Templates`), rendered with a page's values.
struct Pages: Sendable {
    private let library: MustacheLibrary

    init() throws {
        MustacheContentTypes.register(EscapedHTML(), named: EscapedHTML.name)
        var library = MustacheLibrary()
        for (name, text) in Templates.all {
            try library.register("{{% CONTENT_TYPE: \(EscapedHTML.name)}}" + text, named: name)
        }
        self.library = library
    }

    func render(_ name: String, _ values: Any) -> String {
        library.render(Self.prepared(values) ?? [String: Any](), withTemplate: name) ?? ""
    }

    /// `value` with its structs as dictionaries, read by reflection once: swift-mustache
    /// otherwise reflects a struct at every name it looks up, and again at every level of the
    /// context it climbs (37 % of the search page's time). Optionals unwrap (nil is left out,
    /// as Mustache treats it), arrays keep their order; values that answer Mustache's lookups
    /// themselves (`MustacheParent`) and others stay as they are.
    static func prepared(_ value: Any) -> Any? {
        if value is any MustacheParent { return value }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first else { return nil }
            return prepared(wrapped.value)
        case .struct, .class:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                if let label = child.label, let field = prepared(child.value) { fields[label] = field }
            }
            return fields
        case .collection:
            return mirror.children.compactMap { prepared($0.value) }
        default:
            return value
        }
    }
}

/// Mustache's `{{ }}` escaping by `HTMLText.escape` (the same five characters, and XML's
/// forbidden controls dropped), which passes text without them through untouched: the
/// library's own escaper rebuilds every string a Character at a time (13 % of the search
/// page's time).
struct EscapedHTML: MustacheContentType {
    static let name = "NOTICED_HTML"

    func escapeText(_ text: String) -> String {
        HTMLText.escape(text)
    }
}

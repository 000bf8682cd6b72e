internal import Mustache

/// The compiled templates (`Templates`), rendered with a page's values.
struct Pages: Sendable {
    private let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        for (name, text) in Templates.all { try library.register(text, named: name) }
        self.library = library
    }

    func render(_ name: String, _ values: Any) -> String {
        library.render(values, withTemplate: name) ?? ""
    }
}

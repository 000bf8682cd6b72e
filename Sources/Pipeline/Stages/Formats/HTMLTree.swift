private import CHTML

/// A page as libxml2's HTML parser reads it (broken real-world markup recovered the way
/// browsers recover it), flattened into an array of nodes in document order.
///
/// Promises: built without recursion, so nesting 100,000 deep costs memory, not stack;
/// every element's subtree is the range `index..<end` of `nodes`; script, style and
/// template contents are left out. The parser never touches the network (`HTML_PARSE_NONET`)
/// and reports nothing on stderr.
struct HTMLTree: Sendable {
    struct Node: Sendable {
        enum Kind: Sendable { case element, text, comment }
        var kind: Kind
        /// The element's tag name, lower case; empty for text and comments.
        var name: String
        /// Text and comment content.
        var text: String
        var attributes: [String: String]
        var parent: Int
        var depth: Int
        /// One past the last node of this node's subtree.
        var end: Int
    }

    private(set) var nodes: [Node] = []

    /// Elements whose content is not page text.
    static let opaque: Set<String> = ["script", "style", "template", "noscript", "object", "svg", "math"]

    /// Parses UTF-8 markup.
    init(utf8 bytes: [UInt8]) {
        let document: UnsafeMutableRawPointer? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                noticed_html_parse(chars.baseAddress, Int32(clamping: chars.count))
            }
        }
        guard let document else { return }
        defer { noticed_html_free(document) }
        flatten(document)
    }

    private mutating func flatten(_ document: UnsafeMutableRawPointer) {
        var open: [Int] = []  // indices of the elements whose subtree is being read
        var current = noticed_html_first(document)
        while let node = current {
            let index = nodes.count
            let parent = open.last ?? -1
            var descend = false
            switch noticed_node_type(node) {
            case Int32(NOTICED_NODE_ELEMENT):
                let name = Self.string(noticed_node_name(node)).lowercased()
                nodes.append(
                    Node(
                        kind: .element, name: name, text: "", attributes: Self.attributes(node), parent: parent,
                        depth: open.count, end: index + 1))
                descend = noticed_node_children(node) != nil && !Self.opaque.contains(name)
            case Int32(NOTICED_NODE_TEXT), Int32(NOTICED_NODE_CDATA):
                nodes.append(
                    Node(
                        kind: .text, name: "", text: Self.string(noticed_node_content(node)), attributes: [:],
                        parent: parent, depth: open.count, end: index + 1))
            case Int32(NOTICED_NODE_COMMENT):
                nodes.append(
                    Node(
                        kind: .comment, name: "", text: Self.string(noticed_node_content(node)), attributes: [:],
                        parent: parent, depth: open.count, end: index + 1))
            default:
                break
            }
            if descend {
                open.append(index)
                current = noticed_node_children(node)
                continue
            }
            // On to the next sibling; where there is none, close the subtree and go up.
            var here = node
            current = nil
            while true {
                if let next = noticed_node_next(here) {
                    current = next
                    break
                }
                guard let closed = open.popLast(), let up = noticed_node_parent(here) else { break }
                nodes[closed].end = nodes.count
                here = up
            }
        }
        while let closed = open.popLast() { nodes[closed].end = nodes.count }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    private static func attributes(_ node: UnsafeMutableRawPointer) -> [String: String] {
        var found: [String: String] = [:]
        var attribute = noticed_node_attributes(node)
        while let a = attribute {
            let name = string(noticed_attribute_name(a)).lowercased()
            if found[name] == nil, let value = noticed_attribute_value(a) { found[name] = String(cString: value) }
            attribute = noticed_attribute_next(a)
        }
        return found
    }
}

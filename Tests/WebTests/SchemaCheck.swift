import Foundation

/// A JSON value as decoded by `JSONDecoder` (booleans and numbers kept apart).
indirect enum JSON: Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSON].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSON].self))
        }
    }

    static func parse(_ text: String) throws -> JSON { try JSONDecoder().decode(JSON.self, from: Data(text.utf8)) }

    subscript(_ key: String) -> JSON? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var number: Double? { if case .number(let n) = self { n } else { nil } }
    var int: Int? { number.map { Int($0) } }
    var array: [JSON]? { if case .array(let a) = self { a } else { nil } }
    var object: [String: JSON]? { if case .object(let o) = self { o } else { nil } }
}

/// A small JSON Schema checker for the subset the OpenAPI document uses (`$ref`, `type` (one or
/// a list), `required`, `properties`, `additionalProperties`, `items`, `enum`, `minimum`,
/// `maximum`): the tests hold every API response to the document the server publishes.
struct SchemaCheck {
    let document: JSON

    /// Every way `value` breaks `schema`, as `path: reason` lines; empty when it conforms.
    func problems(_ value: JSON, _ schema: JSON, at path: String = "$") -> [String] {
        if let ref = schema["$ref"]?.string { return problems(value, resolve(ref), at: path) }
        var out: [String] = []
        if let type = schema["type"] {
            let types = type.array?.compactMap(\.string) ?? [type.string ?? ""]
            guard types.contains(where: { matches(value, $0) }) else {
                return ["\(path): \(value) is not \(types.joined(separator: " or "))"]
            }
        }
        if let allowed = schema["enum"]?.array?.compactMap(\.string), let s = value.string, !allowed.contains(s) {
            out.append("\(path): \(s) is not one of \(allowed)")
        }
        if let n = value.number {
            if let min = schema["minimum"]?.number, n < min { out.append("\(path): \(n) < \(min)") }
            if let max = schema["maximum"]?.number, n > max { out.append("\(path): \(n) > \(max)") }
        }
        if let object = value.object {
            for key in schema["required"]?.array?.compactMap(\.string) ?? [] where object[key] == nil {
                out.append("\(path): missing \(key)")
            }
            for (key, item) in object {
                if let property = schema["properties"]?[key] {
                    out += problems(item, property, at: path + "." + key)
                } else if let extra = schema["additionalProperties"], extra.object != nil {
                    out += problems(item, extra, at: path + "." + key)
                }
            }
        }
        if let array = value.array, let items = schema["items"] {
            for (i, item) in array.enumerated() { out += problems(item, items, at: "\(path)[\(i)]") }
        }
        return out
    }

    /// The schema of a path's JSON response for `status`.
    func response(_ path: String, status: String = "200") -> JSON {
        var response = document["paths"]?[path]?["get"]?["responses"]?[status] ?? .null
        if let ref = response["$ref"]?.string { response = resolve(ref) }
        return response["content"]?["application/json"]?["schema"] ?? .null
    }

    private func resolve(_ ref: String) -> JSON {
        var node = document
        for part in ref.dropFirst(2).split(separator: "/") { node = node[String(part)] ?? .null }
        return node
    }

    private func matches(_ value: JSON, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("string", .string), ("boolean", .bool), ("number", .number), ("array", .array),
            ("object", .object):
            return true
        case ("integer", .number(let n)): return n == n.rounded()
        default: return false
        }
    }
}

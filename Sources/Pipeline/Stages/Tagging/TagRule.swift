/// One topic tag and the evidence that earns it.
///
/// A tag is given when its `any` keywords and `regex` patterns together
/// match at least `minHits` times, every `all` keyword occurs, and no `none`
/// keyword does. A rule with only `all` keywords needs just those. `regex`
/// patterns are RE2 syntax, counted in linear time (see `LinearPattern`).
public struct TagRule: Sendable, Hashable {
    public var id: String
    public var name: String
    public var any: [String]
    public var all: [String]
    public var none: [String]
    public var regex: [String]
    public var minHits: Int

    public init(
        id: String, name: String, any: [String] = [], all: [String] = [], none: [String] = [],
        regex: [String] = [], minHits: Int = 1
    ) {
        self.id = id
        self.name = name
        self.any = any
        self.all = all
        self.none = none
        self.regex = regex
        self.minHits = minHits
    }
}

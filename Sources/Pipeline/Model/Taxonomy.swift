/// The built-in tag set of TAXONOMY.md, as the ids the store and the commands order tags by.
///
/// Promises: the same ids, in the same order, as the built-in rules file the tagger runs
/// (a unit test holds the two together), so the store can list a notice's tags in taxonomy
/// order without depending on the tagger. Tags of an operator's own rules sort after these.
public enum Taxonomy {
    public static let builtInTagIDs: [String] = [
        "epidemic-prevention", "vaccination", "elderly-care", "child-welfare", "social-assistance",
        "vagrant-aid", "disability-welfare", "funeral", "marriage", "community", "social-organizations",
        "social-work-volunteer", "charity", "poverty-alleviation", "supervision", "supplies", "publicity",
        "party-building", "welfare-lottery", "work-safety", "service-resumption",
    ]

    private static let rank = Dictionary(uniqueKeysWithValues: builtInTagIDs.enumerated().map { ($1, $0) })

    /// `tags` in taxonomy order; ids outside the built-in set follow, by name.
    public static func ordered(_ tags: [String]) -> [String] {
        tags.sorted { (rank[$0] ?? Int.max, $0) < (rank[$1] ?? Int.max, $1) }
    }
}

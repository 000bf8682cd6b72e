/// Where a body named without its place (`省民政厅`, `市民政局`, `我县`) is, read from the places
/// the notice names: its source line and site first, then its text.
///
/// Promises: a vote, not a guess. Every division the text names (full names, and the short forms
/// of provinces and prefectures: `杭州`, `浙江`) votes for its ancestor at the wanted level; the
/// winner needs two votes and three quarters of them. A stated source (`来源：泰安市民政局`, a
/// site name) that names a place at or below the level decides alone. Otherwise there is no
/// answer, and the parser says so in a warning.
struct RegionContext: Sendable {
    let regions: RegionDirectory

    /// The region at `level` that `stated` (source, site name) or `text` points to.
    func region(at level: AdministrativeLevel, stated: [[UInt32]], text: [[UInt32]]) -> Region? {
        for line in stated {
            for (region, _) in regions.occurrences(in: line, short: true) {
                if let ancestor = ancestor(of: region, at: level) { return ancestor }
            }
        }
        var votes: [String: Int] = [:]
        var total = 0
        for line in text {
            for (region, _) in regions.occurrences(in: line, short: level != .county) {
                guard let ancestor = ancestor(of: region, at: level) else { continue }
                votes[ancestor.code, default: 0] += 1
                total += 1
            }
        }
        guard let (code, count) = votes.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
            count >= 2, count * 4 >= total * 3
        else { return nil }
        return regions.region(code: code)
    }

    /// `region` or the division above it at `level`; a municipality (北京市) stands for its own
    /// prefecture level.
    func ancestor(of region: Region, at level: AdministrativeLevel) -> Region? {
        let own = AdministrativeLevel(regionCode: region.code)
        let order = AdministrativeLevel.allCases
        guard let have = order.firstIndex(of: own), let want = order.firstIndex(of: level), have >= want else {
            return nil
        }
        let code = region.code
        switch level {
        case .national: return nil
        case .provincial: return regions.region(code: code.prefix(2) + "0000")
        case .prefectural:
            if let prefecture = regions.region(code: code.prefix(4) + "00") { return prefecture }
            let province = regions.region(code: code.prefix(2) + "0000")
            return province.flatMap { $0.name.hasSuffix("市") ? $0 : nil }
        case .county: return region
        }
    }
}

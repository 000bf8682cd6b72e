/// The parser's kind and event-date steps: a 公文, a meeting or a report, and the day the lead
/// says the event took place. Pure.
extension Parser {
    func kind(title: [UInt32], lead: [UInt32]?, looksOfficial: Bool, hasNumber: Bool) -> DocumentKind {
        if looksOfficial
            || (!hasNumber && Self.officialKinds.contains { title.hasSuffix($0) } && title.contains(Self.about))
        {
            return .notice
        } else if title.contains(scalars("会议")) || title.contains(scalars("召开"))
            || TitleReader.meetingEnds.longest(in: title, endingAt: title.count) != nil
            || (title.last == 0x4F1A && Self.organisationsEndingInHui.longest(in: title, endingAt: title.count) == nil)
        {
            return .meeting
        } else if let lead, Self.leadConvenes(lead) {
            // A headline about what was decided, a lead saying the meeting was held.
            return .meeting
        } else if !title.isEmpty {
            return .report
        }
        return .other
    }

    /// The first date of the lead, its year from the lead or the publication date.
    func eventDate(lead: [UInt32], published: String?) -> String? {
        guard let mention = ChineseDate.mentions(in: lead).first else { return nil }
        var year = mention.year
        // `2018年春节临近，…2月7日，…`: a year the lead states before the day, when the site gives none.
        if year == nil, published == nil, let stated = Self.statedYear(lead, before: mention.range.lowerBound) {
            year = stated
        }
        if year == nil, let published, let py = Int(published.prefix(4)), let pm = Int(published.dropFirst(5).prefix(2))
        {
            year = mention.month > pm ? py - 1 : py
        }
        return DateMention(year: year, month: mention.month, day: mention.day, range: mention.range).iso()
    }
}

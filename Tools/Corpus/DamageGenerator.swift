public import Pipeline

/// Turns clean Simplified notices into scraped-looking files, and remembers what it did.
///
/// Damage, each with its own probability: conversion to Traditional (by
/// libopencc's s2t), inlined pinyin after hanzi (`開(kāi)`), punctuation
/// damage (`，`→`,,`, `、`→`,、`, `。`→`,。`, `；`→`,;`, half-width marks), U+FFFD left
/// by an earlier bad conversion (when asked for),
/// site chrome lines and SEO spam lines around the body, ragged whitespace,
/// CRLF, and every input encoding. The `Sample` says what cleaning must give
/// back and how much of each damage was done, so tests and the benchmark can
/// score precision and recall.
public struct DamageGenerator: Sendable {
    public struct Options: Sendable {
        public var traditional = 0.5
        public var pinyinRate = 0.15
        public var punctuation = 0.8
        public var boilerplate = 0.8
        public var spam = 0.3
        /// Share of hanzi followed by a decoy bracket that must survive cleaning.
        public var decoyRate = 0.005
        /// Share of hanzi a copy site had already turned into U+FFFD (an earlier bad conversion);
        /// cleaning keeps them, so they stay in the expected lines. In GB18030 each is a
        /// four-byte sequence. Off by default, so the other corpora stay as they were.
        public var replacementRate = 0.0
        public var encodings: [TextEncoding] = TextEncoding.allCases
        public init() {}
    }

    public struct Sample: Sendable {
        public var name: String
        public var bytes: [UInt8]
        public var encoding: TextEncoding
        public var traditional: Bool
        /// The Simplified body lines cleaning must produce.
        public var expectedLines: [String]
        public var pinyinInserted: Int
        public var boilerplateInserted: Int
        public var spamInserted: Int
    }

    public let options: Options
    private let s2t: OpenCCReference
    /// Taiwan-standard forms (為 rather than 爲): what Big5 pages carry, and all Big5 can hold.
    private let s2tw: OpenCCReference
    private let readings = PinyinReadings.unihan
    private let t2s = ChineseConverter.traditionalToSimplified

    public init?(options: Options = Options()) {
        guard let s2t = OpenCCReference(config: "s2t.json"), let s2tw = OpenCCReference(config: "s2tw.json") else {
            return nil
        }
        self.options = options
        self.s2t = s2t
        self.s2tw = s2tw
    }

    static let header = [
        "当前位置：首页 > 新闻中心 > 工作动态", "欢迎访问本省民政厅门户网站！", "【字体：大 中 小】 打印本页 关闭窗口",
        "您现在的位置：首页 >> 民政要闻", "来源：省民政厅 作者：佚名 时间：2020-03-01", "浏览次数：1024 发布时间：2021-05-12",
    ]
    static let footer = [
        "版权所有：省民政厅 京ICP备05027863号", "联系电话：010-58123114 邮箱：webmaster@mca.gov.cn",
        "扫一扫在手机打开当前页", "上一篇：关于做好冬季救助工作的通知 下一篇：全省养老服务工作会议召开", "分享到：微信 微博 QQ空间",
        "主办单位：省民政厅 技术支持：信息中心", "网站地图 | 联系我们 | 关于我们 | 免责声明", "地址：长安区中山路100号 邮编：050000",
    ]
    static let spamWords = [
        "麻豆传媒", "国产自拍", "偷拍视频", "午夜福利", "在线观看", "亚洲精品", "欧美日韩", "91制片厂", "果冻传媒", "天美传媒",
        "无码高清", "百家乐", "澳门葡京", "真人视讯", "体育投注", "六合彩", "看片神器", "吃瓜爆料",
    ]

    /// One damaged copy of `lines` (clean Simplified paragraphs), reproducibly from `seed`.
    public func damage(_ lines: [String], name: String, seed: UInt64) -> Sample {
        var rng = SplitMix64(seed: seed)
        let traditional = Double.random(in: 0..<1, using: &rng) < options.traditional
        var candidates = options.encodings
        if !traditional { candidates.removeAll { $0 == .big5 } }
        var encoding = candidates.randomElement(using: &rng) ?? .utf8
        // Big5 has no toned pinyin letters: such copies carry no annotations.
        let pinyinRate = encoding == .big5 ? 0 : options.pinyinRate
        // Decoys: bracketed Latin after hanzi that is not a reading of it (`（COVID-19）`,
        // `（hǎo）` after a hanzi not read hǎo). Cleaning must keep them.
        var source = lines.map { addDecoys($0, using: &rng) }
        if options.replacementRate > 0 {
            source = source.map { line in
                String(
                    String.UnicodeScalarView(
                        line.unicodeScalars.map { scalar in
                            CharacterClass.isHanzi(scalar.value)
                                && Double.random(in: 0..<1, using: &rng) < options.replacementRate
                                ? "\u{FFFD}" : scalar
                        }))
            }
        }
        var body = source
        var expected = source
        let toTraditional = encoding == .big5 ? s2tw : s2t
        if traditional {
            body = source.map(toTraditional.convert)
            expected = body.map(t2s.convert)
        }
        var pinyin = 0
        let damagePunctuation = Double.random(in: 0..<1, using: &rng) < options.punctuation
        body = body.map { line in
            var out = String.UnicodeScalarView()
            for scalar in line.unicodeScalars {
                if damagePunctuation, let replacement = Self.punctuation(scalar, using: &rng) {
                    out.append(contentsOf: replacement.unicodeScalars)
                } else {
                    out.append(scalar)
                }
                let options = readings.readings(of: scalar.value)
                if !options.isEmpty, Double.random(in: 0..<1, using: &rng) < pinyinRate {
                    out.append(contentsOf: ("(" + options.randomElement(using: &rng)! + ")").unicodeScalars)
                    pinyin += 1
                }
            }
            return String(out)
        }
        var chrome: [String] = []
        var head: [String] = []
        var tail: [String] = []
        var spam = 0
        if Double.random(in: 0..<1, using: &rng) < options.boilerplate {
            head = Array(Self.header.shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng)))
            tail = Array(Self.footer.shuffled(using: &rng).prefix(Int.random(in: 2...5, using: &rng)))
            chrome = head + tail
        }
        if Double.random(in: 0..<1, using: &rng) < options.spam {
            let words = Self.spamWords.shuffled(using: &rng).prefix(Int.random(in: 5...9, using: &rng))
            head.insert(words.joined(separator: Bool.random(using: &rng) ? "|" : ","), at: 0)
            spam = 1
        }
        if traditional {
            head = head.map(toTraditional.convert)
            tail = tail.map(toTraditional.convert)
        }
        // Ragged layout: indentation, blank lines, CRLF.
        let indents = encoding == .big5 ? ["", "  ", "　　", "\t"] : ["", "  ", "　　", "\u{00A0}\u{00A0}", "\t"]
        let indent = indents.randomElement(using: &rng)!
        let newline = Bool.random(using: &rng) ? "\n" : "\r\n"
        var text = ""
        for line in head + body.map({ indent + $0 }) + tail {
            text += line + newline
            if Int.random(in: 0..<4, using: &rng) == 0 { text += newline }
        }
        var bytes = TextEncoder.encode(text, as: encoding, bom: Bool.random(using: &rng))
        if bytes == nil {
            encoding = .gb18030
            bytes = TextEncoder.encode(text, as: .gb18030)
        }
        if bytes == nil {
            encoding = .utf8
            bytes = TextEncoder.encode(text, as: .utf8)
        }
        return Sample(
            name: name, bytes: bytes!, encoding: encoding, traditional: traditional, expectedLines: expected,
            pinyinInserted: pinyin, boilerplateInserted: chrome.count, spamInserted: spam)
    }

    static let decoys = ["COVID-19", "PPP", "APP", "2020", "hǎo", "ma", "GDP", "shì", "zhōng", "e"]

    private func addDecoys(_ line: String, using rng: inout SplitMix64) -> String {
        var out = ""
        for ch in line {
            out.append(ch)
            guard let v = ch.unicodeScalars.first?.value, ch.unicodeScalars.count == 1,
                !readings.readings(of: v).isEmpty, Double.random(in: 0..<1, using: &rng) < options.decoyRate
            else { continue }
            let decoy = Self.decoys.randomElement(using: &rng)!
            let forms = [String(ch), s2t.convert(String(ch)), s2tw.convert(String(ch))]
            if forms.contains(where: { f in f.unicodeScalars.contains { readings.isReading(decoy, of: $0.value) } }) {
                continue
            }
            out += "（" + decoy + "）"
        }
        return out
    }

    /// Scraper punctuation damage for one mark, or nil to keep it.
    static func punctuation(_ scalar: Unicode.Scalar, using rng: inout SplitMix64) -> String? {
        guard Double.random(in: 0..<1, using: &rng) < 0.7 else { return nil }
        switch scalar {
        case "，": return Bool.random(using: &rng) ? ",," : ","
        case "、": return ",、"
        case "。": return ",。"
        case "；": return Bool.random(using: &rng) ? ",；" : ",;"
        case "：": return ":"
        case "（": return "("
        case "）": return ")"
        default: return nil
        }
    }
}

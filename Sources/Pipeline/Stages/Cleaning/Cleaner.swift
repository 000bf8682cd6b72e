/// The cleaning stage: raw bytes in, a clean two-script text out.
///
/// Pure and synchronous: the same bytes always give the same `CleanText`,
/// and cleaning a cleaned text changes nothing (idempotence is a test). The
/// passes run in an order that matters: pinyin annotations go before script
/// conversion (OpenCC cannot see `乾隆` in `乾(qián)隆`), punctuation is
/// repaired before lines are classified (metadata keys need their colon),
/// and lines are classified on the Simplified text so one lexicon serves
/// both scripts. A hanzi leaves the text only inside a removed annotation or
/// a removed line.
public struct Cleaner: Sendable {
    public var decoder: Decoder
    public var readings: PinyinReadings
    public var converter: ChineseConverter
    public var detector: ScriptDetector
    public var classifier: LineClassifier

    public init(maxBytes: Int = 16 << 20) {
        decoder = Decoder(maxBytes: maxBytes)
        readings = .unihan
        converter = .traditionalToSimplified
        detector = .openCC
        classifier = .standard
    }

    /// Text after decoding and the in-line repairs, before conversion and line classification.
    public struct Prepared: Sendable {
        public var raw: RawNotice
        public var encoding: TextEncoding
        public var script: Script
        public var lines: [[UInt32]]
        public var quality: Quality
        public var format: DocumentFormat = .text
        public var page: PageInfo?
    }

    public func clean(_ raw: RawNotice) throws(PipelineError) -> CleanText {
        let prepared = try prepare(raw)
        return try finish(prepared, simplified: prepared.lines.map(converter.convert))
    }

    /// Decode, normalize, strip pinyin, repair punctuation, detect the script.
    public func prepare(_ raw: RawNotice) throws(PipelineError) -> Prepared {
        let decoded: (scalars: [UInt32], encoding: TextEncoding)
        let format = DocumentFormat.sniff(raw.bytes)
        var page: PageInfo?
        var quality = Quality()
        if !format.hasReader {
            if raw.bytes.count > decoder.maxBytes {
                throw PipelineError(
                    file: raw.file, stage: .decode, code: .tooLarge,
                    message: "the file has \(raw.bytes.count) bytes, over the limit of \(decoder.maxBytes) bytes")
            }
            throw PipelineError(
                file: raw.file, stage: .decode, code: .unsupportedFormat,
                message: "is a \(format.rawValue) file; noticed cannot read text from it")
        }
        do throws(Decoder.Failure) {
            if format == .html {
                let read = try HTMLPage.read(raw.bytes, decoder: decoder)
                decoded = (read.scalars, read.encoding)
                page = read.info
                quality.warnings += read.warnings
            } else if format == .docx || format == .pdf {
                if raw.bytes.count > decoder.maxBytes {
                    throw Decoder.Failure(
                        code: .tooLarge,
                        message: "the file has \(raw.bytes.count) bytes, over the limit of \(decoder.maxBytes) bytes")
                }
                let document = try DocumentText.read(raw.bytes, format: format)
                guard document.text.unicodeScalars.contains(where: { CharacterClass.isHanzi($0.value) }) else {
                    throw Decoder.Failure(
                        code: .unsupportedFormat,
                        message: format == .pdf
                            ? "is a pdf file without a text layer (a scan?); noticed cannot read text from it"
                            : "is a docx file without Chinese text")
                }
                decoded = (document.text.unicodeScalars.map(\.value), .utf8)
                var info = PageInfo()
                info.title = document.title
                page = info
                quality.warnings += document.warnings
            } else {
                decoded = try decoder.decode(raw.bytes)
            }
        } catch {
            throw PipelineError(file: raw.file, stage: .decode, code: error.code, message: error.message)
        }
        var controls = 0
        for v in decoded.scalars where v < 0x20 && v != 0x0A && v != 0x0D && v != 0x09 { controls += 1 }
        if controls * 20 > decoded.scalars.count {
            throw PipelineError(
                file: raw.file, stage: .decode, code: .binary,
                message: "the file looks binary (\(controls) control characters in \(decoded.scalars.count))")
        }
        let stripper = PinyinStripper(readings: readings)
        let repair = PunctuationRepair()
        let lines = Whitespace.lines(decoded.scalars).map { line in
            repair.repair(stripper.strip(line, removed: &quality.pinyinRemoved), fixed: &quality.punctuationFixed)
        }
        return Prepared(
            raw: raw, encoding: decoded.encoding, script: detector.detect(lines), lines: lines, quality: quality,
            format: format, page: page)
    }

    /// Classify the Simplified lines, drop chrome and spam from both scripts, count mojibake.
    public func finish(_ prepared: Prepared, simplified: [[UInt32]]) throws(PipelineError) -> CleanText {
        var quality = prepared.quality
        var metadata = SiteMetadata()
        var own: [[UInt32]] = []
        var kept: [[UInt32]] = []
        for (i, kind) in classifier.classify(simplified).enumerated() {
            switch kind {
            case .body:
                own.append(prepared.lines[i])
                kept.append(simplified[i])
            case .metadata:
                MetadataLine.read(simplified[i], into: &metadata)
                quality.boilerplateLines += 1
            case .boilerplate: quality.boilerplateLines += 1
            case .spam: quality.spamLines += 1
            }
        }
        guard kept.contains(where: { $0.contains(where: CharacterClass.isHanzi) }) else {
            throw PipelineError(
                file: prepared.raw.file, stage: .clean, code: .noHanzi,
                message: "no Chinese text left after cleaning (\(prepared.lines.count) lines read)")
        }
        quality.mojibake = kept.reduce(0) { $0 + Self.mojibake(in: $1) }
        if quality.mojibake > 0 {
            quality.warnings.append("\(quality.mojibake) mojibake character(s) left in place")
        }
        if prepared.script == .mixed {
            quality.warnings.append("mixed Traditional and Simplified characters")
        }
        // A page's head tags and info table say outright what its lines only suggest.
        if let page = prepared.page {
            metadata.date = page.published ?? metadata.date
            metadata.source = page.source.map(converter.convert) ?? metadata.source
        }
        return CleanText(
            file: prepared.raw.file, sha256: prepared.raw.sha256, byteCount: prepared.raw.bytes.count,
            encoding: prepared.encoding, script: prepared.script,
            text: Self.join(own), simplified: Self.join(kept), quality: quality, metadata: metadata,
            format: prepared.format, page: prepared.page)
    }

    /// U+FFFD anywhere, or a `?` beside a hanzi (punctuation repair already turned real
    /// question marks into `？`).
    static func mojibake(in line: [UInt32]) -> Int {
        var n = 0
        for (i, v) in line.enumerated() {
            if v == 0xFFFD {
                n += 1
            } else if v == 0x3F {
                let before = i > 0 && CharacterClass.isHanzi(line[i - 1])
                let after = i + 1 < line.count && CharacterClass.isHanzi(line[i + 1])
                if before || after { n += 1 }
            }
        }
        return n
    }

    static func join(_ lines: [[UInt32]]) -> String {
        var all = [UInt32]()
        all.reserveCapacity(lines.reduce(0) { $0 + $1.count + 1 })
        for (i, line) in lines.enumerated() {
            if i > 0 { all.append(0x0A) }
            all.append(contentsOf: line)
        }
        return ScalarText.string(all)
    }
}

import Pipeline
import TestKit
import Testing

/// Parsing of formal 公文 (GB/T 9704) and of news reports, on documents written for these tests.
@Suite("Parsing")
struct ParserTests {
    static let pipeline = NoticePipeline()

    static func parse(_ name: String) throws -> ParsedNotice {
        let text = Fixtures.text("official/" + name)
        return try pipeline.process(RawNotice(file: name, bytes: Array(text.utf8))).parsed
    }

    @Test("a 国发 document: masthead, wrapped title, 主送, Chinese-numeral 成文日期, release note")
    func multilineTitle() throws {
        let p = try Self.parse("guofa-multiline-title.txt")
        #expect(p.title == "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见")
        #expect(p.titleSource == .explicit)
        #expect(p.official.docNumber == "国发〔2019〕5号")
        #expect(p.agency == "国务院" && p.region == nil && p.level == .national)
        #expect(p.kind == .notice)
        #expect(p.published == "2019-01-28")
        #expect(p.official.recipients == ["各省", "自治区", "直辖市人民政府", "国务院各部委", "各直属机构"])
        #expect(p.official.signatories == ["国务院"])
        #expect(p.official.releaseNote == "（此件公开发布）")
        #expect(p.directives.count == 3)
        #expect(p.directives.first?.hasPrefix("一、总体要求") == true)
    }

    @Test("joint issuers: the lead body is the agency; ［］ brackets and 国办发明电 numbers")
    func jointIssuers() throws {
        let p = try Self.parse("joint-issuers.txt")
        #expect(p.official.docNumber == "国办发明电〔2020〕15号")
        #expect(p.agency == "国务院办公厅")
        #expect(p.level == .national)
        #expect(p.published == "2020-04-08")
        #expect(p.official.signatories == ["国务院办公厅", "中央军委办公厅"])
        #expect(p.directives.map { String($0.prefix(3)) } == ["（一）", "（二）"])
        #expect(p.eventDate == nil)
    }

    @Test("a 转发 notice names two bodies; the issuer is the first; () around the year")
    func forwarding() throws {
        let p = try Self.parse("forwarding-notice.txt")
        #expect(p.title == "陕西省民政厅关于转发民政部关于进一步做好困难群众基本生活保障工作的通知的通知")
        #expect(p.official.docNumber == "陕民发〔2021〕23号")
        #expect(p.agency == "陕西省民政厅")
        #expect(p.region?.code == "610000" && p.level == .provincial)
        #expect(p.published == "2021-03-15")
        #expect(p.official.attachments == ["民政部关于进一步做好困难群众基本生活保障工作的通知"])
        #expect(p.official.copiedTo == ["民政部社会救助司"])
        #expect(p.kind == .notice)
    }

    @Test("国令 numbers")
    func decree() throws {
        let p = try Self.parse("decree.txt")
        #expect(p.official.docNumber == "国令第707号")
        #expect(p.agency == "国务院")
        #expect(p.published == "2019-03-02")
    }

    @Test("a county report: Chinese-numeral event date, county region, derived meeting title, people")
    func countyNews() throws {
        let p = try Self.parse("county-news.txt")
        #expect(p.eventDate == "2020-03-01")
        #expect(p.agency == "西安市雁塔区民政局")
        #expect(p.region == Region(code: "610113", name: "雁塔区"))
        #expect(p.level == .county)
        #expect(p.title == "西安市雁塔区民政局召开养老服务工作推进会")
        #expect(p.titleSource == .derived)
        #expect(p.kind == .meeting)
        #expect(p.people == [Person(name: "王建国", positions: ["区民政局党组书记", "局长"])])
        #expect(p.directives.map { String($0.prefix(2)) } == ["一要", "二要", "三要"])
    }

    @Test(
        "document numbers in every bracket form",
        arguments: [
            ("民发〔2020〕12号", "民发〔2020〕12号"), ("民发［2020］12号", "民发〔2020〕12号"),
            ("民发[2020]12号", "民发〔2020〕12号"), ("民发(2020)12号", "民发〔2020〕12号"),
            ("国办发明电〔2018〕15号", "国办发明电〔2018〕15号"), ("国令第707号", "国令第707号"),
        ])
    func docNumbers(_ line: String, _ expected: String) throws {
        let text = "关于做好救助工作的通知\n\(line)\n各市民政局：\n现将有关事项通知如下，请认真贯彻执行。\n民政部\n2020年3月1日"
        let p = try Self.pipeline.process(RawNotice(file: "n.txt", bytes: Array(text.utf8))).parsed
        #expect(p.official.docNumber == expected)
    }

    @Test("dates: Arabic, Chinese numerals, no year")
    func dates() throws {
        for (lead, expected) in [
            ("2021年8月9日，省民政厅召开会议。", "2021-08-09"), ("一九九七年四月八日，民政部召开会议。", "1997-04-08"),
            ("4月10日下午，民政部召开党组会议。", "--04-10"), ("十二月三十一日，民政部召开会议。", "--12-31"),
        ] {
            let p = try Self.pipeline.process(RawNotice(file: "d.txt", bytes: Array(lead.utf8))).parsed
            #expect(p.eventDate == expected, "\(lead)")
        }
    }
}

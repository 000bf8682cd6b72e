import Testing

@testable import Pipeline

/// Shapes of formal documents and of news the real corpus showed (issue 16), each on text
/// written for the test: decrees, numbers standing alone or cited, titles run into their number,
/// short place names, bodies named without their place, site dates, rosters and attendee lists.
@Suite("formal and news shapes")
struct FormalShapesTests {
    static func parse(_ text: String) throws -> ParsedNotice {
        try NoticePipeline().process(RawNotice(file: "t.txt", bytes: Array(text.utf8))).parsed
    }

    static func s(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    @Test("a decree: the regulation's name, 国令第N号, the signature's date and the signer")
    func decree() throws {
        let p = try Self.parse(
            "中华人民共和国国务院令\n第999号\n现公布《社会救助实施条例》，自2030年1月1日起施行。\n总　理　　张三丰\n2029年12月25日\n"
                + "社会救助实施条例\n第一条　为了规范社会救助，制定本条例。\n")
        #expect(p.title == "社会救助实施条例")
        #expect(p.official.docNumber == "国令第999号")
        #expect(p.agency == "国务院" && p.level == .national)
        #expect(p.published == "2029-12-25")
        #expect(p.kind == .notice)
        #expect(p.people.first == Person(name: "张三丰", positions: ["总理"]))
        // On one line, the number in brackets, a decision named with 〈〉 inside 《》.
        let q = try Self.parse(
            "中华人民共和国国务院令（第998号）\n《国务院关于修改〈殡葬管理条例〉的决定》已经2029年3月1日国务院第9次常务会议通过，现予公布，自公布之日起施行。\n"
                + "总理 李四海\n二〇二九年三月五日\n国务院决定对《殡葬管理条例》作如下修改。\n")
        #expect(q.title == "国务院关于修改《殡葬管理条例》的决定")
        #expect(q.official.docNumber == "国令第998号")
        #expect(q.published == "2029-03-05")
        // A provincial government's promulgation printed without its header.
        let r = try Self.parse(
            "《某某省人民政府关于废止〈某某省救灾规定〉的决定》已经2029年2月1日省政府第5次常务会议通过，现予公布，自公布之日起施行。\n"
                + "省长 王五一\n2029年2月9日\n某某省人民政府关于废止《某某省救灾规定》的决定\n现决定废止下列规章。\n")
        #expect(r.title == "某某省人民政府关于废止《某某省救灾规定》的决定")
        #expect(r.published == "2029-02-09")
        #expect(r.kind == .notice)
        #expect(r.people.contains(Person(name: "王五一", positions: ["省长"])))
    }

    @Test("a 发文字号 standing alone is the document's; one cited in brackets or running text is not")
    func standaloneNumbers() {
        let reader = OfficialElementsReader()
        #expect(reader.standaloneDocNumber(in: Self.s("微信 微博 岚综管综〔2029〕63号平潭综合实验区管委会关于印发某某的通知")) == "岚综管综〔2029〕63号")
        #expect(reader.standaloneDocNumber(in: Self.s("某某县人民政府文件榕政〔2029〕4号 各乡镇：")) == "榕政〔2029〕4号")
        #expect(reader.standaloneDocNumber(in: Self.s("金政办﹝2029﹞33号")) == "金政办〔2029〕33号")
        #expect(reader.standaloneDocNumber(in: Self.s("潼民发【2029】275号")) == "潼民发〔2029〕275号")
        #expect(reader.standaloneDocNumber(in: Self.s("你省《关于某某的请示》（豫政文〔2029〕217号）收悉。")) == nil)
        #expect(reader.standaloneDocNumber(in: Self.s("根据 民发〔2029〕1号文件要求，现通知如下。")) == nil)
        #expect(reader.standaloneDocNumber(in: Self.s("发文字号国务院令第513号")) == nil)
        #expect(reader.docNumber(in: Self.s("国务院令第513号")) == "国令第513号")
    }

    @Test("a 公文 title run into its number, its recipients or a site's name ends at its kind")
    func runTogetherTitle() throws {
        #expect(
            TitleReader.officialPrefix(Self.s("国务院关于某某市环境治理的批复 国函〔2029〕1号 某某市人民政府：你们的请示收悉。"))?.asString
                == "国务院关于某某市环境治理的批复")
        #expect(TitleReader.officialPrefix(Self.s("国务院关于同意设立某某市的批复 中华文库"))?.asString == "国务院关于同意设立某某市的批复")
        #expect(TitleReader.officialPrefix(Self.s("关于印发《某某办法》的通知（2029年1号）")).map(\.asString) == "关于印发《某某办法》的通知")
        #expect(TitleReader.officialPrefix(Self.s("3月5日，市民政局召开会议，部署养老服务工作。")) == nil)
        let p = try Self.parse("国务院关于某某市环境治理的批复 国函〔2029〕1号 某某市人民政府：你们的请示收悉。现批复如下：同意。\n")
        #expect(p.title == "国务院关于某某市环境治理的批复")
        #expect(p.official.docNumber == "国函〔2029〕1号")
    }

    @Test("a site's title without its issuer takes the issuer the document prints before it")
    func issuerPrefixedTitle() throws {
        let p = try Self.parse(
            "标题: 关于调整低保标准的通知\n发布时间: 2029-03-20 10:14\n"
                + "渠民发〔2029〕7号平潭综合实验区管委会关于调整低保标准的通知各乡镇：现将城乡低保标准调整如下，请遵照执行。\n")
        #expect(p.title == "平潭综合实验区管委会关于调整低保标准的通知")
        #expect(p.agency == "平潭综合实验区管委会")
        #expect(p.region?.code == "350128")
    }

    @Test("GB/T 2260 short forms name a region only where a body follows them")
    func shortForms() {
        let regions = RegionDirectory.gbt2260
        #expect(RegionDirectory.shortForms(of: Region(code: "620525", name: "张家川回族自治县")) == ["张家川县", "张家川"])
        #expect(RegionDirectory.shortForms(of: Region(code: "450000", name: "广西壮族自治区")) == ["广西"])
        #expect(RegionDirectory.shortForms(of: Region(code: "610100", name: "西安市")) == ["西安"])
        #expect(RegionDirectory.shortForms(of: Region(code: "621221", name: "成县")).isEmpty)
        let finder = AgencyFinder(regions: regions)
        let county = finder.find(in: Self.s("张家川县民政局召开会议")).first
        #expect(county?.name == "张家川县民政局" && county?.region?.code == "620525" && county?.level == .county)
        // A two-character county after a hanzi is the end of a word, not a place.
        #expect(finder.find(in: Self.s("组织完成县民政局交办的任务")).isEmpty)
        // A short form with no body's ending after it is not a body.
        #expect(finder.find(in: Self.s("开通绿色通道服务站")).isEmpty)
        // 部门 is a word: 各地民政部门 names no ministry.
        #expect(finder.find(in: Self.s("各地民政部门要加强养老服务")).isEmpty)
        #expect(finder.find(in: Self.s("民政部印发通知")).map(\.name) == ["民政部"])
    }

    @Test("the body that acts, not a higher body the headline or lead mentions")
    func actor() {
        let finder = AgencyFinder(regions: .gbt2260)
        #expect(finder.actor(in: Self.s("省民政厅召开党组会议传达贯彻全国两会和民政部有关会议精神"))?.name == "省民政厅")
        #expect(
            finder.actor(in: Self.s("4月4日全国民政会议结束后，内蒙古自治区民政厅立即召开党组会议"))?.name == "内蒙古自治区民政厅")
        #expect(finder.actor(in: Self.s("福泉市召开民政工作会议"))?.name == nil)
        #expect(finder.placeActing(in: Self.s("福泉市召开民政工作会议"))?.region?.code == "522702")
    }

    @Test("a body named without its place is placed by a full name in the text or by the places named, else warned")
    func barePlace() throws {
        let full = try Self.parse(
            "县民政局开展春节慰问\n2月7日，县民政局走访慰问困难群众，送去慰问金。\n（崇阳县民政局 某某某）\n")
        #expect(full.agency == "崇阳县民政局" && full.region?.code == "421223")
        let voted = try Self.parse(
            "全省社会事务工作会议在杭州召开\n3月24日，省民政厅在杭州召开全省社会事务工作会议，宁波、温州、义乌作交流发言。\n")
        #expect(voted.region?.code == "330000")
        let unknown = try Self.parse("省民政厅召开党组会议\n3月20日，省民政厅召开党组会议，部署养老服务工作。\n")
        #expect(unknown.region == nil)
        #expect(unknown.clean.quality.warnings.contains { $0.contains("省民政厅") })
    }

    @Test("site dates: before a metadata key, on a line of their own, day.month.year")
    func siteDates() throws {
        let keyed = try Self.parse("市民政局召开养老工作会议\n2029-07-24 来源：市民政局 浏览量：\n7月23日，市民政局召开会议，部署养老工作。\n")
        #expect(keyed.published == "2029-07-24" && keyed.eventDate == "2029-07-23")
        let alone = try Self.parse("区民政局召开社会救助工作会议\n13.01.2029  17:43\n1月7日，区民政局召开社会救助工作会议，部署帮困工作。\n")
        #expect(alone.published == "2029-01-13" && alone.eventDate == "2029-01-07")
        #expect(Parser.dayMonthYear(Self.s("31.13.2029")) == nil)
    }

    @Test("people: roster rows, attendee lists with titles after names, group titles never")
    func people() {
        let extractor = PeopleExtractor()
        let rows = extractor.extract([
            Self.s("总 指 挥：林小兵 党委书记、局长常务副指挥：林 峰 党委委员、四级调研员"),
            Self.s("成 员：王强平 党政办公室负责人 吕振南 党群工作处处长"),
        ])
        #expect(rows.contains(Person(name: "林小兵", positions: ["党委书记", "局长"])))
        #expect(rows.contains(Person(name: "王强平", positions: ["党政办公室负责人"])))
        #expect(rows.contains(Person(name: "吕振南", positions: ["党群工作处处长"])))
        let listed = extractor.extract([Self.s("会议由副市长主持，王智副秘书长、王国平局长、陈坚副局长等参加会议，相关负责人列席。")])
        #expect(listed.map(\.name) == ["王智", "王国平", "陈坚"])
        #expect(listed.first?.positions == ["副秘书长"])
    }

    @Test("headline furniture: a label line, a masthead, a picture's name, a bare separator line")
    func headlineFurniture() throws {
        let p = try Self.parse(
            "|\n某某县召开民政工作会议\n会议现场_1.JPG\n3月5日，某某县召开民政工作会议，部署全年工作。\n")
        #expect(p.title == "某某县召开民政工作会议")
        let reader = TitleReader(official: OfficialElementsReader(), directives: DirectiveExtractor())
        #expect(!reader.isTitleLine(Self.s("类别：提案")))
        #expect(!reader.isTitleLine(Self.s("潼关县民政局文件")))
        #expect(reader.isTitleLine(Self.s("民政部：清明节各地可暂缓举办群体性祭扫活动")))
    }

    @Test("a derived title skips a dateline and a clause of time")
    func derivedTitle() throws {
        let p = try Self.parse("德州新闻网讯（记者 某某）9月5日，临邑县委书记某某某主持召开全县民政工作专题调度会议，部署工作。\n")
        #expect(p.title?.hasPrefix("德州") == false)
        let q = try Self.parse("2029年春节临近，崇阳县民政局走访慰问困难群众，送去慰问金。\n")
        #expect(q.title?.hasPrefix("崇阳县民政局") == true)
    }

    @Test("a 印发 notice signed before the rules it prints dates from the issuer's signature")
    func coverLetterSignature() throws {
        let p = try Self.parse(
            "标题: 某某县民政局关于印发《某某县临时救助办法》的通知\n发布时间: 2029-08-04 09:05\n"
                + "各乡镇：现将《某某县临时救助办法》印发给你们，请认真遵照执行。某某县民政局2029年7月31日某某县临时救助办法第一条为规范临时救助，制定本办法。第二条本办法自2029年9月1日起施行。\n")
        #expect(p.published == "2029-07-31")
        #expect(Parser.signature(of: "某某县民政局", in: [Self.s("某某县民政局 2029年8月2日印发")][...]) == nil)
    }

    @Test("a metadata line's date in another key's value; a year the lead states before its day")
    func datesInContext() throws {
        let p = try Self.parse("我县召开2029年民政工作会议\n作者：某某 编辑：某某某 2029-02-28 16:26:29\n4月20日，我县召开民政工作会议，部署全年工作。\n")
        #expect(p.published == "2029-02-28")
        let q = try Self.parse("2029年春节临近，为体现关爱，2月7日，县民政局走访慰问困难群众，送去慰问金。\n")
        #expect(q.eventDate == "2029-02-07")
        #expect(Parser.statedYear(Self.s("2月7日，2029年全县民政工作会议召开"), before: 0) == nil)
    }

    @Test("meetings: a headline ending in a meeting's 会, not a body's; a meeting to come is not held")
    func meetings() throws {
        #expect(try Self.parse("某某乡农村养老服务体系建设现场推介会\n11月11日上午，推介会在某某镇举办，各乡镇负责人出席。\n").kind == .meeting)
        #expect(try Self.parse("某某市养老服务协会\n协会成立于2010年，现有会员单位80家，开展养老服务。\n").kind == .report)
        #expect(!Parser.leadConvenes(Self.s("近日，省民政厅调研组对即将在沙市召开的社区建设现场会进行指导。")))
        #expect(HeadlineResidue.isResidue(Self.s("阅读正文")))
    }

    @Test("a headline and a lead naming two different bodies as acting: the headline's, with a warning")
    func twoCandidates() throws {
        let p = try Self.parse("陕西省民政厅召开养老服务工作会议\n3月5日，西安市民政局召开养老服务工作会议，部署全年工作。\n")
        #expect(p.agency == "陕西省民政厅")
        #expect(p.clean.quality.warnings.contains { $0.contains("two candidate agencies") })
        let q = try Self.parse("西安市民政局召开养老服务工作会议\n3月5日，西安市民政局召开养老服务工作会议，部署全年工作。\n")
        #expect(!q.clean.quality.warnings.contains { $0.contains("two candidate agencies") })
    }
}

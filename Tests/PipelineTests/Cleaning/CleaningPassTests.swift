import Pipeline
import Testing

/// Unit tests of the cleaning passes, through `Cleaner.clean` on small texts.
@Suite("Cleaning passes")
struct CleaningPassTests {
    let cleaner = Cleaner()

    func clean(_ text: String) throws -> CleanText {
        try cleaner.clean(RawNotice(file: "t.txt", bytes: Array(text.utf8)))
    }

    @Test(
        "pinyin annotations go only when they read the hanzi before them",
        arguments: [
            ("召開(kāi)全省會議", "召开全省会议", 1),
            ("會(huì)議和會(kuài)計", "会议和会计", 2),
            ("養老(敬老)院", "养老（敬老）院", 0),
            ("村(社區)宣傳", "村（社区）宣传", 0),
            ("疫情(COVID-19)防控", "疫情（COVID-19）防控", 0),
            ("基金(機(jī)構)管理", "基金（机构）管理", 1),
            ("乾(qián)隆年間", "乾隆年间", 1),
            ("召開(kai)會議", "召开会议", 1),
            ("召開(huì)會議", "召开（huì）会议", 0),
            ("開(kāi)(kāi)會", "开会", 2),
        ])
    func pinyin(_ input: String, _ expected: String, _ removed: Int) throws {
        let c = try clean(input)
        #expect(c.simplified == expected)
        #expect(c.quality.pinyinRemoved == removed)
    }

    @Test(
        "punctuation damage is repaired in Chinese context only",
        arguments: [
            ("會議,,要求", "会议，要求"),
            ("省委,、省政府", "省委、省政府"),
            ("部署精神,。會議", "部署精神。会议"),
            ("準備,;要統籌", "准备；要统筹"),
            ("準備,；要統籌", "准备；要统筹"),
            ("會議, 傳達學習", "会议，传达学习"),
            ("會議地點:民政廳禮堂", "会议地点：民政厅礼堂"),
            ("新篇章!", "新篇章！"),
            ("增长1.5倍，共1,000人，10:30开会", "增长1.5倍，共1,000人，10:30开会"),
            ("详见http://www.mca.gov.cn查询", "详见http://www.mca.gov.cn查询"),
            ("推行“e救助”办理", "推行“e救助”办理"),
            ("这是为什么?", "这是为什么？"),
        ])
    func punctuation(_ input: String, _ expected: String) throws {
        #expect(try clean(input).simplified == expected)
    }

    @Test("a ? inside hanzi text is mojibake, counted and left alone")
    func mojibake() throws {
        let c = try clean("要?jiǎng)訂T社會各方力量\n要\u{FFFD}做好工作")
        #expect(c.quality.mojibake == 2)
        #expect(c.simplified.contains("要?jiǎng)"))
        #expect(c.simplified.contains("\u{FFFD}"))
    }

    @Test("whitespace: NFC, no invisible characters, one paragraph per line")
    func whitespace() throws {
        let c = try clean("\u{3000}\u{3000}第一段\u{200B}文字\r\n\r\n\n  第二段\u{00A0}\u{00A0}文字 \t\nka\u{0304}i開")
        #expect(c.simplified == "第一段文字\n第二段 文字\nkāi开")
    }

    @Test("site chrome and spam lines leave, their metadata stays")
    func chrome() throws {
        let page = """
            • 欢迎访问民生资讯网!
            当前所在:首页 > 民政资讯
            省民政厅召开全省民政工作会议
            来源:陕西省民政厅 作者:佚名时间:2021-08-30
            8月9日，省民政厅召开全省民政工作会议，部署下半年工作。
            吃瓜爆料网在线观看|91制片厂|果冻传媒最新出品|国产自拍偷拍|麻豆传媒
            版权所有 京ICP备13039793号-20
            联系电话:010-56212745 邮箱:abc@163.com
            北京国信涉农资讯中心
            """
        let c = try clean(page)
        #expect(c.simplified == "省民政厅召开全省民政工作会议\n8月9日，省民政厅召开全省民政工作会议，部署下半年工作。")
        #expect(c.quality.boilerplateLines == 6)
        #expect(c.quality.spamLines == 1)
        #expect(c.metadata == SiteMetadata(source: "陕西省民政厅", author: "佚名", date: "2021-08-30"))
    }

    @Test("a 公文 signature block is not taken for a footer")
    func signatureKept() throws {
        let doc = """
            各省、自治区、直辖市民政厅（局）：
            现将有关事项通知如下。请认真贯彻执行。
            民政部
            2020年3月1日
            （此件公开发布）
            版权所有：民政部 京ICP备05027863号
            联系电话：010-58123114
            """
        let c = try clean(doc)
        #expect(c.simplified.hasSuffix("民政部\n2020年3月1日\n（此件公开发布）"))
        #expect(c.quality.boilerplateLines == 2)
    }

    @Test(
        "script detection",
        arguments: [
            ("民政部召开党组会议，部署疫情防控工作。", Script.simplified),
            ("民政部召開黨組會議，部署疫情防控工作。", Script.traditional),
            ("民政部召開黨組會議，部署疫情防控工作。民政部门要认真学习领会讲话精神，统筹推进发展。", Script.mixed),
        ])
    func script(_ text: String, _ script: Script) throws {
        #expect(try clean(text).script == script)
    }
}

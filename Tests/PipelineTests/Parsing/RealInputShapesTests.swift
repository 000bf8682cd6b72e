import Testing

@testable import Pipeline

/// Shapes the real corpus (Fixtures/real) showed: residue above a headline, a scraper's
/// `标题：` header, a signature and 成文日期 run into the text, a lead that says a meeting
/// was held under a headline that does not.
@Suite("real input shapes")
struct RealInputShapesTests {
    static func parse(_ text: String) throws -> ParsedNotice {
        try NoticePipeline().process(RawNotice(file: "t.txt", bytes: Array(text.utf8))).parsed
    }

    @Test("breadcrumbs and a site's name above the headline are not part of the title")
    func residue() throws {
        for residue in ["成渝经济网", ">> 市级部门专栏 >> 市民政局 >> 图片新闻", "当前位置：首页 > 民政要闻"] {
            let notice = try Self.parse(
                "\(residue)\n市民政局召开全市养老服务工作推进会\n3月5日，市民政局召开全市养老服务工作推进会，部署养老服务体系建设工作。\n")
            #expect(notice.title == "市民政局召开全市养老服务工作推进会", "after \(residue)")
        }
        #expect(!HeadlineResidue.isResidue(Array("省民政厅召开党组会议".unicodeScalars.map(\.value))))
        #expect(!HeadlineResidue.isResidue(Array("关于印发《养老服务条例》的通知".unicodeScalars.map(\.value))))
    }

    @Test("a scraper's 标题： header gives the title; 文号： with no value is not read as recipients")
    func headerTitle() throws {
        let notice = try Self.parse(
            "标题: 关于做好低保工作的通知\n发布时间: 2015-03-20 10:14\n文号: \n发布机构: 某某县民政局\n各乡镇人民政府：为做好最低生活保障工作，现通知如下。\n")
        #expect(notice.title == "关于做好低保工作的通知")
        #expect(notice.official.recipients.isEmpty)
    }

    @Test("a signature and 成文日期 run into the last line are the published date of a 公文")
    func inlineSignature() throws {
        let notice = try Self.parse(
            "标题: 关于印发进一步规范最低生活保障工作的通知\n发布时间: 2015-03-20 10:14\n"
                + "区直各单位：现将《关于进一步规范最低生活保障工作的通知》印发给你们，请认真贯彻实施。平潭综合实验区管委会2015年3月17日 来源：中国平潭 附件下载\n")
        #expect(notice.official.signedDate == "2015-03-17")
        #expect(notice.published == "2015-03-17")
        // A news item's last date is not a signature.
        let news = try Self.parse(
            "市民政局开展节日慰问\n时间：2018-02-10\n2月7日，市民政局走访慰问困难群众，送去慰问金。活动持续到2018年2月9日结束。\n")
        #expect(news.published == "2018-02-10")
    }

    @Test("a lead that says a meeting was held makes a meeting report, whatever the headline says")
    func meetingLead() throws {
        let notice = try Self.parse(
            "民政部：清明节各地可暂缓举办群体性祭扫活动\n新华社北京3月23日电 民政部23日召开2020年清明节祭扫工作电视电话会议，要求各地做好祭扫服务。\n")
        #expect(notice.kind == .meeting)
        #expect(!Parser.leadConvenes(Array("民政部23日发布通知，要求各地做好祭扫服务。".unicodeScalars.map(\.value))))
    }
}

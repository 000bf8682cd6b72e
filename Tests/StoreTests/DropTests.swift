import Pipeline
import Store
import Testing

/// How a page's link names a dropped file and titles it.
@Suite("drops")
struct DropTests {
    @Test("a link names a file by its href's last component or by its text, either way round")
    func names() {
        let link = PageInfo.Attachment(
            name: "附件1：平潭综合实验区养老从业人员入职奖补资金申请汇总表.xls",
            href: "/ptwzq/ewebeditor/uploadfile/2022/12/05/20221205162440147.xls")
        #expect(Drop.names(link, file: "20221205162440147.xls"))
        #expect(Drop.names(link, file: "平潭综合实验区养老从业人员入职奖补资金申请汇总表.xls"))
        #expect(!Drop.names(link, file: "20221205162440148.xls"))
        #expect(Drop.names(link, file: "资金申请汇总表.xls"))
        #expect(!Drop.names(link, file: "表.xls"))
        #expect(!Drop.names(link, file: "其他文件.docx"))
        #expect(!Drop.names(PageInfo.Attachment(name: "", href: "/a/"), file: "a.docx"))
    }

    @Test("the link text, less its 附件 label, numbering and extension, is the attachment's title")
    func titles() {
        let cases = [
            ("附件2：平潭第一中学油印室耗材参数及数量.docx", "平潭第一中学油印室耗材参数及数量"),
            ("1.困难群众救助工作方案.docx", "困难群众救助工作方案"),
            ("附件 3、救助对象名单.pdf", "救助对象名单"),
            ("平潭综合实验区养老服务扶持政策措施清单.doc", "平潭综合实验区养老服务扶持政策措施清单"),
        ]
        for (text, title) in cases {
            #expect(Drop.title(from: PageInfo.Attachment(name: text, href: "x")) == title)
        }
        #expect(Drop.title(from: PageInfo.Attachment(name: "download.pdf", href: "x")) == nil)
    }
}

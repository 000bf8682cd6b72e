/// The words that give site chrome and SEO spam away, in Simplified (lines are
/// classified after conversion, so one list serves both scripts).
enum Lexicon {
    /// Site chrome: one of these marks a short line as boilerplate.
    static let strongBoilerplate = [
        "版权所有", "版权声明", "copyright", "©", "icp备", "icp证", "公网安备", "网安备",
        "当前位置", "当前所在", "您现在的位置", "您的位置", "所在位置", "现在位置",
        "扫一扫", "扫码", "分享到", "上一篇", "下一篇", "上一条", "下一条", "责任编辑",
        "网站地图", "联系我们", "关于我们", "设为首页", "加入收藏", "欢迎访问", "欢迎光临",
        "不良信息", "违法和不良", "举报电话", "举报中心", "主办单位", "承办单位", "技术支持",
        "免责声明", "字体", "字号", "打印本页", "打印", "关闭窗口", "【关闭】", "返回顶部",
        "浏览次数", "访问量", "本站", "本网", "邮箱", "电子邮件", "e-mail", "email", "客服",
        "联系电话", "咨询电话", "监督电话", "传真", "地址：", "办公区", "邮编", "qq",
        "手机端", "手机版", "微信公众号", "官方微博",
    ]

    /// Footer words that count only together with other evidence.
    static let weakBoilerplate = ["主办", "主管", "协办", "电话", "首页"]

    /// Web addresses: together they count once, so a body line citing a URL stays.
    static let web = ["www.", ".com", ".cn", ".org", "http"]

    /// Adult and gambling SEO spam. Three different ones on a line make it spam.
    static let spam = [
        "麻豆", "自拍", "偷拍", "制片厂", "果冻传媒", "天美传媒", "蜜桃", "传媒网站", "在线观看",
        "午夜", "福利试看", "看片", "亚洲精品", "一区", "二区", "三区", "国产", "欧美", "日韩",
        "无码", "有码", "成人视频", "成人网站", "色情", "黄色网站", "av", "人妻", "爆料", "吃瓜",
        "种子", "磁力", "番号", "91", "博彩", "赌场", "百家乐", "娱乐城", "六合彩", "时时彩",
        "老虎机", "棋牌", "真人视讯", "体育投注", "彩金", "赌博", "葡京", "威尼斯人", "太阳城",
        "高清", "免费观看", "视频在线", "精品", "最新出品",
    ]

    /// Keys of metadata lines whose values cleaning keeps (longest first).
    static let metadataKeys: [(key: String, field: MetadataField)] = [
        ("信息来源", .source), ("文章来源", .source), ("稿件来源", .source), ("来源", .source),
        ("发布时间", .date), ("发布日期", .date), ("更新时间", .date), ("时间", .date), ("日期", .date),
        ("作者", .author), ("发布者", .author), ("责任编辑", .author), ("编辑", .author),
        ("浏览量", .views), ("浏览次数", .views), ("点击数", .views), ("点击量", .views), ("阅读量", .views),
        ("阅读次数", .views), ("访问量", .views),
        // Scrapers' key: value headers (标题: …, 发布机构: …, 文号: …).
        ("标题", .title), ("文章标题", .title), ("发布机构", .source), ("文号", .ignored), ("栏目", .ignored),
        ("所属栏目", .ignored), ("原文链接", .ignored), ("原文地址", .ignored), ("本地目录", .ignored),
    ].sorted { $0.0.count > $1.0.count }

    enum MetadataField: Sendable { case source, author, date, views, title, ignored }
}

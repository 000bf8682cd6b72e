/// Chinese surnames (the common single-character ones and the compound ones
/// still in use). A person's name must open with one, which keeps words such
/// as 在主会场 or 及有关人员 from being read as names.
enum Surnames {
    static let single = ScalarBits(
        ("阎洪赖习王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
            as String))

    static let compound = PatternSet([
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐", "夏侯",
        "端木", "独孤", "南宫", "西门", "万俟", "闻人", "澹台", "公冶", "轩辕", "申屠", "呼延",
    ])

    /// Where a name is read, which decides how much evidence its given name needs.
    enum NameContext {
        /// Running text: the name's shape is the only evidence, so function words, verbs and
        /// nouns of the notices' register (`在`, `主持`, `局`) end it.
        case runningText
        /// A roster row or signature block (`总 指 挥：林小兵 党委书记、局长`): the row's shape is
        /// the evidence, so any hanzi may be in the given name (`林小兵`, `欧阳志为`).
        case roster
    }

    /// The one rule for a given name's characters, by the context the name is read in.
    @inline(__always)
    static func mayBeInGivenName(_ v: UInt32, in context: NameContext) -> Bool {
        guard CharacterClass.isHanzi(v) else { return false }
        switch context {
        case .runningText: return !notInGivenName.contains(v)
        case .roster: return true
        }
    }

    /// Characters that do not occur in the given-name part of a name in running text
    /// (function words, verbs and nouns of the notices' register).
    private static let notInGivenName = ScalarBits(
        ("的了在与及是为对把将被从由向以于等各省市县区部厅局委会议主持出席讲话指调要求传达分别就参加带队作说一行代表通报部署总结召开听取看望慰问批示提并也都又再还其该此这那们者书记组员任党府办公室院所站处科司构领导"))
}

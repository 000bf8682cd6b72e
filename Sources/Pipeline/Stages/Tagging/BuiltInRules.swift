// swift-format-ignore-file
/// The built-in civil-affairs taxonomy (TAXONOMY.md) as a rules file.
///
/// It is written in the operator's own rules format so that the two cannot
/// drift apart; `make install` ships a copy as the commented default rules.
/// Keywords match the cleaned Simplified text (so `村（居）委会` has
/// full-width brackets).
let builtInRulesTOML = #"""
[[tag]]
id = "epidemic-prevention"
name = "疫情防控"
any = ["疫情防控", "新冠肺炎", "新型冠状病毒", "核酸检测", "封闭管理", "隔离", "消杀", "无症状感染者", "防疫", "传染病"]

[[tag]]
id = "vaccination"
name = "疫苗接种"
any = ["疫苗接种", "接种疫苗", "疫苗"]
# One passing 疫苗 (in a list of measures) is not a vaccination drive.
min_hits = 2

[[tag]]
id = "elderly-care"
name = "养老服务"
any = ["养老", "敬老院", "老年人", "失能老人", "一老一小", "老龄", "特困人员供养"]

[[tag]]
id = "child-welfare"
name = "儿童福利"
any = ["儿童福利", "孤儿", "弃婴", "未成年人", "留守儿童", "一老一小", "困境儿童"]

[[tag]]
id = "social-assistance"
name = "社会救助"
any = ["低保", "特困", "临时救助", "社会救助", "困难群众", "基本生活保障", "价格补贴", "最低生活保障"]

[[tag]]
id = "vagrant-aid"
name = "救助管理"
any = ["流浪乞讨", "救助站", "救助管理", "流浪人员"]

[[tag]]
id = "disability-welfare"
name = "残疾人与精神卫生福利"
any = ["残疾人", "精神卫生福利", "精神卫生服务机构", "精神障碍"]

[[tag]]
id = "funeral"
name = "殡葬管理"
any = ["殡葬", "丧事", "遗体", "火化", "殡仪馆", "公墓", "骨灰"]

[[tag]]
id = "marriage"
name = "婚姻登记"
any = ["婚姻登记", "喜事缓办", "结婚登记", "离婚登记"]

[[tag]]
id = "community"
name = "社区治理"
any = ["社区防控", "村（居）委会", "城乡社区", "网格", "联防联控", "社区工作者", "社区协商", "村（社区）", "居委会", "村委会", "社区治理", "社区建设"]

[[tag]]
id = "social-organizations"
name = "社会组织"
any = ["社会组织", "行业协会", "基金会", "民办非企业", "社会团体"]

[[tag]]
id = "social-work-volunteer"
name = "社会工作与志愿服务"
any = ["社工", "社会工作者", "志愿服务", "志愿者", "三社联动", "社会工作"]

[[tag]]
id = "charity"
name = "慈善捐赠"
any = ["捐赠", "慈善", "款物", "募捐"]

[[tag]]
id = "poverty-alleviation"
name = "脱贫攻坚与兜底保障"
any = ["脱贫攻坚", "兜底保障", "贫困人口", "小康社会", "脱贫", "扶贫"]
# Speeches frame any year's work with one 全面建成小康社会 or 脱贫; a document about the work
# names it more than once.
min_hits = 2

[[tag]]
id = "supervision"
name = "督查检查"
any = ["督查", "暗访", "四不两直", "督导检查", "明察暗访", "督导"]

[[tag]]
id = "supplies"
name = "物资保障"
any = ["防控物资", "物资保障", "储备物资", "物资短缺"]

[[tag]]
id = "publicity"
name = "宣传与舆情"
any = ["宣传报道", "舆情", "舆论引导", "宣传教育", "宣传引导"]

[[tag]]
id = "party-building"
name = "党建"
any = ["党的建设", "党建", "党史学习教育", "党组织战斗堡垒", "基层党组织"]

[[tag]]
id = "welfare-lottery"
name = "福利彩票"
any = ["福利彩票", "福彩"]

[[tag]]
id = "work-safety"
name = "安全管理"
any = ["消防", "安全隐患", "风险隐患", "安全管理", "安全生产"]

[[tag]]
id = "service-resumption"
name = "恢复服务秩序"
any = ["恢复民政服务秩序", "恢复正常秩序", "常态化疫情防控", "复工复产"]
"""#

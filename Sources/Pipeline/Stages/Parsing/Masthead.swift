/// The word that ends a 公文's masthead (`民政部文件`, `福州市地方税务局文件`): a masthead is
/// never the title, and a masthead run into the number (`…局文件榕地税〔2013〕42号`) is not part
/// of the number. The one definition the parser, the title reader and the official-elements
/// reader share.
enum Masthead {
    static let word = scalars("文件")
}

/// Small PDFs for tests and fault rows, written by hand (no PDF writer is a dependency):
/// one line of text per page in a Type0 font whose ToUnicode map sends each CID to the same
/// code point, so poppler reads back exactly the text given (the font is not embedded, as in
/// many government PDFs that name 宋体 without embedding it). Also the hostile shapes:
/// thousands of pages, a truncated file, an encrypted one.
public enum PDFBuilder {
    /// A PDF with one page per element of `pages` (each page's lines), and an Info `Title`.
    public static func pdf(pages: [[String]], title: String? = nil, encrypted: Bool = false) -> [UInt8] {
        var objects: [String] = []
        // 1 catalog, 2 pages, 3 font, 4 descendant, 5 tounicode, 6 info, then page/content pairs.
        let pageIDs = pages.indices.map { 7 + 2 * $0 }
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        objects.append(
            "<< /Type /Pages /Count \(pages.count) /Kids [\(pageIDs.map { "\($0) 0 R" }.joined(separator: " "))] >>")
        objects.append(
            "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>"
        )
        objects.append(
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"
        )
        let cmap = """
            /CIDInit /ProcSet findresource begin 12 dict begin begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def /CMapType 2 def
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            1 beginbfrange <0000> <FFFF> <0000> endbfrange
            endcmap CMapName currentdict /CMap defineresource pop end end
            """
        objects.append("<< /Length \(cmap.utf8.count) >>\nstream\n\(cmap)\nendstream")
        objects.append("<< /Title <FEFF\(hex(title ?? ""))> /Producer (noticed PDFBuilder) >>")
        for lines in pages {
            let id = objects.count + 1
            objects.append(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents \(id + 1) 0 R >>"
            )
            var content = "BT /F1 12 Tf 14 TL 56 780 Td\n"
            for line in lines { content += "<\(hex(line))> Tj T*\n" }
            content += "ET"
            objects.append("<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream")
        }
        var out = Array("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (i, object) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(i + 1) 0 obj\n\(object)\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            table += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n"
        }
        // A standard security handler whose passwords match nothing: poppler cannot open it
        // without the user password.
        let encrypt =
            encrypted
            ? " /Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <\(String(repeating: "7a", count: 32))> /U <\(String(repeating: "3c", count: 32))> >> /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]"
            : ""
        table +=
            "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R /Info 6 0 R\(encrypt) >>\nstartxref\n\(xref)\n%%EOF\n"
        return out + Array(table.utf8)
    }

    /// UTF-16BE hex of `s` (CIDs equal to code points in the BMP).
    static func hex(_ s: String) -> String {
        s.utf16.map { unit in
            let h = String(unit, radix: 16, uppercase: true)
            return String(repeating: "0", count: 4 - h.count) + h
        }.joined()
    }
}

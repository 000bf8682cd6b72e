#!/usr/bin/env python3
"""Builds the drop fixture's two attachments from their real text (Tests/IntegrationTests/Fixtures/drop/).

The archive keeps the page but not the attachments' bytes in a readable form, so the DOCX and the PDF are
made here from docx.txt and pdf.txt (real text from the page, see SOURCES.md) by writers other than
noticed's own test builders: Python's zipfile with WordprocessingML as Word writes it, and reportlab with
an embedded WenQuanYi Zen Hei subset (Debian fonts-wqy-zenhei), as a Word "save as PDF" embeds its font.
Run once; the outputs are committed. Needs: pip install reportlab; apt-get install fonts-wqy-zenhei.
"""
import os
import zipfile
from xml.sax.saxutils import escape

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "IntegrationTests", "Fixtures", "drop")
out = os.path.join(here, "attachments", "file")
os.makedirs(out, exist_ok=True)


def lines(name):
    with open(os.path.join(here, name), encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip()]


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
paragraphs = "".join(
    f'<w:p><w:pPr><w:jc w:val="{"center" if i == 0 else "left"}"/></w:pPr><w:r><w:rPr>'
    f'<w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr>'
    f'<w:t xml:space="preserve">{escape(l)}</w:t></w:r></w:p>'
    for i, l in enumerate(lines("docx.txt")))
document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:document xmlns:w="{W}"><w:body>'
            f'{paragraphs}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
content_types = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>')
docx = os.path.join(out, "40280252891eb43b01891efc7f050005.docx")
with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in [("[Content_Types].xml", content_types), ("_rels/.rels", rels),
                       ("word/document.xml", document)]:
        info = zipfile.ZipInfo(name, date_time=(2023, 7, 4, 11, 32, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

pdfmetrics.registerFont(TTFont("WenQuanYi", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"))
pdf = os.path.join(out, "40280252891fc35901891fd1355c0004.pdf")
c = canvas.Canvas(pdf, invariant=1)
c.setFont("WenQuanYi", 14)
y = 780
for l in lines("pdf.txt"):
    c.drawString(56, y, l)
    y -= 24
c.save()
print(docx, os.path.getsize(docx))
print(pdf, os.path.getsize(pdf))

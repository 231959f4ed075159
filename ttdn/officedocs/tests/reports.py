"""Realistic reports shared by the tests: a provincial department's six-month report."""

from __future__ import annotations

from datetime import date

from ttdn.officedocs import Chart, Heading, OfficialReport, Paragraph, Signature, Table

TRICKY_TEXT = 'Hợp tác "Việt – Lào" & <b>quảng bá</b> hình ảnh Đồng Nai'

RECIPIENTS = [
    "Bộ Thông tin và Truyền thông (Cục Thông tin đối ngoại)",
    "UBND tỉnh (b/c)",
    "Ban Tuyên giáo Tỉnh ủy",
    "Sở Ngoại vụ",
    "Giám đốc, các Phó Giám đốc Sở",
    "Cổng thông tin điện tử Sở",
]

FIGURES = Table(
    caption="Bảng 1. Kết quả thông tin đối ngoại trên môi trường mạng",
    headers=["Chỉ tiêu", "Đơn vị tính", "6 tháng 2024", "Tỷ lệ so với cùng kỳ (%)"],
    rows=[
        ["Lượt truy cập Cổng thông tin điện tử", "lượt", 1582300, 54.7],
        ["Tin, bài tiếng nước ngoài", "tin, bài", 412, 12.5],
        ["Video quảng bá du lịch", "video", 36, None],
    ],
    number_columns=[2, 3],
    decimals=1,
)

CHART = Chart(
    title="Biểu đồ 1. Tin, bài thông tin đối ngoại theo quý",
    categories=["Quý I/2024", "Quý II/2024"],
    series={"Tiếng Việt": [120, 164.5], "Tiếng nước ngoài": [188, None]},
)

BODY = (
    "Thực hiện Kế hoạch số 45/KH-UBND ngày 05/02/2024 của UBND tỉnh Đồng Nai về công tác "
    "thông tin đối ngoại năm 2024, Sở Văn hóa, Thể thao và Du lịch báo cáo kết quả thực "
    "hiện 6 tháng đầu năm 2024 như sau:"
)


def filler(count: int) -> list[Paragraph]:
    sentence = (
        "Tiếp tục đẩy mạnh công tác thông tin, tuyên truyền, quảng bá hình ảnh, tiềm năng, "
        "thế mạnh của tỉnh Đồng Nai đến bạn bè trong nước và quốc tế thông qua các lễ hội, "
        "sự kiện văn hóa, thể thao và du lịch; phối hợp với các cơ quan báo chí đưa tin. "
    )
    return [Paragraph(f"- {sentence * 2}".strip()) for _ in range(count)]


def state_report(extra_paragraphs: int = 0) -> OfficialReport:
    return OfficialReport(
        style="state",
        governing_body="UBND TỈNH ĐỒNG NAI",
        issuing_body="SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
        number="125/BC-SVHTTDL",
        place="Đồng Nai",
        issued_on=date(2024, 7, 3),
        summary="Kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024",
        blocks=[
            Paragraph(BODY),
            Heading(1, "I. KẾT QUẢ THỰC HIỆN"),
            Heading(2, "1. Công tác tuyên truyền, quảng bá hình ảnh địa phương"),
            Heading(3, "a) Trên báo chí và môi trường mạng"),
            Paragraph(TRICKY_TEXT),
            *filler(extra_paragraphs),
            FIGURES,
            CHART,
            Heading(1, "II. NHIỆM VỤ 6 THÁNG CUỐI NĂM 2024"),
            Paragraph("Tiếp tục triển khai Kế hoạch; chú trọng thông tin bằng tiếng nước ngoài."),
            Paragraph(
                "Trên đây là báo cáo kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2024 "
                "của Sở Văn hóa, Thể thao và Du lịch./."
            ),
        ],
        recipients=RECIPIENTS,
        archive="Lưu: VT, VP",
        signature=Signature(
            authority=["KT. GIÁM ĐỐC"], position="PHÓ GIÁM ĐỐC", name="Nguyễn Thị Minh Hà"
        ),
    )


def party_report() -> OfficialReport:
    return OfficialReport(
        style="party",
        governing_body="TỈNH ỦY BÌNH ĐỊNH",
        issuing_body="BAN TUYÊN GIÁO VÀ DÂN VẬN",
        number="12-BC/TU",
        place="Bình Định",
        issued_on=date(2025, 2, 5),
        summary="kết quả công tác thông tin đối ngoại năm 2024",
        blocks=[Heading(1, "I. KẾT QUẢ"), Paragraph(BODY), FIGURES],
        recipients=["Ban Tuyên giáo Trung ương", "Thường trực Tỉnh ủy"],
        archive="Lưu Văn phòng Ban",
        signature=Signature(
            authority=["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"], position=None, name="Lê Văn Nam"
        ),
    )

"""The rule tagger's vocabulary: document types, bodies, units, cue words.

Everything a linguist would add to is a row here; the matchers in
`patterns.py` turn these tables into regular expressions.
"""

from __future__ import annotations

# Document types that a LEGAL_REF opens with (longest alternatives win).
LEGAL_DOC_TYPES: tuple[str, ...] = (
    "Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Nghị quyết liên tịch", "Nghị quyết",
    "Nghị định", "Quyết định", "Chỉ thị", "Thông tư liên tịch", "Thông tư", "Kế hoạch",
    "Chương trình", "Đề án", "Công văn", "Công điện", "Hướng dẫn", "Kết luận",
    "Thông báo kết luận", "Thông báo", "Báo cáo", "Tờ trình", "Quy định", "Quy chế",
    "Văn bản hợp nhất", "Văn bản", "Điều lệ", "Lệnh", "Sắc lệnh", "Hiệp định", "Chiến lược",
    "Quy hoạch", "Thông tri", "Biên bản", "Giấy mời", "Nghị quyết Trung ương",
    "Chương trình hành động", "Kế hoạch hành động", "Chương trình công tác", "Nghị quyết chuyên đề",
    "Công văn hỏa tốc", "Công văn khẩn", "Phương án", "Phương án nghiệp vụ", "Chương trình phối hợp",
    "Kế hoạch phối hợp", "Quy chế phối hợp", "Thông báo kết luận", "Văn bản hợp nhất",
)
# Abbreviated type words (`NĐ 61/2018/NĐ-CP`, `QĐ số 12/QĐ-UBND`).
LEGAL_DOC_ABBREVIATIONS: tuple[str, ...] = ("NĐ", "QĐ", "NQ", "TT", "TTLT", "CT", "KH", "CV", "TB", "BC")
# Types that may be cited with a bare number (`Đề án 06`, `QĐ 66`, `Nghị quyết 57`).
SHORT_CITED_TYPES: tuple[str, ...] = (
    "Nghị quyết", "Đề án", "Chỉ thị", "Kết luận", "Chương trình", "Quy định", "Quyết định", "Kế hoạch",
    "QĐ", "NQ", "NĐ", "CT", "KH",
)
# Laws and codes cited by name: the name after `Luật` / `Bộ luật` (longest first at use).
LAW_NAMES: tuple[str, ...] = (
    "Doanh nghiệp", "Đầu tư", "Đầu tư công", "Ngân sách nhà nước", "Việc làm", "Đấu thầu",
    "Phòng, chống ma túy", "Phòng, chống ma tuý", "Tổ chức chính quyền địa phương",
    "Ban hành văn bản quy phạm pháp luật", "Cán bộ, công chức", "Viên chức", "Đất đai", "Xây dựng",
    "Quy hoạch", "Quy hoạch đô thị", "Quy hoạch đô thị và nông thôn", "Thuế giá trị gia tăng",
    "Quản lý thuế", "Tiêu chuẩn và quy chuẩn kỹ thuật", "Bảo vệ môi trường", "Bảo vệ bí mật nhà nước",
    "Quản lý, sử dụng tài sản công", "Phòng thủ dân sự", "Trật tự, an toàn giao thông đường bộ",
    "Giao thông đường bộ", "Hóa chất", "Khiếu nại", "Tố cáo", "Tiếp công dân", "Thanh tra",
    "Phòng, chống tham nhũng", "Xử lý vi phạm hành chính", "Thi đua, khen thưởng", "Tổ chức Chính phủ",
    "Kế toán", "Kiểm toán nhà nước", "Thống kê", "Giáo dục", "Giáo dục nghề nghiệp", "Giáo dục đại học",
    "Khám bệnh, chữa bệnh", "Dược", "Bảo hiểm xã hội", "Bảo hiểm y tế", "Lao động", "Dân sự", "Hình sự",
    "Tố tụng hình sự", "Tố tụng dân sự", "Tố tụng hành chính", "Hải quan", "Thương mại", "Cạnh tranh",
    "Công nghệ thông tin", "Giao dịch điện tử", "An ninh mạng", "An toàn thông tin mạng", "Viễn thông",
    "Báo chí", "Tiếp cận thông tin", "Nhà ở", "Kinh doanh bất động sản", "Lâm nghiệp", "Thủy sản",
    "Trồng trọt", "Chăn nuôi", "Thủy lợi", "Đê điều", "Tài nguyên nước", "Khoáng sản", "Địa chất và khoáng sản",
    "Điện lực", "Sử dụng năng lượng tiết kiệm và hiệu quả", "Phòng cháy và chữa cháy",
    "Phòng cháy, chữa cháy và cứu nạn, cứu hộ", "Công an nhân dân", "Cư trú", "Căn cước", "Căn cước công dân",
    "Hộ tịch", "Công chứng", "Luật sư", "Trợ giúp pháp lý", "Phổ biến, giáo dục pháp luật", "Hòa giải ở cơ sở",
    "Thực hiện dân chủ ở cơ sở", "Tín ngưỡng, tôn giáo", "Di sản văn hóa", "Du lịch", "Thể dục, thể thao",
    "Điện ảnh", "Quảng cáo", "Sở hữu trí tuệ", "Khoa học và công nghệ", "Khoa học, công nghệ và đổi mới sáng tạo",
    "Chuyển giao công nghệ", "Đo lường", "Chất lượng sản phẩm, hàng hóa", "An toàn thực phẩm",
    "Phòng, chống bệnh truyền nhiễm", "Trẻ em", "Bình đẳng giới", "Người cao tuổi", "Người khuyết tật",
    "Thanh niên", "Phòng, chống bạo lực gia đình", "Hôn nhân và gia đình", "Nghĩa vụ quân sự", "Quốc phòng",
    "Dân quân tự vệ", "Biên phòng Việt Nam", "An ninh quốc gia", "Đường bộ", "Đường sắt",
    "Hàng không dân dụng Việt Nam", "Giao thông đường thủy nội địa", "Hàng hải Việt Nam",
    "Ngân hàng Nhà nước Việt Nam", "Các tổ chức tín dụng", "Chứng khoán", "Kinh doanh bảo hiểm",
    "Phí và lệ phí", "Giá", "Thuế thu nhập doanh nghiệp", "Thuế thu nhập cá nhân", "Thuế tiêu thụ đặc biệt",
    "Thuế xuất khẩu, thuế nhập khẩu", "Hợp tác xã", "Đầu tư theo phương thức đối tác công tư", "Quản lý nợ công",
    "Dự trữ quốc gia", "Tổ chức Quốc hội", "Hoạt động giám sát của Quốc hội và Hội đồng nhân dân",
    "Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân", "Mặt trận Tổ quốc Việt Nam", "Công đoàn",
    "Tổ chức Tòa án nhân dân", "Tổ chức Viện kiểm sát nhân dân", "Thi hành án dân sự",
    "Trách nhiệm bồi thường của Nhà nước", "Phòng, chống rửa tiền", "Dữ liệu", "Công nghiệp công nghệ số",
    "Trí tuệ nhân tạo", "Chuyển đổi số", "Thủ đô", "Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ",
    "Phòng, chống thiên tai", "Đa dạng sinh học", "Khí tượng thủy văn", "Thú y", "Bảo vệ và kiểm dịch thực vật",
    "Lưu trữ", "Thi hành án hình sự", "Xuất bản", "Thư viện", "Nghệ thuật biểu diễn", "Quản lý ngoại thương",
    "Năng lượng nguyên tử", "Đường thủy nội địa", "Tổ chức cơ quan điều tra hình sự", "Bảo vệ quyền lợi người tiêu dùng",
    "Công chứng", "Giám định tư pháp", "Đặc xá", "Quân nhân chuyên nghiệp", "Tình trạng khẩn cấp",
)

# Types cited by name, without number (`Luật Doanh nghiệp`).
NAMED_LAW_TYPES: tuple[str, ...] = ("Bộ luật", "Luật", "Pháp lệnh")
# Words that end a law's name (the name is the capitalised phrase before them).
LAW_NAME_STOPWORDS: tuple[str, ...] = (
    "ngày", "của", "về", "quy định", "tại", "theo", "được", "đã", "có", "thì", "để", "trong",
    "nay", "này", "đối với", "hướng dẫn", "sửa đổi", "bổ sung", "và các", "hiện hành", "là",
    "với", "trên", "các", "khi", "do", "sẽ", "cho", "như", "thuộc", "từ", "đến", "hoặc", "mà",
    "nhằm", "qua", "đang", "vẫn", "không", "chưa", "cũng", "đều", "gồm", "số", "năm",
)
STANDARD_PREFIXES: tuple[str, ...] = ("TCVN ISO", "TCVN", "QCVN", "ISO/IEC", "ISO")

# Bodies: head words that open an organisation's name.
ORG_HEADS: tuple[str, ...] = (
    "Ủy ban nhân dân", "Uỷ ban nhân dân", "UBND", "Hội đồng nhân dân", "HĐND",
    "Ủy ban Mặt trận Tổ quốc Việt Nam", "Ủy ban Mặt trận Tổ quốc", "UBMTTQ", "Mặt trận Tổ quốc",
    "Ủy ban", "Uỷ ban", "Sở", "Bộ", "Ban", "Cục", "Tổng cục", "Vụ", "Viện", "Văn phòng", "Phòng",
    "Trung tâm", "Chi cục", "Đài", "Báo", "Ngân hàng", "Kho bạc Nhà nước", "Kho bạc", "Công an",
    "Bộ Chỉ huy", "Bộ Tư lệnh", "Tòa án nhân dân", "Viện kiểm sát nhân dân", "Thanh tra",
    "Đoàn", "Hội", "Liên đoàn", "Tỉnh ủy", "Tỉnh uỷ", "Thành ủy", "Thành uỷ", "Huyện ủy",
    "Đảng ủy", "Đảng uỷ", "Công ty", "Tập đoàn", "Tổng công ty", "Hợp tác xã", "Trường",
    "Bệnh viện", "Học viện", "Đại học", "Bảo hiểm xã hội", "Chi nhánh", "Quỹ", "Hiệp hội",
    "Thuế tỉnh", "Thuế thành phố", "Cục Thuế", "Tổ công tác", "Tổ", "Hội đồng", "Kiểm toán Nhà nước",
    "Bộ đội Biên phòng", "Quân khu", "Liên minh", "Ban Chỉ đạo", "Ban chỉ đạo", "Ban Quản lý",
)
# Heads of an issuing body written in capitals on a header line (`CỤC THUẾ`).
ORG_HEADER_HEADS: tuple[str, ...] = (
    "Bộ", "Sở", "Cục", "Tổng cục", "Chi cục", "Văn phòng", "Ban", "Trung tâm", "Thanh tra",
    "Công an", "Bộ Chỉ huy", "Tỉnh ủy", "Tỉnh uỷ", "Thành ủy", "Đảng ủy", "Kho bạc Nhà nước",
    "Ngân hàng", "Bảo hiểm xã hội", "Viện", "Thuế", "Chính phủ", "Quốc hội",
)

# Bodies complete in themselves (no name follows).
ORG_NAMES: tuple[str, ...] = (
    "Chính phủ", "Thủ tướng Chính phủ", "Phó Thủ tướng Chính phủ", "Quốc hội",
    "Ủy ban Thường vụ Quốc hội", "Ủy ban thường vụ Quốc hội", "Văn phòng Chính phủ",
    "Văn phòng Quốc hội", "Văn phòng Trung ương Đảng", "Bộ Chính trị", "Ban Bí thư",
    "Ban Chấp hành Trung ương", "Ban Chấp hành Trung ương Đảng", "Chủ tịch nước",
    "Văn phòng Chủ tịch nước", "Tòa án nhân dân tối cao", "Viện kiểm sát nhân dân tối cao",
    "Kiểm toán Nhà nước", "Ngân hàng Nhà nước Việt Nam", "Ngân hàng Nhà nước",
    "Thanh tra Chính phủ", "Ủy ban Dân tộc", "Đảng", "Đảng Cộng sản Việt Nam",
    "Tỉnh ủy", "Tỉnh uỷ", "Thành ủy", "Thành uỷ", "Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Tỉnh uỷ",
    "Ban Thường vụ Thành ủy", "Thường trực Tỉnh ủy", "Thường trực HĐND tỉnh", "Thường trực Hội đồng nhân dân tỉnh",
    "Bảo hiểm xã hội Việt Nam", "Tổng Liên đoàn Lao động Việt Nam", "Trung ương Đoàn",
    "Bộ Công an", "Bộ Quốc phòng", "Công an tỉnh", "Công an thành phố", "Bộ đội Biên phòng",
    "Ban Quản lý các khu công nghiệp", "Ban Quản lý các khu công nghệ cao và khu công nghiệp",
    "Báo và Phát thanh, Truyền hình", "Trung tâm Phục vụ hành chính công", "Văn phòng đăng ký đất đai",
    "Văn phòng Đăng ký đất đai", "Ban Quản lý dự án đầu tư xây dựng", "Ngân hàng nhà nước Việt Nam",
    "Quốc Hội", "Ban Chấp hành Trung ương Đảng", "Trung ương Đảng", "Công an nhân dân", "Tỉnh đoàn",
    "Tòa án nhân dân", "Viện kiểm sát nhân dân", "Mặt trận Tổ quốc Việt Nam", "Ủy ban bầu cử",
    "Bảo hiểm xã hội", "Kho bạc Nhà nước", "Thanh tra", "Bộ Chỉ huy quân sự", "Bộ Chỉ huy Quân sự",
    "VPCP", "UBMTTQ", "MTTQ",
)
# Sector names that follow `Bộ` / `Sở` (old and post-2025 names).
SECTORS: tuple[str, ...] = (
    "Nội vụ", "Tài chính", "Tư pháp", "Xây dựng", "Y tế", "Công Thương", "Công thương",
    "Ngoại giao", "Quốc phòng", "Công an", "Giáo dục và Đào tạo", "Khoa học và Công nghệ",
    "Văn hóa, Thể thao và Du lịch", "Văn hoá, Thể thao và Du lịch", "Văn hóa và Thể thao",
    "Du lịch", "Nông nghiệp và Môi trường", "Nông nghiệp và Phát triển nông thôn",
    "Tài nguyên và Môi trường", "Kế hoạch và Đầu tư", "Giao thông vận tải", "Giao thông Vận tải",
    "Thông tin và Truyền thông", "Lao động - Thương binh và Xã hội", "Lao động, Thương binh và Xã hội",
    "Lao động-Thương binh và Xã hội", "Dân tộc và Tôn giáo", "Ngoại vụ",
    "TT&TT", "KH&ĐT", "KH&CN", "KHCN", "GD&ĐT", "GDĐT", "NN&PTNT", "NN&MT", "TN&MT", "TNMT",
    "LĐ-TB&XH", "LĐTBXH", "VHTT&DL", "VH,TT&DL", "VHTTDL", "GTVT", "TTTT", "KHĐT", "NNMT",
)
# Positions that join the body after them into one ORG span.
ORG_POSITIONS: tuple[str, ...] = (
    "Phó Chủ tịch Thường trực", "Phó Chủ tịch", "Chủ tịch", "Phó Thủ tướng", "Thủ tướng",
    "Bộ trưởng", "Thứ trưởng", "Phó Giám đốc", "Giám đốc", "Tổng Giám đốc", "Phó Trưởng ban",
    "Trưởng ban", "Chánh Văn phòng", "Phó Chánh Văn phòng", "Chánh Thanh tra", "Thủ trưởng",
    "Phó Bí thư", "Bí thư", "Cục trưởng", "Phó Cục trưởng", "Chi cục trưởng", "Trưởng phòng",
    "Phó Trưởng phòng", "Viện trưởng", "Hiệu trưởng", "Người đứng đầu", "Lãnh đạo",
    "Tổ trưởng", "Tổ phó", "Trưởng Đoàn", "Thường trực", "Tập thể lãnh đạo", "PCT", "CT", "TT",
    "đại biểu", "Đại biểu", "Ủy viên", "Uỷ viên", "lãnh đạo", "PCVP", "CVP", "PCT.", "TT.", "Phó Chủ nhiệm",
    "Chủ nhiệm", "Bộ trưởng, Chủ nhiệm", "Phó Trưởng Ban Thường trực", "Trưởng Ban", "Phó Trưởng Ban",
)
# Acronyms and brand names of bodies.
ORG_ACRONYMS: tuple[str, ...] = (
    "VPUB", "VPCP", "NHNN", "VCCI", "VNPT", "Viettel", "MobiFone", "UNDP", "ASEAN", "TTUB", "TTTU",
    "UBMTTQVN", "HĐND", "BHXH", "KBNN", "UNICEF", "WHO", "WB", "ADB", "JICA", "EVN", "VPTU", "BCĐ",
)
# Administrative-unit words that open a LOC (and the place part of an ORG).
ADMIN_UNITS: tuple[str, ...] = (
    "tỉnh", "thành phố", "TP.", "TP", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn",
    "đặc khu", "ấp", "thôn", "khu phố", "bản", "tổ dân phố", "buôn", "làng", "khóm", "xóm",
)
# Generic level words after a body (`Ủy ban nhân dân cấp huyện`).
ADMIN_LEVELS: tuple[str, ...] = ("cấp tỉnh", "cấp huyện", "cấp xã", "cấp thôn", "cấp Trung ương", "Trung ương", "cấp cơ sở")
COUNTRIES: tuple[str, ...] = (
    # one-syllable names (Đức, Nga, Anh, Pháp, Mỹ, Úc) are left out: they are common in people's names
    "Việt Nam", "Lào", "Campuchia", "Trung Quốc", "Hoa Kỳ", "Nhật Bản", "Hàn Quốc",
    "Thái Lan", "Singapore", "Ấn Độ", "Liên bang Nga",
    "Australia", "Canada", "Malaysia", "Indonesia", "Philippines", "Myanmar", "Cu Ba", "Cuba",
    "Cộng hòa dân chủ nhân dân Lào", "Cộng hòa Dân chủ Nhân dân Lào", "Vương quốc Campuchia",
    "Cộng hòa xã hội chủ nghĩa Việt Nam", "Cộng hòa Xã hội Chủ nghĩa Việt Nam",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
)
# Capitalised phrases that look like a body but are titles.
ORG_EXCLUDE: tuple[str, ...] = ("BÁO CÁO", "Báo cáo", "BÁO CÁO TÓM TẮT", "Hội nghị", "Ban hành")

# Vietnamese surnames: a capitalised name of 2-4 syllables opened by one is a PER.
SURNAMES: tuple[str, ...] = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đào", "Lương", "Trương", "Lâm", "Mai", "Tạ", "Cao",
    "Châu", "Tô", "Thái", "Trịnh", "Quách", "Kiều", "Đoàn", "Vương", "Lưu", "La", "Lục", "Mạc",
    "Hứa", "Triệu", "Tăng", "Phùng", "Doãn", "Khổng", "Nông", "Hà", "Chu", "Giang", "Từ",
    "Thân", "Lại", "Văn", "Tôn", "Kim", "Âu", "Mạc", "Quan", "Diệp", "Đàm", "Thạch", "Danh", "Sơn",
)
PERSON_CUES: tuple[str, ...] = ("ông", "bà", "Ông", "Bà", "đồng chí", "Đồng chí", "đ/c", "Đ/c", "ông/bà")

# METRIC: counted head nouns of more than one syllable (longest first at use).
METRIC_COMPOUND_HEADS: tuple[str, ...] = (
    "hồ sơ", "tài khoản", "thủ tục", "văn bản", "cán bộ", "công chức", "viên chức", "doanh nghiệp",
    "người dân", "hộ gia đình", "học sinh", "sinh viên", "giáo viên", "cơ quan", "đơn vị", "dự án",
    "công trình", "nhiệm vụ", "sáng kiến", "mô hình", "đối tượng", "lượt người", "lượt truy cập",
    "tỷ đồng", "triệu đồng", "nghìn đồng", "ngàn đồng", "nghìn tỷ đồng", "triệu USD", "tỷ USD",
    "thủ tục hành chính", "lượt", "cuộc", "hội nghị", "lớp", "tin bài", "tin, bài", "bài viết",
    "phản ánh", "kiến nghị", "vụ việc", "giấy phép", "chứng thư", "chữ ký", "quyết định",
    "Quyết định", "Nghị quyết", "Nghị định", "Thông tư", "Kế hoạch", "Chỉ thị", "Công văn",
    "báo cáo", "kế hoạch", "chỉ tiêu", "tiêu chí", "chỉ số", "thành viên", "đại biểu", "người",
    "hộ", "xã", "phường", "thị trấn", "huyện", "tỉnh", "thôn", "ấp", "giao dịch", "biểu mẫu",
    "dịch vụ công", "dịch vụ", "cơ sở", "trường hợp", "đoàn", "lần", "bộ", "ngành", "cấp",
    "phần trăm", "điểm", "ha", "héc-ta", "hecta", "km", "m2", "m²", "m3", "tấn", "kg", "lít",
    "tháng tuổi", "giờ", "phút", "ngày", "tháng", "năm", "tuần", "tuổi", "kỳ", "đồng", "USD", "bản", "trang",
)
# Words that cannot be the counted head after a number (function words, verbs).
METRIC_HEAD_STOPWORDS: tuple[str, ...] = (
    "thuộc", "và", "thì", "trước", "sau", "của", "là", "có", "được", "đã", "trên", "dưới", "tại",
    "theo", "để", "với", "cho", "từ", "đến", "khi", "nếu", "hoặc", "này", "đó", "sự", "phục",
    "trở", "liên", "không", "chưa", "mà", "về", "trong", "ngoài", "gồm", "như", "thực", "ban",
    "đối", "kể", "tính", "do", "bằng", "hoạt", "các", "những", "vào", "ra",
    "STT", "SST", "TSS", "TỔNG", "rõ", "còn", "triển", "trình", "hợp", "trung",
)
# Spelled-out cardinals that count something (`hai cấp`, `ba lĩnh vực`).
SPELLED_NUMBERS: tuple[str, ...] = ("hai", "ba", "bốn", "sáu", "bảy", "tám", "chín", "mười", "Hai", "Ba", "Bốn")

# Admin units that may be coordinated after a counted head (`145/145 xã, phường, thị trấn`).
METRIC_COORDINATED_HEADS: tuple[str, ...] = ("xã", "phường", "thị trấn", "đặc khu", "huyện", "thị xã", "thành phố", "quận")
MONEY_SCALES: tuple[str, ...] = ("nghìn tỷ", "tỷ", "triệu", "nghìn", "ngàn")
# A number right after one of these is a label or an ordinal, not a quantity.
METRIC_BLOCKERS: tuple[str, ...] = (
    "Điều", "điều", "khoản", "Khoản", "điểm", "Điểm", "Chương", "chương", "Mục", "mục", "Phần",
    "phần", "Phụ lục", "phụ lục", "số", "Số", "thứ", "Khóa", "khóa", "khoá", "Khoá", "lần thứ",
    "ngày", "Ngày", "tháng", "Tháng", "năm", "Năm", "quý", "Quý", "giai đoạn", "mã", "Mã",
    "mẫu", "Mẫu", "biểu", "Biểu", "tờ", "hạng", "Hạng", "xếp thứ", "đứng thứ", "bậc", "Bậc",
    "lô", "thửa", "Tổ", "tổ", "Phường", "phường", "Quận", "quận", "đường", "Đường", "QL", "km",
    "Km", "Hotline", "hotline", "điện thoại", "ĐT", "Fax", "fax", "Zalo", "Email", "đợt",
)

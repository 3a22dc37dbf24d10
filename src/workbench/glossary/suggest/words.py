"""The words ``glossary suggest`` knows about Chinese company names, apart from the logic that uses them.

Kept as plain word lists so a desk can extend them without reading the code: where a description stops
and a name starts, which words only describe, the places and trades that short forms drop, and the
capitalised English words that are not names.
"""

from __future__ import annotations

from workbench.facts.render import MONTHS, WEEKDAYS

# Where a run of Chinese characters stops being a description and starts being the name: after a trade
# description (面館連鎖運營商|廣州遇見小麵…) or a function word (向|奇富科技).
BOUNDARY_WORDS = tuple(
    """
    運營商 營運商 製造商 開發商 供應商 服務商 生產商 零售商 經銷商 分銷商 承包商 企業 公司 銀行 券商 車企
    藥企 房企 險企 平台 平臺 機構 巨頭 龍頭 同業 對手 旗下 股東 品牌 連鎖 包括 例如 以及 表示 宣布 宣佈
    公布 公佈 指出 透露 的 之 向 與 及 由 對 在 將 為 是 從 把 被 讓 給 據 令 跟 而 但 即 稱 儘管 促使
    使用 於 等 非 和
    """.split()  # noqa: SIM905 - a word list reads better than quoted strings
)

# Description words that also end in a company suffix; a name made only of these is not a name.
GENERIC = frozenset(
    """
    金融 投資 民營 國有 國營 國資 本土 外資 中資 港資 私募 商業 地方 數字 數碼 人工智能 信息 資訊 網絡
    互聯網 金融科技 生物 醫療 大型 中小 上市 內地 香港 全球 中國 美國 海外 區域 城市 農村 村鎮 社會 風險
    創業 產業 汽車 電子 前沿 新興 傳統 該 其 這 本 新 各 多家 一家 這家 該家 母 子 控股 集團 科技 投資銀行
    資產管理 管理 控股股東
    """.split()  # noqa: SIM905 - a word list reads better than quoted strings
)

# Places a company name may start with; its short form drops them (廣州遇見小麵 → 遇見小麵).
PLACES = tuple(
    """
    中國 香港 澳門 北京 上海 天津 重慶 廣州 深圳 杭州 南京 蘇州 武漢 成都 西安 福州 廈門 長沙 青島 大連
    寧波 合肥 鄭州 濟南 瀋陽 昆明 廣東 浙江 江蘇 福建 山東 河南 河北 湖南 湖北 四川 安徽 江西 遼寧 吉林
    黑龍江 陝西 山西 雲南 貴州 廣西 海南 甘肅 內蒙古 新疆 西藏 寧夏 青海
    """.split()  # noqa: SIM905 - a word list reads better than quoted strings
)

# Trades a company name may end with; its short form drops them (遇見小麵餐飲 → 遇見小麵).
TRADES = tuple(
    """
    集團 控股 科技 餐飲 化妝品 汽車 醫藥 醫療 生物 實業 地產 置業 銀行 證券 保險 國際 電子 網絡 能源 傳媒
    食品 零售
    """.split()  # noqa: SIM905 - a word list reads better than quoted strings
)

# Capitalised English that starts sentences or names places and roles, never a company.
NOT_NAMES = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "As",
        "It",
        "Its",
        "This",
        "That",
        "But",
        "And",
        "However",
        "Last",
        "On Tuesday",
        "China",
        "Hong Kong",
        "US",
        "U.S.",
        "CEO",
        "AI",
        "IPO",
        "HK",
        "Chinese",
        *WEEKDAYS,
        *MONTHS,
    ]
)

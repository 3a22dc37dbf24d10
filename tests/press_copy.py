"""Hong Kong market copy in the shapes the desk meets every day, each with correct press English written by
hand from the Chinese (not from the checker): quotes and changes, index levels, turnover, results, an IPO, a
buyback, flows, names in the press's short forms. Every check must stay silent on these."""

from __future__ import annotations

PRESS_COPY: list[tuple[str, str]] = [
    (
        "恒生指數收報26263點，跌144點，成交額2,825億元。",
        "The Hang Seng Index closed at 26,263, down 144 points, on turnover of HK$282.5 billion.",
    ),
    ("恒生指數報22861，升1.5%。", "The Hang Seng Index was at 22,861, up 1.5%."),
    ("國指收報9,120點，跌0.8%。", "The Hang Seng China Enterprises Index closed at 9,120 points, down 0.8%."),
    (
        "主板成交額825億元，較上日減少12%。",
        "Main board turnover was HK$82.5 billion, 12% less than the day before.",
    ),
    ("騰訊(00700)收報577元，升26元。", "Tencent (0700.HK) closed at HK$577, up HK$26."),
    ("小米集團(01810)股價下跌3.2%，收報42.5元。", "Xiaomi (1810.HK) fell 3.2% to HK$42.5."),
    ("長和(00001)股價回落1.8%，報48.3元。", "CK Hutchison (0001.HK) fell 1.8% to HK$48.3."),
    (
        "比亞迪電子(00285)股價急升8.5%，收報38.9元。",
        "BYD Electronic (0285.HK) jumped 8.5% to close at HK$38.9.",
    ),
    ("美團(03690)升4.1%，領漲大市。", "Meituan (3690.HK) rose 4.1%, leading the market."),
    (
        "領漲藍籌的是中國聯通(00762)，升6.3%。",
        "Leading the blue-chip gainers was China Unicom (0762.HK), up 6.3%.",
    ),
    (
        "阿里巴巴(09988)跌2.3%，京東集團(09618)跌1.5%。",
        "Alibaba (9988.HK) fell 2.3% and JD.com (9618.HK) fell 1.5%.",
    ),
    ("ATMXJ全線上升，其中小米升3%。", "Alibaba, Tencent, Meituan, Xiaomi and JD.com all rose, Xiaomi by 3%."),
    (
        "匯豐控股(00005)宣布回購最多30億美元股份。",
        "HSBC (0005.HK) announced a buyback of up to US$3 billion of its shares.",
    ),
    (
        "騰訊昨日回購100萬股，涉資5.03億元。",
        "Tencent bought back 1 million shares yesterday for HK$503 million.",
    ),
    ("中金預測恒指明年目標為28000點。", "CICC forecasts the Hang Seng Index at 28,000 points next year."),
    (
        "周六福珠寶首日掛牌收報26.5元，較招股價24.68元高7.4%。",
        "Zhou Liu Fu Jewellery closed at HK$26.5 on its debut, 7.4% above its IPO price of HK$24.68.",
    ),
    (
        "公司計劃招股集資18.3億至24.4億元，每股招股價介乎8.5元至10.2元。",
        "It plans to raise HK$1.83 billion to HK$2.44 billion in its IPO, at HK$8.5 to HK$10.2 a share.",
    ),
    (
        "騰訊第三季收入1,928.7億元人民幣，按年增長15%。",
        "Tencent's third-quarter revenue rose 15% year on year to 192.87 billion yuan.",
    ),
    (
        "中國聯通上半年純利按年增長5.1%至63.5億元人民幣。",
        "China Unicom's first-half net profit rose 5.1% to 6.35 billion yuan.",
    ),
    (
        "中國人壽今年首三季純利按年升約1倍。",
        "China Life's net profit for the first three quarters of the year roughly doubled.",
    ),
    ("內房股在中國回升。壽險股領漲。", "Property stocks rebounded in China. Life insurers led the gains."),
    (
        "港股通南向資金淨買入港股52.3億元。",
        "Southbound investors bought a net HK$5.23 billion of Hong Kong stocks through the Stock Connect.",
    ),
    ("新冠疫情後，5G手機出貨量回升。", "Shipments of 5G smartphones recovered after COVID-19."),
    (
        "兩間公司合併後將成為業內第一。",
        "The two companies will become the industry's No. 1 after the merger.",
    ),
    ("公司股價今年累升約75%。", "The stock has gained about 75% this year."),
    ("比亞迪股份11月銷量按年跌5%。", "BYD said its November sales fell 5% year on year."),
    ("該行第三季淨利息收入按年跌3%。", "The bank's net interest income fell 3% in the third quarter."),
    ("H股指數跌1.1%，A股則回升0.5%。", "The H-share index fell 1.1%, while A shares rose 0.5%."),
    (
        "友邦保險(01299)宣布派末期息每股1.3港元。",
        "AIA (1299.HK) declared a final dividend of HK$1.3 a share.",
    ),
    ("恒指12月5日收報25,500點。", "The Hang Seng Index closed at 25,500 on December 5."),
    ("2024年上半年，公司收入按年升20.8%。", "In the first half of 2024, the company's revenue rose 20.8%."),
    ("百度(09888)跌3%，收報85元，為兩個月低位。", "Baidu (9888.HK) fell 3% to HK$85, a two-month low."),
    (
        "網易(09999)股價升2.4%，報150.2元，成交額12億元。",
        "NetEase (9999.HK) rose 2.4% to HK$150.2 on turnover of HK$1.2 billion.",
    ),
]

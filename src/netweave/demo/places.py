"""Places for the demo network: hub cities, country names, phone numbering plans, mail providers, domains."""

from __future__ import annotations

# Where people live when they moved for work, whatever their background.
HUB_CITIES: tuple[tuple[str, str], ...] = (
    ("London", "GB"), ("Berlin", "DE"), ("Amsterdam", "NL"), ("Lisbon", "PT"), ("New York", "US"),
    ("San Francisco", "US"), ("Singapore", "SG"), ("Dubai", "AE"), ("Toronto", "CA"), ("Paris", "FR"),
    ("Barcelona", "ES"), ("Dublin", "IE"), ("Zürich", "CH"), ("Stockholm", "SE"), ("Sydney", "AU"),
    ("Tokyo", "JP"), ("Bengaluru", "IN"), ("São Paulo", "BR"), ("Lagos", "NG"), ("Nairobi", "KE"),
)

COUNTRY_NAMES = {
    "PT": "Portugal", "BR": "Brazil", "CN": "China", "SG": "Singapore", "CA": "Canada", "IN": "India",
    "GB": "United Kingdom", "US": "United States", "NG": "Nigeria", "AE": "United Arab Emirates",
    "SA": "Saudi Arabia", "JO": "Jordan", "LB": "Lebanon", "EG": "Egypt", "MA": "Morocco", "JP": "Japan",
    "KR": "South Korea", "VN": "Vietnam", "AU": "Australia", "FR": "France", "PL": "Poland", "DE": "Germany",
    "RU": "Russia", "GE": "Georgia", "RS": "Serbia", "CY": "Cyprus", "MX": "Mexico", "ES": "Spain",
    "AT": "Austria", "CH": "Switzerland", "SE": "Sweden", "DK": "Denmark", "NO": "Norway", "FI": "Finland",
    "IE": "Ireland", "TR": "Turkey", "NL": "Netherlands", "IR": "Iran", "GH": "Ghana", "GR": "Greece",
    "IT": "Italy", "BE": "Belgium", "KE": "Kenya",
}

# Mobile numbering plans: (dial code, national pattern). "N" is a digit 2-9, "D" any digit; spaces and
# dashes are kept in the raw form as people write them; the E.164 form is "+" dial code and the digits.
PHONE_PLANS: dict[str, tuple[str, tuple[str, ...]]] = {
    "PT": ("351", ("91D DDD DDD", "93D DDD DDD", "96D DDD DDD", "92D DDD DDD")),
    "BR": ("55", ("11 9DDDD-DDDD", "21 9DDDD-DDDD", "31 9DDDD-DDDD", "48 9DDDD-DDDD", "81 9DDDD-DDDD")),
    "CN": ("86", ("138 DDDD DDDD", "139 DDDD DDDD", "186 DDDD DDDD", "151 DDDD DDDD")),
    "SG": ("65", ("9DDD DDDD", "8DDD DDDD")),
    "CA": ("1", ("(416) NDD-DDDD", "604-NDD-DDDD", "(514) NDD-DDDD")),
    "US": ("1", ("(415) NDD-DDDD", "212-NDD-DDDD", "(646) NDD-DDDD", "206 NDD DDDD", "(312) NDD-DDDD",
                 "617-NDD-DDDD", "512-NDD-DDDD")),
    "IN": ("91", ("98DDD DDDDD", "99DDD DDDDD", "97DDD DDDDD", "70DDD DDDDD")),
    "GB": ("44", ("7700 NDDDDD", "7911 DDDDDD", "7812 DDDDDD", "7403 DDDDDD", "20 7DDD DDDD")),
    "NG": ("234", ("803 DDD DDDD", "806 DDD DDDD", "813 DDD DDDD", "809 DDD DDDD")),
    "AE": ("971", ("50 DDD DDDD", "55 DDD DDDD", "52 DDD DDDD")),
    "SA": ("966", ("50 DDD DDDD", "55 DDD DDDD")),
    "JO": ("962", ("79 DDD DDDD", "77 DDD DDDD")),
    "LB": ("961", ("3 DDD DDD", "71 DDD DDD")),
    "EG": ("20", ("10 DDDD DDDD", "12 DDDD DDDD")),
    "MA": ("212", ("6DD-DDDDDD",)),
    "JP": ("81", ("90-DDDD-DDDD", "80-DDDD-DDDD", "70-DDDD-DDDD", "3-DDDD-DDDD")),
    "KR": ("82", ("10-DDDD-DDDD",)),
    "VN": ("84", ("91 DDD DD DD", "90 DDD DD DD", "98 DDD DD DD")),
    "AU": ("61", ("4DD DDD DDD",)),
    "FR": ("33", ("6 DD DD DD DD", "7 DD DD DD DD", "1 DD DD DD DD")),
    "PL": ("48", ("5DD DDD DDD", "6DD DDD DDD", "7DD DDD DDD")),
    "DE": ("49", ("151 DDDDDDDD", "160 DDDDDDD", "170 DDDDDDD", "176 DDDDDDDD", "30 DDDDDDDD")),
    "RU": ("7", ("9DD DDD-DD-DD",)),
    "GE": ("995", ("5DD DD DD DD",)),
    "RS": ("381", ("6D DDD DDDD",)),
    "CY": ("357", ("99 DDDDDD", "96 DDDDDD")),
    "MX": ("52", ("55 DDDD DDDD", "33 DDDD DDDD", "81 DDDD DDDD")),
    "ES": ("34", ("6DD DD DD DD", "6DD DDD DDD")),
    "AT": ("43", ("664 DDDDDDD", "676 DDDDDDD")),
    "CH": ("41", ("79 DDD DD DD", "78 DDD DD DD")),
    "SE": ("46", ("70-DDD DD DD", "73-DDD DD DD")),
    "DK": ("45", ("NDDD DDDD", "ND DD DD DD")),
    "NO": ("47", ("4DD DD DDD", "9DD DD DDD")),
    "FI": ("358", ("40 DDD DDDD", "50 DDD DDDD")),
    "IE": ("353", ("87 DDD DDDD", "86 DDD DDDD", "85 DDD DDDD")),
    "TR": ("90", ("532 DDD DD DD", "505 DDD DD DD", "542 DDD DD DD")),
    "NL": ("31", ("6 DDDD DDDD", "6-DDDDDDDD")),
    "IR": ("98", ("912 DDD DDDD", "935 DDD DDDD")),
    "GH": ("233", ("24 DDD DDDD", "20 DDD DDDD", "55 DDD DDDD")),
    "GR": ("30", ("69N DDD DDDD",)),
    "IT": ("39", ("3NN DDD DDDD", "3NN DDDDDDD")),
    "BE": ("32", ("47D DD DD DD", "49D DD DD DD")),
    "KE": ("254", ("7DD DDD DDD",)),
}

# Personal mail providers people in a country tend to use (weights by order: the first is the commonest).
MAIL_PROVIDERS: dict[str, tuple[str, ...]] = {
    "default": ("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "hotmail.com", "fastmail.com"),
    "PT": ("gmail.com", "sapo.pt", "hotmail.com", "outlook.pt"),
    "BR": ("gmail.com", "hotmail.com", "uol.com.br", "bol.com.br", "outlook.com"),
    "CN": ("qq.com", "163.com", "gmail.com", "126.com"),
    "DE": ("gmail.com", "gmx.de", "web.de", "t-online.de", "posteo.de"),
    "AT": ("gmx.at", "gmail.com", "aon.at"),
    "CH": ("gmail.com", "bluewin.ch", "gmx.ch", "proton.me"),
    "RU": ("gmail.com", "yandex.ru", "mail.ru"),
    "JP": ("gmail.com", "yahoo.co.jp", "icloud.com", "docomo.ne.jp"),
    "KR": ("naver.com", "gmail.com", "daum.net", "kakao.com"),
    "FR": ("gmail.com", "orange.fr", "free.fr", "laposte.net", "hotmail.fr"),
    "IT": ("gmail.com", "libero.it", "hotmail.it", "virgilio.it"),
    "PL": ("gmail.com", "wp.pl", "onet.pl", "o2.pl", "interia.pl"),
    "IN": ("gmail.com", "yahoo.co.in", "rediffmail.com", "outlook.com"),
    "GB": ("gmail.com", "btinternet.com", "outlook.com", "icloud.com", "yahoo.co.uk"),
    "SE": ("gmail.com", "telia.com", "hotmail.se", "outlook.com"),
    "TR": ("gmail.com", "hotmail.com", "yandex.com.tr"),
    "MX": ("gmail.com", "hotmail.com", "outlook.com", "yahoo.com.mx"),
    "ES": ("gmail.com", "hotmail.es", "yahoo.es", "outlook.es"),
}

# Top-level domains by country, for made-up organisation domains.
COUNTRY_TLDS: dict[str, str] = {
    "PT": "pt", "BR": "com.br", "DE": "de", "FR": "fr", "IT": "it", "ES": "es", "GB": "co.uk", "JP": "co.jp",
    "IN": "in", "NG": "ng", "PL": "pl", "SE": "se", "IE": "ie", "NL": "nl", "MX": "mx", "TR": "com.tr",
    "AU": "com.au", "CA": "ca", "CH": "ch", "DK": "dk", "GH": "com.gh", "GR": "gr",
}
